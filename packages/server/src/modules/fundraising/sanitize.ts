import sanitizeHtml from 'sanitize-html';

// Our own uploaded images only (/media/…): a story never loads anything from another site, so a
// public page in China never waits on a blocked host and never leaks its readers to one.
const ownImage = /^\/media\/[0-9a-f-]{36}\/[0-9a-f-]{36}\.(jpg|png|webp|gif)$/;

/**
 * A campaign story as safe HTML: paragraphs, headings, emphasis, lists, quotes, links (http, https,
 * mailto, opened safely) and our own images. Everything else (scripts, styles, event handlers,
 * iframes, other sites' images) is dropped.
 */
export function sanitizeStory(html: string): string {
  return sanitizeHtml(html, {
    allowedTags: [
      'p',
      'br',
      'h2',
      'h3',
      'strong',
      'b',
      'em',
      'i',
      'u',
      's',
      'ul',
      'ol',
      'li',
      'blockquote',
      'a',
      'img',
    ],
    allowedAttributes: { a: ['href', 'rel', 'target'], img: ['src', 'alt'] },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowProtocolRelative: false,
    exclusiveFilter: (frame) => frame.tag === 'img' && !ownImage.test(frame.attribs.src ?? ''),
    transformTags: {
      a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow', target: '_blank' }),
      h1: 'h2',
    },
  }).trim();
}

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const escapeText = (text: string) => text.replace(/[&<>"]/g, (c) => escapes[c]!);

/** Plain text as story HTML: a paragraph per blank-line-separated block, line breaks kept. */
export function storyFromText(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((block) => block.trim())
    .filter(Boolean)
    .map((block) => `<p>${escapeText(block).replaceAll('\n', '<br>')}</p>`)
    .join('');
}
