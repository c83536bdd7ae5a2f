import { Readable } from 'node:stream';
import { gunzipSync, gzipSync } from 'node:zlib';
import { and, count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { generateDemoData, seedDemoData } from '../../demo/index.ts';
import { AppError } from '../../errors/app-error.ts';
import { testApp, type TestApp } from '../../testing/app.ts';
import { freshDatabase } from '../../testing/database.ts';
import { buildOrg, type TestOrg } from '../../testing/factories.ts';
import { auditEvents } from '../audit/tables.ts';
import { contacts } from '../contacts/tables.ts';
import { organizations } from '../platform/tables.ts';
import { orgTables } from './catalog.ts';
import { restoreBackup } from './restore.ts';

const today = new Date('2026-05-20T04:00:00Z');
let t: TestApp;
let source: TestOrg;
let backup: Buffer;

const lines = (file: Buffer) =>
  gunzipSync(file)
    .toString('utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
const restore = (db: Database['db'], file: Buffer, slug?: string) =>
  restoreBackup(db, Readable.from([file]), { slug, now: today, actorLabel: 'test' });

/** Per-table counts and money sums of an organization, for comparing two databases. */
async function fingerprint(db: Database['db'], orgId: string) {
  const out: Record<string, unknown> = {};
  for (const table of orgTables()) {
    const result = await db.execute(
      sql.raw(`select count(*)::int as n from "${table.name}" where org_id = '${orgId}'`),
    );
    out[table.name] = (result as unknown as { rows: { n: number }[] }).rows[0]!.n;
  }
  const sums = await db.execute(
    sql`select currency, sum(amount)::text as s, count(distinct contact_id)::int as donors from gifts where org_id = ${orgId} group by 1`,
  );
  out.sums = (sums as unknown as { rows: unknown[] }).rows;
  const pairs =
    await db.execute(sql`select r.contact_id, r.related_contact_id, a.name as a, b.name as b from relationships r
    join contacts a on a.org_id = r.org_id and a.id = r.contact_id join contacts b on b.org_id = r.org_id and b.id = r.related_contact_id
    where r.org_id = ${orgId} order by 1, 2`);
  out.relationships = (pairs as unknown as { rows: unknown[] }).rows;
  return out;
}

const entries = async (db: Database['db'], orgId: string) =>
  (
    (await db.execute(
      sql`select e.code, e.type, e.subject_id, e.payload, l.leaf_index, l.body
        from ledger_entries e left join ledger_leaves l on l.org_id = e.org_id and l.entry_id = e.id
        where e.org_id = ${orgId} order by e.id`,
    )) as unknown as {
      rows: { code: string; type: string; subject_id: number; payload: any; leaf_index: unknown; body: unknown }[];
    }
  ).rows;

beforeAll(async () => {
  t = await testApp();
  source = await buildOrg(t);
  const other = await buildOrg(t);
  const [owner] = await t.deps.db
    .execute(sql`select user_id from memberships where org_id = ${source.org.id}`)
    .then((r) => (r as unknown as { rows: { user_id: string }[] }).rows);
  await t.deps.db.transaction(async (tx) => {
    await seedDemoData(tx, source.org.id, generateDemoData({ today, contacts: 300 }), [owner!.user_id]);
    await seedDemoData(tx, other.org.id, generateDemoData({ today, contacts: 50, seed: 7 }));
  });
  // A corrected gift, so that an entry names another entry's code; and entries already in the log.
  const api = `/api/orgs/${source.slug}`;
  const donor = (await source.owner.post(`${api}/contacts`, { name: '更正' })).body.id;
  const gift = { contactId: donor, amount: 500, receivedAt: '2026-05-01T00:00:00Z', channel: '现金' };
  const { body: recorded } = await source.owner.post(`${api}/gifts`, gift);
  await source.owner.patch(`${api}/gifts/${recorded.id}`, { amount: 600 });
  await t.deps.db
    .execute(sql`with logged as (delete from ledger_pending where org_id = ${source.org.id} returning id, org_id)
    insert into ledger_leaves (leaf_index, org_id, entry_id, body) select id + 1000000, org_id, id, 'logged' from logged`);
  const response = await t.app.inject({
    method: 'GET',
    url: `/api/orgs/${source.slug}/backup`,
    headers: { cookie: await sessionCookie(source) },
  });
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-type']).toBe('application/gzip');
  expect(response.headers['content-disposition']).toMatch(/attachment; filename="commonweal-org-.*\.ndjson\.gz"/);
  backup = response.rawPayload;
});
afterAll(() => t.close());

// The factories' clients hide the cookie; sign in again to get a raw one for a binary download.
async function sessionCookie(org: TestOrg): Promise<string> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/session',
    payload: { email: org.ownerEmail, password: 'test-password-123' },
  });
  return String(response.headers['set-cookie']).split(';')[0]!;
}

