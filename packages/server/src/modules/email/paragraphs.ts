/** Text for HTML: the five characters that could open markup or end an attribute. */
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A service email of plain paragraphs (a receipt, a notice): its text and HTML parts, each line escaped. */
export const paragraphsEmail = (lines: readonly string[]) => ({
  text: lines.join('\n\n'),
  html: lines.map((line) => `<p>${escapeHtml(line)}</p>`).join(''),
});
