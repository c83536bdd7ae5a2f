import type { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../errors/app-error.ts';
import { orgSlug } from '../../http/params.ts';
import { auditEvents } from '../audit/tables.ts';
import { insertJsonRows } from './bulk.ts';
import { orgTables, type OrgTable } from './catalog.ts';
import { backupHeader, dataLine, endLine, memberLine, type BackupHeader } from './format.ts';
import { rebaseLedgerRows } from './ledger-rows.ts';
import { gzipLines } from './lines.ts';
import { quote, rowsOf } from './sql.ts';
import { measureOrg } from './write.ts';

const BATCH = 2000;

export interface RestoreSummary {
  org: { id: string; slug: string; name: string };
  from: { slug: string; created: string; schema: string };
  counts: Record<string, number>;
  sums: Record<string, Record<string, string>>;
  /** Members whose email has an account here got their role back; the others must be invited again. */
  members: { restored: string[]; missing: string[] };
}

const invalid = (message: string) => new AppError('BACKUP_INVALID', message);

function parseLine(line: string, number: number): unknown {
  try {
    return JSON.parse(line);
  } catch {
    throw invalid(`Line ${number} of the backup is not valid JSON; the file is damaged`);
  }
}

function parseHeader(line: string | undefined): BackupHeader {
  if (line === undefined) throw invalid('The backup file is empty');
  const parsed = backupHeader.safeParse(parseLine(line, 1));
  if (!parsed.success) throw invalid('This is not a Commonweal backup, or it was made by a newer version');
  return parsed.data;
}

/**
 * Restores a backup as a new organization, in one transaction: rows, then sequences, then a check
 * that every table's count and every money sum per currency equal the backup's. Any difference,
 * damage or truncation rolls everything back and answers BACKUP_INVALID.
 */
export async function restoreBackup(
  db: Db,
  input: Readable,
  options: { slug?: string; now: Date; actorLabel: string },
): Promise<RestoreSummary> {
  const tables = orgTables();
  const byName = new Map(tables.map((t) => [t.name, t]));
  try {
    return await db.transaction(async (tx) => {
      const lines = gzipLines(input);
      let lineNumber = 0;
      const next = async () => {
        const result = await lines.next();
        if (result.done) return undefined;
        lineNumber += 1;
        return result.value;
      };
      const header = parseHeader(await next());
      const slug = options.slug ?? header.org.slug;
      if (!orgSlug.safeParse(slug).success) {
        throw new AppError('VALIDATION_FAILED', `"${slug}" is not a valid organization address`, [
          { path: 'slug', message: 'lower-case letters, digits and dashes' },
        ]);
      }
      if (rowsOf(await tx.execute(sql`select 1 from organizations where slug = ${slug}`)).length > 0) {
        throw new AppError(
          'SLUG_TAKEN',
          `An organization with the address "${slug}" already exists; restore under another address (--as NEW-SLUG)`,
          [{ path: 'slug', message: 'already taken' }],
        );
      }
      const { org: o } = header;
      const [org] = rowsOf<{ id: string; slug: string; name: string }>(
        await tx.execute(sql`insert into organizations (slug, name, uscc, timezone, locale, currency, settings, created_at)
          values (${slug}, ${o.name}, ${o.uscc}, ${o.timezone}, ${o.locale}, ${o.currency}, ${JSON.stringify(o.settings)}::jsonb, ${o.created_at}::timestamptz)
          returning id, slug, name`),
      );
      const orgId = org!.id;
      const users = new Map<string, string | null>();
      const members = { restored: [] as string[], missing: [] as string[] };
      const seen: Record<string, number> = {};
      let batch: { table: OrgTable; rows: Record<string, unknown>[] } | undefined;
      const renamedCodes = new Map<string, string>();
      const flush = async () => {
        if (!batch || batch.rows.length === 0) return;
        if (batch.table.name === 'ledger_entries') await rebaseLedgerRows(tx, batch.rows, renamedCodes);
        const present = batch.table.columns.filter((c) => c.name in batch!.rows[0]!).map((c) => c.name);
        await insertJsonRows(tx, batch.table.name, present, batch.rows);
        batch.rows = [];
      };
      let ended: number | undefined;
      for (let line = await next(); line !== undefined; line = await next()) {
        if (line.trim() === '') continue;
        if (ended !== undefined) throw invalid(`Line ${lineNumber} comes after the end of the backup`);
        const value = parseLine(line, lineNumber);
        const end = endLine.safeParse(value);
        if (end.success) {
          ended = end.data.rows;
          continue;
        }
        const parsed = dataLine.safeParse(value);
        if (!parsed.success) throw invalid(`Line ${lineNumber} is not a backup row`);
        const { t, r } = parsed.data;
        seen[t] = (seen[t] ?? 0) + 1;
        if (t === 'members') {
          const member = memberLine.safeParse(r);
          if (!member.success) throw invalid(`Line ${lineNumber} is not a valid member`);
          const [user] = rowsOf<{ id: string }>(
            await tx.execute(sql`select id from users where lower(email) = lower(${member.data.email})`),
          );
          users.set(member.data.user_id, user?.id ?? null);
          if (!user) {
            members.missing.push(member.data.email);
            continue;
          }
          await tx.execute(sql`insert into memberships (org_id, user_id, role, created_at)
            values (${orgId}, ${user.id}, ${member.data.role}, ${member.data.created_at}::timestamptz)`);
          members.restored.push(member.data.email);
          continue;
        }
        const table = byName.get(t);
        if (!table)
          throw invalid(
            `The backup has a table "${t}" that this version of Commonweal does not know; upgrade before restoring`,
          );
        const known = new Set(table.columns.map((c) => c.name));
        for (const key of Object.keys(r)) {
          if (!known.has(key) && key !== table.renumbered) {
            throw invalid(`Column ${t}.${key} does not exist in this version of Commonweal; upgrade before restoring`);
          }
        }
        if (table.renumbered) delete r[table.renumbered];
        r.org_id = orgId;
        for (const c of table.userColumns) r[c] = typeof r[c] === 'string' ? (users.get(r[c]) ?? null) : null;
        for (const c of table.clearColumns) r[c] = null;
        if (batch?.table !== table) {
          await flush();
          batch = { table, rows: [] };
        }
        batch.rows.push(r);
        if (batch.rows.length >= BATCH) await flush();
      }
      await flush();
      if (ended === undefined) throw invalid('The backup was cut short: its end line is missing');
      const dataRows = Object.entries(seen).reduce((n, [t, c]) => (t === 'members' ? n : n + c), 0);
      if (ended !== dataRows) throw invalid(`The backup says it holds ${ended} rows but ${dataRows} were read`);
      if ((seen.members ?? 0) !== (header.counts.members ?? 0)) throw invalid('The backup is missing members');

      await advanceSequences(tx, tables);
      const measured = await measureOrg(tx, orgId, tables);
      verify(header, measured);
      await tx.insert(auditEvents).values({
        orgId,
        actorLabel: options.actorLabel,
        action: 'backup.restore',
        subjectType: 'organization',
        subjectId: orgId,
        data: {
          from: header.org.slug,
          created: header.created,
          schema: header.schema,
          counts: measured.counts,
          membersMissing: members.missing,
        },
      });
      return {
        org: org!,
        from: { slug: header.org.slug, created: header.created, schema: header.schema },
        counts: measured.counts,
        sums: measured.sums,
        members,
      };
    });
  } catch (error) {
    if (error instanceof AppError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw invalid(`The backup could not be restored, and nothing was written: ${message}`);
  } finally {
    input.destroy();
  }
}

/** Identity sequences move past the restored ids, so new rows never collide with them. */
async function advanceSequences(tx: Db, tables: OrgTable[]): Promise<void> {
  for (const table of tables) {
    const identity = table.columns.find((c) => c.identity);
    if (!identity) continue;
    const seq = sql`pg_get_serial_sequence(${quote(table.name)}, ${identity.name})`;
    await tx.execute(sql`select setval(${seq}, greatest(
      (select coalesce(max(${sql.raw(quote(identity.name))}), 0) from ${sql.raw(quote(table.name))}), nextval(${seq})))`);
  }
}

function verify(
  header: BackupHeader,
  measured: { counts: Record<string, number>; sums: Record<string, Record<string, string>> },
) {
  const problems: string[] = [];
  const names = new Set(
    [...Object.keys(header.counts), ...Object.keys(measured.counts)].filter((n) => n !== 'members'),
  );
  for (const name of names) {
    const want = header.counts[name] ?? 0;
    const got = measured.counts[name] ?? 0;
    if (want !== got) problems.push(`${name}: ${got} rows restored, the backup has ${want}`);
  }
  for (const name of new Set([...Object.keys(header.sums), ...Object.keys(measured.sums)])) {
    const want = JSON.stringify(Object.entries(header.sums[name] ?? {}).sort());
    const got = JSON.stringify(Object.entries(measured.sums[name] ?? {}).sort());
    if (want !== got) problems.push(`${name}: money sums ${got} differ from the backup's ${want}`);
  }
  if (problems.length > 0)
    throw invalid(`The restored data does not match the backup, so nothing was kept: ${problems.join('; ')}`);
}
