import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PGlite, Transaction } from '@electric-sql/pglite';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Database } from '../../db/client.ts';

export type CsvValue = string | number | boolean | null | undefined | object;

/** One value in PostgreSQL's CSV COPY format: unquoted empty is NULL, "" is the empty string. */
function csvValue(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  // PostgreSQL text cannot hold NUL characters.
  const text = (typeof value === 'string' ? value : JSON.stringify(value)).replaceAll('\u0000', '');
  return `"${text.replaceAll('"', '""')}"`;
}

export const csvLine = (values: CsvValue[]) => `${values.map(csvValue).join(',')}\n`;

export interface CopyBatch {
  table: string;
  columns: string[];
  /** CSV lines built with csvLine. */
  lines: string[];
}

/** Statements run in the same transaction as the copies (the checkpoint). */
export interface BulkStatement {
  text: string;
  values: unknown[];
}

type DrizzleClient = { $client: unknown };
const clientOf = (database: Database) => (database.db as unknown as DrizzleClient).$client;

const copySql = (batch: CopyBatch, source: string) =>
  `copy ${batch.table} (${batch.columns.join(', ')}) from ${source} with (format csv)`;

/**
 * Writes batches with COPY and runs the statements, all in one transaction: a staged batch and its
 * checkpoint commit together or not at all. COPY is the fastest way into both drivers.
 */
export async function copyInTransaction(
  database: Database,
  batches: CopyBatch[],
  statements: BulkStatement[],
): Promise<void> {
  const nonEmpty = batches.filter((b) => b.lines.length > 0);
  if (database.kind === 'pglite') {
    const client = clientOf(database) as PGlite;
    await client.transaction(async (tx: Transaction) => {
      for (const batch of nonEmpty) {
        await tx.query(copySql(batch, `'/dev/blob'`), [], { blob: new Blob([batch.lines.join('')]) });
      }
      for (const s of statements) await tx.query(s.text, s.values);
    });
    return;
  }
  const pool = clientOf(database) as pg.Pool;
  const client = await pool.connect();
  try {
    await client.query('begin');
    for (const batch of nonEmpty) {
      await pipeline(Readable.from([batch.lines.join('')]), client.query(copyFrom(copySql(batch, 'stdin'))));
    }
    for (const s of statements) await client.query(s.text, s.values);
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
