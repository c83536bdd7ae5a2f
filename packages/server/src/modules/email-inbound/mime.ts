/**
 * Just enough MIME to read a report (RFC 6522 multipart/report): headers, multipart bodies and the
 * two transfer encodings. mailparser folds report parts into the text body (an inline message/rfc822
 * loses its headers), so reports are walked here; mailparser still decodes subjects and text.
 */

export interface MimePart {
  /** Lower-cased names, unfolded values, in order. */
  headers: [string, string][];
  /** `type/subtype`, lower case. */
  type: string;
  params: Record<string, string>;
  /** The decoded body as text (reports are ASCII). */
  body: string;
  parts: MimePart[];
}

const MAX_DEPTH = 8;
const MAX_PARTS = 200;

/** Unfolded header fields of a header block; lines that are not fields are skipped. */
export function parseHeaderBlock(block: string): [string, string][] {
  const fields: [string, string][] = [];
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!/^[\x21-\x39\x3b-\x7e]+$/.test(name)) continue;
    fields.push([name, line.slice(colon + 1).trim()]);
  }
  return fields;
}

export const headerOf = (headers: [string, string][], name: string) => headers.find(([n]) => n === name)?.[1];

/** `text/plain; charset="utf-8"` → type and parameters. */
export function parseContentType(value: string | undefined): { type: string; params: Record<string, string> } {
  if (!value) return { type: 'text/plain', params: {} };
  const [type, ...rest] = value.split(';');
  const params: Record<string, string> = {};
  for (const param of rest) {
    const eq = param.indexOf('=');
    if (eq <= 0) continue;
    params[param.slice(0, eq).trim().toLowerCase()] = param
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/s, '$1');
  }
  return { type: (type ?? '').trim().toLowerCase() || 'text/plain', params };
}

function splitHead(text: string): { head: string; body: string } {
  const match = /\r?\n\r?\n/.exec(text);
  if (!match) return { head: text, body: '' };
  return { head: text.slice(0, match.index), body: text.slice(match.index + match[0].length) };
}

const decodeQuotedPrintable = (text: string) =>
  Buffer.from(
    text
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    'latin1',
  ).toString('utf8');

function decodeBody(body: string, encoding: string | undefined): string {
  const kind = encoding?.trim().toLowerCase();
  if (kind === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (kind === 'quoted-printable') return decodeQuotedPrintable(body);
  return body;
}

function splitMultipart(body: string, boundary: string): string[] {
  const delimiter = `--${boundary}`;
  const sections: string[] = [];
  let current: string[] | undefined;
  for (const line of body.split(/\r?\n/)) {
    if (line.startsWith(delimiter)) {
      if (current) sections.push(current.join('\r\n'));
      if (line.slice(delimiter.length).startsWith('--')) return sections;
      current = [];
      continue;
    }
    current?.push(line);
  }
  if (current) sections.push(current.join('\r\n'));
  return sections;
}

/** The MIME tree of one message; never throws, however the input is broken. */
export function parseMime(text: string, depth = 0, budget = { parts: MAX_PARTS }): MimePart {
  const { head, body } = splitHead(text);
  const headers = parseHeaderBlock(head);
  const { type, params } = parseContentType(headerOf(headers, 'content-type'));
  const decoded = decodeBody(body, headerOf(headers, 'content-transfer-encoding'));
  const parts: MimePart[] = [];
  if (type.startsWith('multipart/') && params.boundary && depth < MAX_DEPTH) {
    for (const section of splitMultipart(body, params.boundary)) {
      if (--budget.parts < 0) break;
      parts.push(parseMime(section, depth + 1, budget));
    }
  }
  return { headers, type, params, body: type.startsWith('multipart/') ? '' : decoded, parts };
}

/** Every part of the tree, depth first, the root included. */
export function* walk(part: MimePart): Generator<MimePart> {
  yield part;
  for (const child of part.parts) yield* walk(child);
}
