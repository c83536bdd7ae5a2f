import dayjs from 'dayjs';
import { yuanToFen } from './money';

export interface StatementLine {
  bankTransactionId: string;
  amount: number;
  memo: string;
  postedAt: string;
}

/**
 * Statement lines pasted from online banking or Excel: one per row, columns separated by tabs or
 * commas (when there is no tab), in the order date, amount, memo, transaction id. Answers the lines and the rows it could not read.
 */
export function parseStatement(text: string): { lines: StatementLine[]; bad: number[] } {
  const lines: StatementLine[] = [];
  const bad: number[] = [];
  text
    .split(/\r?\n/)
    .map((row) => row.trim())
    .forEach((row, i) => {
      if (!row) return;
      // Tabs when copied from a spreadsheet (amounts may then hold thousands commas), else CSV, where
      // a comma inside a cell needs quotes. A row of any other width is misread, so it is reported.
      const cells = row.includes('\t') ? row.split('\t') : csvCells(row);
      if (cells.length !== 4) return void bad.push(i + 1);
      const [date = '', amount = '', memo = '', id = ''] = cells.map((c) => c.trim());
      const day = dayjs(date.replace(/[年月/.]/g, '-').replace(/日/, ''));
      const fen = yuanToFen(amount);
      if (!day.isValid() || fen === null || fen <= 0 || !id) bad.push(i + 1);
      else lines.push({ postedAt: day.hour(12).toISOString(), amount: fen, memo, bankTransactionId: id });
    });
  return { lines, bad };
}

/** One CSV row's cells: commas separate, double quotes enclose (with "" for a quote inside). */
function csvCells(row: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < row.length; i++) {
    const ch = row[i];
    if (quoted && ch === '"' && row[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  cells.push(cell);
  return cells;
}
