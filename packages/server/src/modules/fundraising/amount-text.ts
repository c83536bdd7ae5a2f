/**
 * An amount as donors type it on a phone: full-width digits (１００), a currency sign (¥100, 100元),
 * thousands separators (1,000 or 1，000), spaces. Only the plain yuan form is left for the strict parser.
 */
export function asTypedYuan(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\s/g, '')
    .replace(/^(?:¥|RMB|CNY)/i, '')
    .replace(/(?:元|块|RMB|CNY)$/i, '')
    .replace(/^(\d{1,3}(?:,\d{3})+)(?=\.|$)/, (grouped) => grouped.replace(/,/g, ''));
}
