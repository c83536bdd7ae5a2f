import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { day, money } from '../../text/format.ts';
import { channelName, documentTexts, type DocumentLang } from './texts.ts';
import type { GiftLine, ReceiptView, StatementView } from './view.ts';

// Noto Sans SC (SIL Open Font License), from npm: the PDF embeds only the glyphs it uses, so a receipt
// stays a few kilobytes and reads the same on any phone or printer, with no font installed.
const require = createRequire(import.meta.url);
const fonts = {
  regular: require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'),
  bold: require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf'),
};

function newDocument(title: string) {
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: title, Producer: 'Commonweal' } });
  doc.registerFont('regular', fonts.regular);
  doc.registerFont('bold', fonts.bold);
  return doc;
}

const finish = (doc: PDFKit.PDFDocument) =>
  new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });

const amountOf = (g: GiftLine) => money(g.amount, g.currency);

/** The receipt as a PDF, in the donor's language. `trackingUrl` is the gift's public journey. */
export function receiptPdf(view: ReceiptView, lang: DocumentLang, trackingUrl: string | null): Promise<Buffer> {
  const t = documentTexts(lang);
  const { org, gift } = view;
  const date = day(gift.receivedAt, org.timezone);
  const doc = newDocument(`${t.receiptTitle} ${view.receipt.number}`);
  doc.font('bold').fontSize(20).text(t.receiptTitle, { align: 'center' });
  doc
    .moveDown(0.3)
    .font('regular')
    .fontSize(10)
    .fillColor('#555')
    .text(t.number(view.receipt.number), { align: 'center' });
  doc.moveDown(1.5).fillColor('#000').fontSize(12).text(t.dear(view.donorName));
  const thanks =
    gift.kind === 'in_kind'
      ? t.inKind(date, org.name, gift.inKindDescription ?? '', amountOf(gift))
      : t.thanks(date, org.name, amountOf(gift), gift.purpose);
  doc.moveDown(0.6).text(thanks, { lineGap: 4 });
  doc.moveDown(0.8).fontSize(11);
  doc.text(`${t.channel}：${channelName(gift.channel, lang)}`);
  if (gift.trackingCode) {
    doc.text(`${t.tracking}：`, { continued: true }).font('bold').text(gift.trackingCode).font('regular');
    if (trackingUrl) doc.fontSize(10).fillColor('#444').text(t.follow(trackingUrl), { lineGap: 3 }).fillColor('#000');
  }
  if (view.receipt.officialReceiptNo) doc.fontSize(11).text(`${t.official}：${view.receipt.officialReceiptNo}`);
  doc.moveDown(1.2).fontSize(9).fillColor('#666').text(t.notOfficial, { lineGap: 2 });
  doc
    .moveDown(2)
    .fontSize(12)
    .fillColor('#000')
    .text(t.issued(org.name, day(view.receipt.issuedAt, org.timezone)), { align: 'right' });
  return finish(doc);
}

/** A supporter's yearly statement as a PDF: every gift of the year, with receipt numbers and tracking codes. */
export function statementPdf(view: StatementView, lang: DocumentLang, issuedAt: Date): Promise<Buffer> {
  const t = documentTexts(lang);
  const { org } = view;
  const doc = newDocument(t.statementTitle(view.year));
  doc.font('bold').fontSize(18).text(t.statementTitle(view.year), { align: 'center' });
  doc
    .moveDown(1)
    .font('regular')
    .fontSize(11)
    .text(t.statementIntro(view.donorName, org.name, view.year));
  doc.moveDown(0.6);
  if (view.gifts.length === 0) doc.text(t.noGifts(view.year));
  const columns = [
    { title: t.columns.date, width: 70 },
    { title: t.columns.amount, width: 80 },
    { title: t.columns.purpose, width: 160 },
    { title: t.columns.receipt, width: 75 },
    { title: t.columns.tracking, width: 100 },
  ];
  const row = (cells: string[], font: 'regular' | 'bold') => {
    const top = doc.y;
    let x = doc.page.margins.left;
    let bottom = top;
    doc.font(font).fontSize(9);
    cells.forEach((cell, i) => {
      doc.text(cell, x, top, { width: columns[i]!.width - 6 });
      bottom = Math.max(bottom, doc.y);
      x += columns[i]!.width;
    });
    doc.y = bottom + 4;
    doc.x = doc.page.margins.left;
  };
  if (view.gifts.length > 0) {
    row(
      columns.map((c) => c.title),
      'bold',
    );
    for (const g of view.gifts) {
      if (doc.y > doc.page.height - doc.page.margins.bottom - 40) doc.addPage();
      const purpose = g.kind === 'in_kind' ? t.inKindLine(g.inKindDescription ?? '') : (g.purpose ?? '');
      row(
        [day(g.receivedAt, org.timezone), amountOf(g), purpose, g.receiptNumber ?? '—', g.trackingCode ?? '—'],
        'regular',
      );
    }
    doc.moveDown(0.5);
    for (const total of view.totals) {
      doc
        .font('bold')
        .fontSize(11)
        .text(`${t.total}：${money(total.amount, total.currency)}`);
    }
  }
  doc.moveDown(1.2).font('regular').fontSize(9).fillColor('#666').text(t.notOfficial, { lineGap: 2 });
  doc
    .moveDown(2)
    .fontSize(12)
    .fillColor('#000')
    .text(t.issued(org.name, day(issuedAt, org.timezone)), { align: 'right' });
  return finish(doc);
}
