import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { FastifyInstance } from 'fastify';

/** Test fixtures built on the fly (no committed binaries): CSV text in any encoding, XLSX buffers. */
const quote = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);

export const csvText = (rows: string[][], newline = '\r\n') =>
  rows.map((r) => r.map(quote).join(',')).join(newline) + newline;

/** What Excel on Chinese Windows writes when you "Save as CSV": GBK (GB18030) bytes. */
export const gbkCsv = (rows: string[][]) => iconv.encode(csvText(rows), 'gb18030');

export const utf8BomCsv = (rows: string[][]) =>
  Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csvText(rows))]);

export async function xlsxBuffer(rows: (string | number | Date)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('捐赠人');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Uploads a file as multipart/form-data with an API token. */
export async function uploadFile(app: FastifyInstance, url: string, token: string, fileName: string, content: Buffer) {
  const boundary = `----commonweal${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\n` +
        'Content-Type: application/octet-stream\r\n\r\n',
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const response = await app.inject({
    method: 'POST',
    url,
    headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload,
  });
  return { status: response.statusCode, body: response.json() };
}
