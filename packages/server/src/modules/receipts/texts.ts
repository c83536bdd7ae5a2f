// The words of receipts and yearly statements, in both languages, for the HTML pages and the PDFs.

export type DocumentLang = 'zh-CN' | 'en';

const channels: Record<string, { 'zh-CN': string; en: string }> = {
  wechat_pay: { 'zh-CN': '微信支付', en: 'WeChat Pay' },
  alipay: { 'zh-CN': '支付宝', en: 'Alipay' },
  bank_transfer: { 'zh-CN': '银行转账', en: 'bank transfer' },
  cash: { 'zh-CN': '现金', en: 'cash' },
  sandbox: { 'zh-CN': '在线捐赠（演示）', en: 'online (demo)' },
};

export const channelName = (channel: string, lang: DocumentLang) => channels[channel]?.[lang] ?? channel;

const zhCN = {
  receiptTitle: '捐赠确认函',
  number: (n: string) => `编号 ${n}`,
  dear: (name: string | null) => (name ? `尊敬的 ${name}：` : '尊敬的捐赠人：'),
  thanks: (date: string, org: string, amount: string, purpose: string | null) =>
    `感谢您于 ${date} 向${org}捐赠 ${amount}${purpose ? `，用于“${purpose}”` : ''}。`,
  inKind: (date: string, org: string, what: string, value: string) =>
    `感谢您于 ${date} 向${org}捐赠物资：${what}（价值 ${value}）。`,
  channel: '捐赠方式',
  tracking: '追踪码',
  follow: (url: string) => `在 ${url} 查看这笔捐赠的去向：拨付到哪个项目、用于哪些支出，每一步都可以独立核验。`,
  official: '公益事业捐赠统一票据号',
  notOfficial:
    '本确认函是机构出具的捐赠确认，不是财政部门监制的公益事业捐赠统一票据。如需用于税前扣除，请联系机构开具电子捐赠票据。',
  issued: (org: string, date: string) => `${org} · ${date}`,
  statementTitle: (year: number) => `${year} 年度捐赠证明`,
  statementIntro: (name: string | null, org: string, year: number) =>
    `${name ?? '捐赠人'}在 ${year} 年向${org}的捐赠如下：`,
  columns: { date: '日期', amount: '金额', purpose: '用途', receipt: '确认函编号', tracking: '追踪码' },
  total: '合计',
  noGifts: (year: number) => `${year} 年没有捐赠记录。`,
  inKindLine: (what: string) => `物资：${what}`,
  download: '下载 PDF',
  otherYears: '其他年度',
};

export type DocumentTexts = typeof zhCN;

const en: DocumentTexts = {
  receiptTitle: 'Acknowledgement of your gift',
  number: (n) => `No. ${n}`,
  dear: (name) => (name ? `Dear ${name},` : 'Dear donor,'),
  thanks: (date, org, amount, purpose) =>
    `Thank you for your gift of ${amount} to ${org} on ${date}${purpose ? `, for "${purpose}"` : ''}.`,
  inKind: (date, org, what, value) =>
    `Thank you for your gift in kind to ${org} on ${date}: ${what} (valued at ${value}).`,
  channel: 'Given by',
  tracking: 'Tracking code',
  follow: (url) =>
    `See where this gift went at ${url}: which project it was allocated to and what it paid for, each step independently verifiable.`,
  official: 'Official donation receipt (公益事业捐赠统一票据) no.',
  notOfficial:
    'This acknowledgement is issued by the organization; it is not the official donation receipt issued under the finance bureau. For a tax deduction, ask the organization for the official electronic receipt.',
  issued: (org, date) => `${org} · ${date}`,
  statementTitle: (year) => `Statement of gifts, ${year}`,
  statementIntro: (name, org, year) => `Gifts by ${name ?? 'the donor'} to ${org} in ${year}:`,
  columns: { date: 'Date', amount: 'Amount', purpose: 'For', receipt: 'Receipt', tracking: 'Tracking code' },
  total: 'Total',
  noGifts: (year) => `No gifts recorded in ${year}.`,
  inKindLine: (what) => `in kind: ${what}`,
  download: 'Download PDF',
  otherYears: 'Other years',
};

const texts: Record<DocumentLang, DocumentTexts> = { 'zh-CN': zhCN, en };
export const documentTexts = (lang: DocumentLang) => texts[lang];
