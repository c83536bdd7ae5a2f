import { getTableColumns, sql, type Column } from 'drizzle-orm';
import { toSnakeCase } from 'drizzle-orm/casing';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db } from './client.ts';
import { executePrepared } from './prepared.ts';
import { rowsOf } from './rows.ts';

/**
 * Inserts rows in one statement with one JSON parameter (json_populate_recordset over the table's own
 * row type) and answers them as drizzle reads them, in id order (the order given). For the hot paths:
 * drizzle builds a VALUES list value by value, which costs the process several times more CPU than
 * the statement costs the database. Each column is given for every row or for none, except nullable
 * columns without a default. Prepared (prepared.ts): each connection plans it once per table and columns.
 */
export async function insertRows<T extends PgTable>(
  db: Db,
  table: T,
  rows: readonly T['$inferInsert'][],
  options: { onConflictDoNothing?: Column[] } = {},
): Promise<T['$inferSelect'][]> {
  if (rows.length === 0) return [];
  const columns = (Object.entries(getTableColumns(table)) as [string, Column][]).map(
    ([key, column]) => [key, column, nameOf(column)] as const,
  );
  const valueOf = (row: T['$inferInsert'], key: string) => (row as Record<string, unknown>)[key];
  const given = columns.filter(([key]) => rows.some((row) => valueOf(row, key) !== undefined));
  for (const [key, column] of given) {
    if ((column.hasDefault || column.notNull) && rows.some((row) => valueOf(row, key) === undefined))
      throw new Error(`insertRows: ${key}: given for some rows only`);
  }
  const records = rows.map((row) =>
    Object.fromEntries(given.map(([key, , name]) => [name, valueOf(row, key) ?? null])),
  );
  const names = sql.raw(given.map(([, , name]) => `"${name}"`).join(', '));
  const conflict = options.onConflictDoNothing
    ? sql` on conflict (${sql.raw(options.onConflictDoNothing.map((c) => `"${nameOf(c)}"`).join(', '))}) do nothing`
    : sql``;
  const result = await executePrepared(
    db,
    sql`
    insert into ${table} (${names})
    select ${names} from json_populate_recordset(null::${table}, ${JSON.stringify(records)}::json)${conflict}
    returning *`,
  );
  const read = rowsOf<Record<string, unknown>>(result).map(
    (raw) =>
      Object.fromEntries(
        columns.map(([key, c, name]) => [key, raw[name] == null ? null : c.mapFromDriverValue(raw[name])]),
      ) as T['$inferSelect'],
  );
  return columns.some(([key]) => key === 'id') ? read.sort((a, b) => Number(a.id) - Number(b.id)) : read;
}

// The database runs with casing: 'snake_case': a column without a name of its own is its key in snake case.
const nameOf = (column: Column) => (column.keyAsName ? toSnakeCase(column.name) : column.name);
