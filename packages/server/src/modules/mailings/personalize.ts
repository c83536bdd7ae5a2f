import type { OutgoingEmail } from '../../adapters/email/index.ts';
import type { Config } from '../../config/config.ts';
import {
  mergeFieldsFor,
  renderEmail,
  signUnsubscribeToken,
  unsubscribeKeyring,
  unsubscribeLinks,
  type CompiledEmailTemplate,
} from '../email/index.ts';
import type { MailingRow } from './repo.ts';
import { addTracking } from './tracking.ts';

export interface MailingToSend {
  org: { id: string; name: string; emailTracking?: boolean };
  mailing: Pick<MailingRow, 'id' | 'purpose' | 'fromName' | 'replyTo'>;
  template: CompiledEmailTemplate;
}

const keyrings = new Map<string, ReturnType<typeof unsubscribeKeyring>>();
const keyringFor = (secret: string) => {
  let keyring = keyrings.get(secret);
  if (!keyring) keyrings.set(secret, (keyring = unsubscribeKeyring(secret)));
  return keyring;
};

/**
 * One recipient's copy: merge fields, a signed unsubscribe link for this contact and purpose, and the
 * RFC 8058 one-click headers. The message and recipient ids make the Message-ID the same on every try.
 */
export function personalize(
  config: Pick<Config, 'PUBLIC_URL' | 'SECRET_KEY' | 'EMAIL_FROM'>,
  send: MailingToSend,
  recipient: { contactId: number; name: string | null; email: string },
  test?: { sendId: OutgoingEmail['sendId'] },
): OutgoingEmail {
  // A test copy goes to staff, who are not contacts: its links lead to an invalid-link page.
  const token = test
    ? 'test'
    : signUnsubscribeToken(keyringFor(config.SECRET_KEY), {
        orgId: send.org.id,
        contactId: Number(recipient.contactId),
        channel: 'email',
        purpose: send.mailing.purpose,
      });
  const links = unsubscribeLinks(config.PUBLIC_URL, config.EMAIL_FROM, token);
  const sendId = test?.sendId ?? { messageId: `mailing-${send.mailing.id}`, recipientId: `c${recipient.contactId}` };
  const fields = mergeFieldsFor({
    contactName: recipient.name,
    organizationName: send.org.name,
    unsubscribeUrl: links.unsubscribeUrl,
    preferencesUrl: links.preferencesUrl,
  });
  const rendered = renderEmail(send.template, fields);
  return {
    from: { name: send.mailing.fromName || send.org.name, address: config.EMAIL_FROM },
    replyTo: send.mailing.replyTo ? { address: send.mailing.replyTo } : undefined,
    to: { name: recipient.name ?? '', address: recipient.email },
    subject: rendered.subject,
    html:
      send.org.emailTracking && !test
        ? addTracking(rendered.html, config.PUBLIC_URL, config.SECRET_KEY, {
            orgId: send.org.id,
            mailingId: send.mailing.id,
            contactId: Number(recipient.contactId),
          })
        : rendered.html,
    text: rendered.text,
    sendId,
    unsubscribe: { url: links.unsubscribeUrl, mailto: links.mailto },
  };
}