describe('GET /api/orgs/:org/backup', () => {
  it('writes a header with counts and sums, members by email, rows and an end line', () => {
    const [header, ...rest] = lines(backup);
    expect(header).toMatchObject({
      format: 'commonweal-backup',
      version: 1,
      org: { id: source.org.id, slug: source.slug },
    });
    expect(header.counts.contacts).toBeGreaterThanOrEqual(300);
    expect(header.counts.members).toBe(1);
    expect(Number(header.sums.gifts.CNY)).toBeGreaterThan(0);
    expect(rest.at(-1)).toEqual({ t: 'end', rows: rest.length - 2 });
    expect(rest[0]).toMatchObject({ t: 'members', r: { email: source.ownerEmail, role: 'owner' } });
    // Only this organization's rows, and never secrets.
    expect(rest.filter((l) => l.r?.org_id && l.r.org_id !== source.org.id)).toEqual([]);
    const text = gunzipSync(backup).toString('utf8');
    expect(text).not.toMatch(/password|token_hash|scrypt|id_hash|csrf/i);
  });

  it('is audited, and only owners may run it', async () => {
    const [row] = await t.deps.db
      .select({ n: count() })
      .from(auditEvents)
      .where(and(eq(auditEvents.orgId, source.org.id), eq(auditEvents.action, 'backup.run')));
    expect(row!.n).toBe(1);
    const admin = await source.member('admin');
    const forbidden = await admin.get(`/api/orgs/${source.slug}/backup`);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.code).toBe('FORBIDDEN');
  });
});

describe('restore', () => {
  it('round-trips into a new instance with identical counts, sums and references', async () => {
    const target = await freshDatabase();
    try {
      const summary = await restore(target.db, backup);
      expect(summary.org.slug).toBe(source.slug);
      expect(summary.members).toEqual({ restored: [], missing: [source.ownerEmail] });
      const header = lines(backup)[0];
      expect(summary.sums).toEqual(header.sums);
      const { members: _members, ...counts } = header.counts;
      // The restore adds its own audit entry.
      expect(summary.counts).toEqual({ ...counts });
      const before = await fingerprint(t.deps.db, source.org.id);
      const after = await fingerprint(target.db, summary.org.id);
      expect(after).toEqual({ ...before, audit_events: (before.audit_events as number) + 1 });
      // The outbox comes along with its tracking codes, to be logged again under the new organization.
      const [was, now] = [await entries(t.deps.db, source.org.id), await entries(target.db, summary.org.id)];
      expect(now.map((e) => e.code)).toEqual(was.map((e) => e.code));
      expect(now.map((e) => e.payload)).toEqual(
        was.map((e) => (e.type === 'correction' ? { ...e.payload, correctsLeaf: null } : e.payload)),
      );
      expect(now.filter((e) => e.leaf_index !== null || e.body !== null)).toEqual([]);
      // Sequences moved past the restored ids: new rows get fresh ids.
      const [created] = await target.db
        .insert(contacts)
        .values({ orgId: summary.org.id, name: '新联系人' })
        .returning();
      const [max] = await target.db.select({ max: sql<number>`max(${contacts.id})` }).from(contacts);
      expect(created!.id).toBe(Number(max!.max));
    } finally {
      await target.close();
    }
  });

  it('restores beside the original under another slug, with members matched by email', async () => {
    const taken = await restore(t.deps.db, backup).catch((e: unknown) => e);
    expect(taken).toBeInstanceOf(AppError);
    expect((taken as AppError).code).toBe('SLUG_TAKEN');
    const summary = await restore(t.deps.db, backup, `${source.slug}-copy`);
    expect(summary.members.restored).toEqual([source.ownerEmail]);
    const before = await fingerprint(t.deps.db, source.org.id);
    const after = await fingerprint(t.deps.db, summary.org.id);
    expect(after).toEqual({ ...before, audit_events: (before.audit_events as number) + 1 });
    // Tracking codes are unique in an instance: the copy's entries get new ones, and the correction
    // names the copy's own entry.
    const [was, copy] = [await entries(t.deps.db, source.org.id), await entries(t.deps.db, summary.org.id)];
    expect(copy).toHaveLength(was.length);
    expect(copy.filter((e) => was.some((w) => w.code === e.code))).toEqual([]);
    const correction = copy.find((e) => e.type === 'correction')!;
    const corrected = copy.find((e) => e.code === correction.payload.corrects)!;
    expect(corrected).toMatchObject({ type: 'donation.received', subject_id: correction.subject_id });
    expect(correction.payload.correctsLeaf).toBeNull();
  });

  const orgCount = async () => (await t.deps.db.select({ n: count() }).from(organizations))[0]!.n;
  const contactCount = async () => (await t.deps.db.select({ n: count() }).from(contacts))[0]!.n;

  it.each([
    ['truncated', () => backup.subarray(0, Math.floor(backup.length * 0.6)), /./],
    ['not gzip', () => Buffer.from('hello'), /./],
    [
      'without its end line',
      () => gzipSync(gunzipSync(backup).toString('utf8').trim().split('\n').slice(0, -1).join('\n')),
      /cut short/,
    ],
    [
      'with a changed amount',
      () => {
        const text = gunzipSync(backup)
          .toString('utf8')
          .replace(/("t":"gifts","r":\{[^\n]*?"amount": )(\d+)/, (_m, p: string, n: string) => `${p}${Number(n) + 1}`);
        return gzipSync(text);
      },
      /money sums/,
    ],
  ])('refuses a file %s with BACKUP_INVALID and writes nothing', async (_name, file, message) => {
    const [orgs, rows] = [await orgCount(), await contactCount()];
    const error = await restore(t.deps.db, file(), 'never-written').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('BACKUP_INVALID');
    expect((error as AppError).message).toMatch(message);
    expect(await orgCount()).toBe(orgs);
    expect(await contactCount()).toBe(rows);
  });
});
