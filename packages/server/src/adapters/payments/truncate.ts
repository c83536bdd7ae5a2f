/**
 * Cuts text to at most maxBytes of UTF-8 without splitting a character. A Chinese character is
 * three bytes, so a limit read as bytes or as characters is met either way.
 */
export function truncateUtf8(text: string, maxBytes: number): string {
  let bytes = 0;
  let end = 0;
  for (const char of text) {
    bytes += Buffer.byteLength(char, 'utf8');
    if (bytes > maxBytes) break;
    end += char.length;
  }
  return text.slice(0, end);
}
