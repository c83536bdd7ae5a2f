import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { invalidField } from '../../errors/app-error.ts';

/**
 * Keyset pagination over (timestamp desc, id desc). The cursor carries the timestamp in
 * microseconds, as PostgreSQL stores it: a millisecond Date would skip or repeat rows.
 */
export interface Keyset {
  micros: number;
  id: number;
}

export const microsOf = (at: AnyColumn) => sql<number>`(extract(epoch from ${at}) * 1000000)::int8`.mapWith(Number);

export const encodeCursor = (k: Keyset) => Buffer.from(`${k.micros}:${k.id}`).toString('base64url');

export function decodeCursor(cursor: string): Keyset {
  const match = /^(\d{1,17}):(\d{1,16})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) throw invalidField('querystring.cursor', 'not a cursor from a previous page');
  return { micros: Number(match[1]), id: Number(match[2]) };
}

/** Rows after the cursor, in (at desc, id desc) order. */
export const afterCursor = (at: AnyColumn, id: AnyColumn, k: Keyset): SQL =>
  sql`(${at}, ${id}) < (timestamptz 'epoch' + ${k.micros}::int8 * interval '1 microsecond', ${k.id}::int8)`;

/** Splits limit+1 rows into a page and the cursor of the next one. */
export function pageOf<T extends { micros: number; id: number }>(rows: T[], limit: number) {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor({ micros: last.micros, id: last.id }) : null };
}
