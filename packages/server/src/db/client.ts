import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { pgliteDiskSync } from './pglite-sync.ts';
import * as schema from './schema.ts';

export type Schema = typeof schema;
/** A database handle or an open transaction: repositories accept either. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface SqlRows {
  rows: Record<string, unknown>[];
}

/** What the rest of the server needs from a database, whichever driver is behind it. */
export interface Database {
  kind: 'pglite' | 'postgres';
  db: Db;
  /** Raw SQL for pg-boss and bulk paths; without values it may hold several statements. */
  executeSql(text: string, values?: unknown[]): Promise<SqlRows>;
  /**
   * Makes every committed transaction durable on disk. PostgreSQL does so at each commit, so only the
   * embedded database on a data directory has one (see pglite-sync.ts).
   */
  syncToDisk?: () => Promise<void>;
  /** PostgreSQL only: one connection of its own, for session-level advisory locks. */
  dedicatedSession?: () => Promise<DedicatedSession>;
  close(): Promise<void>;
}

export interface DedicatedSession {
  query(text: string, values?: unknown[]): Promise<SqlRows>;
  /** Called when the connection fails; session locks are gone by then. */
  onError(listener: (error: Error) => void): void;
  release(): Promise<void>;
}

// int8 comes back as BigInt from PGlite and as a string from node-postgres. Money is stored in fen,
// so every int8 we read fits a double; normalize both drivers to number here and nowhere else.
const INT8 = 20;
function int8ToNumber(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`int8 value ${value} exceeds the safe integer range`);
  return n;
}

export async function openPglite(dataDir?: string): Promise<Database> {
  const client = await PGlite.create({
    dataDir,
    parsers: { [pgliteTypes.INT8]: (v: string) => int8ToNumber(v) },
  });
  const database = fromPglite(client);
  return dataDir ? { ...database, syncToDisk: pgliteDiskSync(dataDir) } : database;
}

export function fromPglite(client: PGlite): Database {
  const db = drizzlePglite(client, { schema, casing: 'snake_case' }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    async executeSql(text, values) {
      if (values && values.length > 0) return client.query(text, values) as Promise<SqlRows>;
      const results = await client.exec(text);
      return (results.at(-1) ?? { rows: [] }) as SqlRows;
    },
    close: () => client.close(),
  };
}

export async function openPostgres(url: string, max = 10): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8 ? int8ToNumber : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle connection killed by the server (a restart, a failover, a dropped test database) is
  // reported here; the pool discards it and opens a new one, and errors of running queries still
  // reach their callers. Without a listener Node treats it as an uncaught error and exits.
  pool.on('error', () => {});
  await pool.query('select 1');
  const db = drizzlePostgres(pool, { schema, casing: 'snake_case' }) as unknown as Db;
  return {
    kind: 'postgres',
    db,
    async executeSql(text, values) {
      const result = await pool.query(text, values);
      // A multi-statement query answers with an array of results.
      const last = Array.isArray(result) ? result.at(-1) : result;
      return { rows: last?.rows ?? [] };
    },
    async dedicatedSession() {
      const client = new pg.Client({ connectionString: url });
      client.on('error', () => {});
      await client.connect();
      return {
        query: (text, values) => client.query(text, values),
        onError: (listener) => client.on('error', listener),
        release: () => client.end(),
      };
    },
    close: () => pool.end(),
  };
}
