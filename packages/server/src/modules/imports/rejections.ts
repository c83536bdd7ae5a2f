import type { Db } from '../../db/client.ts';
import * as repo from './repo.ts';

// A cell that starts with = + - @ would run as a formula when the CSV is opened in Excel or WPS.
const defuse = (text: string) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);
const cell = (value: string | number | null) =>
  value === null ? '' : `"${defuse(String(value)).replaceAll('"', '""')}"`;

/**
 * The rejected rows as CSV (UTF-8 with a byte-order mark, so Excel shows Chinese correctly),
 * streamed page by page.
 */
export async function* rejectionsCsv(db: Db, orgId: string, importId: number, dryRun: boolean): AsyncGenerator<string> {
  await repo.findImport(db, orgId, importId);
  yield '\uFEFF行号 line,结束行 end_line,原因 reason,原始内容 original_row\r\n';
  let after = 0;
  for (;;) {
    const page = await repo.rejectionPage(db, orgId, importId, dryRun, after, 1000);
    if (page.length === 0) return;
    yield page.map((r) => `${[r.line, r.endLine, r.reason, r.raw].map(cell).join(',')}\r\n`).join('');
    after = page.at(-1)!.line;
  }
}
