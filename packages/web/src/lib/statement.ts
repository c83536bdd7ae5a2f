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
      // Tabs when copied from a spreadsheet (amounts may then hold thousands commas), else commas.
      const cells = row.includes('\t') ? row.split('\t') : row.split(',');
      const [date = '', amount = '', memo = '', id = ''] = cells.map((c) => c.trim());
      const day = dayjs(date.replace(/[年月/.]/g, '-').replace(/日/, ''));
      const fen = yuanToFen(amount);
      if (!day.isValid() || fen === null || fen <= 0 || !id) bad.push(i + 1);
      else lines.push({ postedAt: day.hour(12).toISOString(), amount: fen, memo, bankTransactionId: id });
    });
  return { lines, bad };
}
