import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { migrationsFolder } from '../../db/migrate.ts';
import { orgTables, type OrgTable } from './catalog.ts';
import { BACKUP_FORMAT, BACKUP_VERSION, type BackupHeader } from './format.ts';
import { quote, rowsOf } from './sql.ts';

const FETCH = 1000;

/** The newest migration tag: restoring into a different schema is allowed, but the header says so. */
export function schemaVersion(): string {
  const journal = JSON.parse(readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
    entries: { tag: string }[];
  };
  return journal.entries.at(-1)?.tag ?? 'none';
}

/** Row counts and money sums of one organization, in the caller's snapshot. */
export async function measureOrg(db: Db, orgId: string, tables: OrgTable[]) {
  const counts: Record<string, number> = {};
  const sums: Record<string, Record<string, string>> = {};
  for (const table of tables) {
    const [row] = rowsOf<{ n: number }>(
      await db.execute(sql`select count(*)::int as n from ${sql.raw(quote(table.name))} where org_id = ${orgId}`),
    );
    counts[table.name] = Number(row!.n);
    if (!table.money) continue;
    const { amount, currency } = table.money;
    const rows = rowsOf<{ currency: string; total: string }>(
      await db.execute(sql`select ${sql.raw(quote(currency))} as currency, sum(${sql.raw(quote(amount))})::text as total
                           from ${sql.raw(quote(table.name))} where org_id = ${orgId} group by 1 order by 1`),
    );
    sums[table.name] = Object.fromEntries(rows.map((r) => [r.currency, r.total]));
  }
  return { counts, sums };
}

export interface BackupStats {
  rows: number;
  counts: Record<string, number>;
}

/**
 * Writes one organization as NDJSON lines to `write`, reading each table through a cursor so that
 * memory stays flat. Runs in one REPEATABLE READ transaction: the header's counts and sums and the
 * rows come from the same snapshot. `beforeRead` runs first in that transaction (the audit entry).
 */
export async function writeBackup(
  db: Db,
  orgId: string,
  write: (line: string) => Promise<void>,
  options: { now: Date; beforeRead?: (tx: Db) => Promise<void> },
): Promise<BackupStats> {
  const tables = orgTables();
  return db.transaction(
    async (tx) => {
      await options.beforeRead?.(tx);
      const [org] = rowsOf<BackupHeader['org']>(
        await tx.execute(sql`select id, slug, name, uscc, timezone, locale, currency, settings, created_at
                             from organizations where id = ${orgId}`),
      );
      if (!org) throw new Error(`organization ${orgId} does not exist`);
      const members = rowsOf<Record<string, unknown>>(
        await tx.execute(sql`select m.user_id, u.email, u.name, m.role, m.created_at from memberships m
                             join users u on u.id = m.user_id where m.org_id = ${orgId} order by u.email`),
      );
      const { counts, sums } = await measureOrg(tx, orgId, tables);
      const header: BackupHeader = {
        format: BACKUP_FORMAT,
        version: BACKUP_VERSION,
        created: options.now.toISOString(),
        schema: schemaVersion(),
        org: { ...org, created_at: new Date(org.created_at).toISOString() },
        tables: tables.map((t) => t.name),
        counts: { members: members.length, ...counts },
        sums,
      };
      await write(JSON.stringify(header));
      for (const m of members) {
        await write(
          JSON.stringify({ t: 'members', r: { ...m, created_at: new Date(String(m.created_at)).toISOString() } }),
        );
      }
      let rows = 0;
      for (const table of tables) {
        // to_jsonb(t)::text: PostgreSQL writes the JSON itself, with full timestamp precision.
        await tx.execute(
          sql.raw(`declare backup_rows no scroll cursor for
                   select to_jsonb(t)::text as r from ${quote(table.name)} t
                   where org_id = '${orgId.replace(/[^0-9a-f-]/gi, '')}' order by ${table.orderBy.map(quote).join(', ')}`),
        );
        for (;;) {
          const batch = rowsOf<{ r: string }>(await tx.execute(sql.raw(`fetch ${FETCH} from backup_rows`)));
          for (const { r } of batch) await write(`{"t":${JSON.stringify(table.name)},"r":${r}}`);
          rows += batch.length;
          if (batch.length < FETCH) break;
        }
        await tx.execute(sql.raw('close backup_rows'));
      }
      await write(JSON.stringify({ t: 'end', rows }));
      return { rows, counts: header.counts };
    },
    { isolationLevel: 'repeatable read' },
  );
}
