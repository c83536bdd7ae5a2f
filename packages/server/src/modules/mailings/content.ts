import { AppError } from '../../errors/app-error.ts';
import {
  compileEmailTemplate,
  escapeHtml,
  type CompiledEmailTemplate,
  type EmailTemplateSource,
} from '../email/index.ts';
import type { MailingBlock, MailingContent } from './schemas.ts';

// Inline styles and tables only: QQ Mail, 163 and Outlook drop <style> blocks and flexbox.
const blockHtml: { [K in MailingBlock['type']]: (block: Extract<MailingBlock, { type: K }>) => string } = {
  heading: (b) =>
    `<h2 style="margin:0 0 12px;font-size:20px;line-height:1.4;color:#1f2329;">${escapeHtml(b.text)}</h2>`,
  paragraph: (b) => `<p style="margin:0 0 16px;">${escapeHtml(b.text).replaceAll('\n', '<br>')}</p>`,
  button: (b) =>
    `<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:8px 0 20px;"><tr>` +
    `<td style="border-radius:6px;background-color:#1677ff;"><a href="${escapeHtml(b.url)}" ` +
    `style="display:inline-block;padding:12px 24px;color:#ffffff;text-decoration:none;font-weight:600;">` +
    `${escapeHtml(b.text)}</a></td></tr></table>`,
  image: (b) =>
    `<p style="margin:0 0 16px;"><img src="${escapeHtml(b.src)}" alt="${escapeHtml(b.alt ?? '')}" width="552" ` +
    `style="display:block;width:100%;max-width:552px;height:auto;border:0;"></p>`,
  divider: () => '<hr style="border:0;border-top:1px solid #e5e6eb;margin:24px 0;">',
};

const blockText: { [K in MailingBlock['type']]: (block: Extract<MailingBlock, { type: K }>) => string } = {
  heading: (b) => b.text,
  paragraph: (b) => b.text,
  button: (b) => `${b.text}：${b.url}`,
  image: (b) => (b.alt ? `[${b.alt}]` : ''),
  divider: () => '----',
};

const render = <T>(
  table: { [K in MailingBlock['type']]: (b: Extract<MailingBlock, { type: K }>) => T },
  b: MailingBlock,
) => (table[b.type] as (block: MailingBlock) => T)(b);

const blockTags = /<(br|p|div|h[1-6]|li|tr|table|hr)\b[^>]*>/gi;
const entities: Record<string, string> = { '&nbsp;': ' ', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&amp;': '&' };

/** The plain-text part of hand-written HTML: line breaks where blocks end, tags and comments gone. */
export function textFromHtml(html: string): string {
  return html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(style|head|script)\b[\s\S]*?<\/\1>/gi, '')
    .replace(
      /<a\b[^>]*href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/gi,
      (_, href: string, label: string) => `${label}（${href}）`,
    )
    .replace(blockTags, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&(nbsp|lt|gt|quot|amp);/g, (e) => entities[e]!)
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The Liquid source of a mailing: blocks become email-safe HTML and text; code is taken as written. */
export function templateSource(subject: string, content: MailingContent): EmailTemplateSource {
  if (content.editor === 'code') {
    const text = content.text?.trim() ? content.text : textFromHtml(content.html);
    return { subject, html: content.html, text };
  }
  return {
    subject,
    html: content.blocks.map((b) => render(blockHtml, b)).join('\n'),
    text: content.blocks
      .map((b) => render(blockText, b))
      .filter(Boolean)
      .join('\n\n'),
  };
}

const blockTextFields = (b: MailingBlock): [string, string][] =>
  b.type === 'heading' || b.type === 'paragraph'
    ? [['text', b.text]]
    : b.type === 'button'
      ? [
          ['text', b.text],
          ['url', b.url],
        ]
      : [];

/**
 * Parses and checks a mailing's template. A mistake in a block is reported at that block
 * (content.blocks.3.text); in code, at the part, line and column.
 */
export function compileMailing(subject: string, content: MailingContent): CompiledEmailTemplate {
  if (content.editor === 'blocks') {
    for (const [i, block] of content.blocks.entries()) {
      for (const [field, value] of blockTextFields(block)) {
        try {
          compileEmailTemplate({ subject: '', html: value, text: '' });
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          const path = `content.blocks.${i}.${field}`;
          const message = error.message.replace('HTML 正文', `第 ${i + 1} 个模块`);
          throw new AppError(error.code, message, [{ path, message }], error.details);
        }
      }
    }
  }
  return compileEmailTemplate(templateSource(subject, content));
}
