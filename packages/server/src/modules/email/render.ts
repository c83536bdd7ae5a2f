import { LiquidError, type Template } from 'liquidjs';
import { oneLine } from '../../adapters/email/index.ts';
import { htmlLiquid, parsePart, plainLiquid, templateError, type TemplatePart } from './liquid.ts';
import { wrapHtml, wrapText } from './layout.ts';
import type { MergeFields } from './merge-fields.ts';

export interface EmailTemplateSource {
  subject: string;
  html: string;
  text: string;
}

/** A template parsed and checked once, then rendered for each recipient of a send. */
export interface CompiledEmailTemplate {
  subject: Template[];
  html: Template[];
  text: Template[];
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

/** Throws TEMPLATE_INVALID, with the part, line and column, for any problem in any part. */
export const compileEmailTemplate = (source: EmailTemplateSource): CompiledEmailTemplate => ({
  subject: parsePart(plainLiquid, 'subject', source.subject),
  html: parsePart(htmlLiquid, 'html', source.html),
  text: parsePart(plainLiquid, 'text', source.text),
});

function renderPart(part: TemplatePart, templates: Template[], fields: MergeFields): string {
  const liquid = part === 'html' ? htmlLiquid : plainLiquid;
  try {
    return liquid.renderSync(templates, fields) as string;
  } catch (error) {
    // Render limits (a runaway loop) surface here; unknown variables were refused at compile.
    if (!(error instanceof LiquidError)) throw error;
    const [line, column] = error.token?.getPosition() ?? [];
    throw templateError(part, error.originalError?.message ?? error.message, line, column);
  }
}

/** The subject, the HTML body in the responsive layout, and the text part, for one recipient. */
export function renderEmail(template: CompiledEmailTemplate, fields: MergeFields): RenderedEmail {
  // A subject is one header line, as it will be sent.
  const subject = oneLine(renderPart('subject', template.subject, fields));
  return {
    subject,
    html: wrapHtml(renderPart('html', template.html, fields), subject, fields),
    text: wrapText(renderPart('text', template.text, fields), fields),
  };
}
