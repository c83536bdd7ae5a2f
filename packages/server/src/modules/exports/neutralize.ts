/**
 * Spreadsheet formula injection: a cell that starts with = + - @ (or a tab or carriage return,
 * which some programs skip before reading a formula) is run as a formula when the file is opened.
 * Prefixing a single quote makes Excel, WPS and LibreOffice show it as text (OWASP's advice).
 */
export function neutralizeCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
