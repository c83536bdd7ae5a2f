import { ApiError } from '../../api/client';

/** A template the server could not read: which part (or which block on screen), and its words. */
export interface TemplateProblem {
  part: 'subject' | 'html' | 'text' | 'block';
  message: string;
  /** For a block: its place on screen, and the field (text or url). */
  block?: number;
  field?: string;
}

const parts = new Set(['subject', 'html', 'text']);

/**
 * The server names the part (subject, html, text) or the block (content.blocks.3.text) and counts
 * blocks as it got them; the preview leaves half-written blocks out, so the number is put back to the
 * one staff see.
 */
export function templateProblemOf(error: unknown, blockIndex: number[]): TemplateProblem | null {
  if (!(error instanceof ApiError) || error.code !== 'TEMPLATE_INVALID') return null;
  const field = error.fields[0];
  const path = field?.path.replace(/^body\./, '') ?? '';
  if (parts.has(path)) return { part: path as TemplateProblem['part'], message: field!.message };
  const inBlock = /^content\.blocks\.(\d+)\.(\w+)$/.exec(path);
  if (inBlock) {
    const sent = Number(inBlock[1]);
    const shown = blockIndex[sent] ?? sent;
    const message = field!.message.replace(`第 ${sent + 1} 个模块`, `第 ${shown + 1} 个模块`);
    return { part: 'block', message, block: shown, field: inBlock[2] };
  }
  return { part: 'html', message: field?.message ?? error.message };
}
