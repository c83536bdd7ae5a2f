import type { BlockType, Mailing, MailingBlock, MailingContent, MailingInput } from '../../api/mailings';

export type Editor = MailingContent['editor'];

/**
 * The editor's shape: both ways of writing the content are kept while the page is open, so switching
 * between them loses nothing; only the one chosen is saved.
 */
export interface MailingValues {
  name: string;
  subject: string;
  purpose: string;
  fromName: string;
  replyTo: string;
  audience: { segmentIds: number[]; tags: string[] };
  editor: Editor;
  blocks: MailingBlock[];
  html: string;
  text: string;
}

export const DEFAULT_PURPOSE = 'newsletter';

/** The merge fields staff may type; the server refuses any other. */
export const mergeFields = ['greeting', 'contact_name', 'organization_name'] as const;

export function newBlock(type: BlockType): MailingBlock {
  switch (type) {
    case 'heading':
    case 'paragraph':
      return { type, text: '' };
    case 'button':
      return { type, text: '', url: 'https://' };
    case 'image':
      return { type, src: 'https://', alt: '' };
    case 'divider':
      return { type };
  }
}

export function valuesOf(m: Mailing): MailingValues {
  return {
    name: m.name,
    subject: m.subject,
    purpose: m.purpose,
    fromName: m.fromName ?? '',
    replyTo: m.replyTo ?? '',
    audience: { segmentIds: [...m.audience.segmentIds], tags: [...m.audience.tags] },
    editor: m.content.editor,
    blocks: m.content.editor === 'blocks' ? m.content.blocks : [],
    html: m.content.editor === 'code' ? m.content.html : '',
    text: m.content.editor === 'code' ? (m.content.text ?? '') : '',
  };
}

const isWebUrl = (value: string) => {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
};

/** A block as the API takes it, trimmed; null while it is still half written (no text, no address). */
export function blockBody(block: MailingBlock): MailingBlock | null {
  switch (block.type) {
    case 'heading':
    case 'paragraph': {
      const text = (block.text ?? '').trim();
      return text ? { type: block.type, text } : null;
    }
    case 'button': {
      const text = (block.text ?? '').trim();
      const url = (block.url ?? '').trim();
      return text && isWebUrl(url) ? { type: 'button', text, url } : null;
    }
    case 'image': {
      const src = (block.src ?? '').trim();
      const alt = (block.alt ?? '').trim();
      return isWebUrl(src) ? { type: 'image', src, ...(alt ? { alt } : {}) } : null;
    }
    case 'divider':
      return { type: 'divider' };
  }
}

/**
 * The content as saved, or as previewed: in blocks mode, blocks still being written are left out.
 * `blockIndex` maps each block sent to its place on screen, to put the server's words beside it.
 */
export function contentWithIndex(v: Pick<MailingValues, 'editor' | 'blocks' | 'html' | 'text'>): {
  content: MailingContent;
  blockIndex: number[];
} {
  if (v.editor === 'code') {
    const text = v.text ?? '';
    return { content: { editor: 'code', html: v.html ?? '', ...(text.trim() ? { text } : {}) }, blockIndex: [] };
  }
  const kept = (v.blocks ?? []).flatMap((b, i) => {
    const body = blockBody(b);
    return body ? [{ body, i }] : [];
  });
  return { content: { editor: 'blocks', blocks: kept.map((k) => k.body) }, blockIndex: kept.map((k) => k.i) };
}

export const contentOf = (v: Pick<MailingValues, 'editor' | 'blocks' | 'html' | 'text'>): MailingContent =>
  contentWithIndex(v).content;

const blankToNull = (value: string | undefined) => (value?.trim() ? value.trim() : null);

/** Editor values as the API's body (POST and PATCH take the same fields). */
export function mailingBody(v: MailingValues): MailingInput {
  return {
    name: v.name.trim(),
    subject: v.subject ?? '',
    purpose: v.purpose || DEFAULT_PURPOSE,
    fromName: blankToNull(v.fromName),
    replyTo: blankToNull(v.replyTo),
    content: contentOf(v),
    audience: { segmentIds: v.audience?.segmentIds ?? [], tags: v.audience?.tags ?? [] },
  };
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * Blocks as plain HTML, the starting point when staff switch to writing code. Merge fields stay as
 * they are ({{ greeting }} has no characters to escape); the server's layout adds the frame and footer.
 */
export function blocksToHtml(blocks: MailingBlock[]): string {
  return blocks
    .flatMap((b) => blockBody(b) ?? [])
    .map((b) => {
      switch (b.type) {
        case 'heading':
          return `<h2>${escapeHtml(b.text)}</h2>`;
        case 'paragraph':
          return `<p>${escapeHtml(b.text).replace(/\r?\n/g, '<br>\n')}</p>`;
        case 'button':
          return `<p><a href="${escapeHtml(b.url)}" style="display:inline-block;padding:10px 20px;background:#1f7a5c;color:#ffffff;border-radius:4px;text-decoration:none">${escapeHtml(b.text)}</a></p>`;
        case 'image':
          return `<p><img src="${escapeHtml(b.src)}" alt="${escapeHtml(b.alt ?? '')}" style="max-width:100%"></p>`;
        case 'divider':
          return '<hr>';
      }
    })
    .join('\n');
}
