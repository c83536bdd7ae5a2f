/** /orgs/:org/gifts/:giftId/receipt, /orgs/:org/receipts/:id and /orgs/:org/contacts/:id/statement. */
export { receiptRoutes } from './routes.ts';
/** Issuing a gift's receipt (the paid-order flow issues one for each online gift). */
export { issueReceipt, issueReceipts, receiptOfGift, type ReceiptRow } from './issue.ts';
/** The donor's signed links, and what their pages show. */
export {
  monthlyGiftToken,
  statementToken,
  verifyMonthlyGiftToken,
  verifyReceiptToken,
  verifyStatementToken,
} from './links.ts';
export { receiptUrl } from './email.ts';
export { receiptView, statementView, type ReceiptView, type StatementView, type GiftLine } from './view.ts';
export { receiptPdf, statementPdf } from './pdf.ts';
export { documentTexts, channelName, type DocumentLang, type DocumentTexts } from './texts.ts';
/** The sweep that emails waiting receipts (the scheduled job, and tests). */
export { emailPendingReceipts } from './email.ts';
export { receiptsSweepSoon } from './sweep-soon.ts';
