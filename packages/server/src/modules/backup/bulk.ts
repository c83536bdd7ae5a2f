import { sql } from 'drizzle-orm';
import { toSnakeCase } from 'drizzle-orm/casing';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.ts';
import { quote } from './sql.ts';

export interface SqlColumn {
  /** The property name in TypeScript (camelCase). */
  key: string;
  /** The column name in SQL (snake_case). */
  name: string;
  sqlType: string;
  identity: boolean;
  /** Computed by the database (GENERATED ALWAYS AS …): never written. */
  computed: boolean;
  notNull: boolean;
}

/** The SQL columns of a Drizzle table, as the database names them. */
export function sqlColumns(table: PgTable): SqlColumn[] {
  return getTableConfig(table).columns.map((c) => ({
    key: c.name,
    name: c.keyAsName ? toSnakeCase(c.name) : c.name,
    sqlType: c.getSQLType(),
    identity: c.generatedIdentity !== undefined,
    computed: c.generated !== undefined,
    notNull: c.notNull,
  }));
}

/**
 * Inserts rows keyed by SQL column name with one statement: the rows travel as a single JSON
 * parameter and `jsonb_populate_recordset` turns them into typed records. On PGlite this is
 * several times faster than a multi-row VALUES list, whose thousands of parameters dominate.
 * Identity values in the rows are kept (OVERRIDING SYSTEM VALUE). Every row must carry every
 * listed column; a column that is left out of the list gets its default.
 */
export async function insertJsonRows(
  db: Db,
  table: string,
  columns: string[],
  rows: Record<string, unknown>[],
): Promise<void> {
  if (rows.length === 0) return;
  const list = columns.map(quote).join(', ');
  await db.execute(
    sql`insert into ${sql.raw(quote(table))} (${sql.raw(list)}) overriding system value
        select ${sql.raw(list)} from jsonb_populate_recordset(null::${sql.raw(quote(table))}, ${JSON.stringify(rows)}::jsonb)`,
  );
}

const CHUNK = 5000;

/**
 * Bulk insert of rows keyed by TypeScript property names (as Drizzle's `insert().values()` takes
 * them), in chunks. The columns are those of the first row; every row must have the same ones.
 */
export async function bulkInsert<T extends PgTable>(db: Db, table: T, rows: T['$inferInsert'][]): Promise<void> {
  if (rows.length === 0) return;
  const columns = sqlColumns(table).filter(
    (c) => !c.computed && (rows[0] as Record<string, unknown>)[c.key] !== undefined,
  );
  const tableName = getTableConfig(table).name;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK).map((row) => {
      const out: Record<string, unknown> = {};
      for (const c of columns) {
        const value = (row as Record<string, unknown>)[c.key];
        if (value === undefined)
          throw new Error(`bulkInsert(${tableName}): row ${i} has no ${c.key}; every row needs the same columns`);
        out[c.name] = value;
      }
      return out;
    });
    await insertJsonRows(
      db,
      tableName,
      columns.map((c) => c.name),
      chunk,
    );
  }
}
