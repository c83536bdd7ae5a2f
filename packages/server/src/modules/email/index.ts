/** Templates: parse and check once (TEMPLATE_INVALID with line and column), render per recipient. */
export {
  compileEmailTemplate,
  renderEmail,
  type CompiledEmailTemplate,
  type EmailTemplateSource,
  type RenderedEmail,
} from './render.ts';
/** The merge fields a template may use, and their values for one recipient. */
export { greetingFor, mergeFieldNames, mergeFieldsFor, type MergeFields, type Recipient } from './merge-fields.ts';
/** Signed, non-expiring unsubscribe tokens per organization, contact, channel and purpose. */
export {
  signUnsubscribeToken,
  unsubscribeKeyring,
  verifyUnsubscribeToken,
  type UnsubscribeClaims,
  type UnsubscribeKeyring,
  type UnsubscribeVerdict,
} from './unsubscribe-token.ts';
/** The unsubscribe, preferences and mailto: links a token leads to. */
export { unsubscribeLinks, type UnsubscribeLinks } from './links.ts';
/** A message's own HTML and text inside the layout with the unsubscribe footer (no template evaluation). */
export { wrapHtml, wrapText } from './layout.ts';
/** Service emails of plain paragraphs, escaped. */
export { escapeHtml, paragraphsEmail } from './paragraphs.ts';
