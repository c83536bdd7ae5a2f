import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../testing/app.ts';
import { buildOrg, type TestOrg } from '../../testing/factories.ts';
import { gifts } from '../gifts/tables.ts';
import { rowsOf } from '../../db/rows.ts';
import { canonicalEntry, commitment, recordLedgerEntries } from './outbox.ts';
import { donationReceivedPayload } from './payloads.ts';
import { donationReceivedEntries } from './sql.ts';
import { selectEntries } from './entries.ts';

let t: TestApp;
let org: TestOrg;
beforeAll(async () => {
  t = await testApp();
  org = await buildOrg(t);
});
afterAll(() => t.close());

describe('donation.received in SQL', () => {
  it('builds the same payload and commitment as the JavaScript form, with codes of the same shape', async () => {
    const contactId = (await org.owner.post(`/api/orgs/${org.slug}/contacts`, { name: '对照' })).body.id as number;
    const base = { orgId: org.org.id, contactId, channel: '微信支付', source: 'import' };
    const rows = await t.deps.db.transaction(async (tx) => {
      const inserted = await tx
        .insert(gifts)
        .values([
          { ...base, amount: 10000, currency: 'CNY', receivedAt: new Date('2024-09-07T02:00:00.123Z') },
          {
            ...base,
            amount: 1,
            currency: 'USD',
            receivedAt: new Date('1999-12-31T23:59:59Z'),
            campaign: '99公益日 "引号"',
            fund: '助学\\基金',
            paymentReference: '4200001234 转账',
          },
          { ...base, kind: 'in_kind', amount: 30000, currency: 'CNY', receivedAt: new Date(), paymentReference: '' },
        ])
        .returning();
      await tx.execute(
        sql`create temp table just_inserted on commit drop as select id from gifts where org_id = ${org.org.id}`,
      );
      const result = (await tx.execute(donationReceivedEntries(org.org.id, sql`just_inserted`))) as unknown as {
        rows: { n: number | string }[];
      };
      expect(Number(result.rows[0]!.n)).toBe(3);
      return inserted;
    });
    const entries = await selectEntries(t.deps.db);
    expect(entries).toHaveLength(3);
    for (const gift of rows) {
      const entry = entries.find((e) => e.subjectId === gift.id)!;
      expect(entry).toMatchObject({ type: 'donation.received', subjectType: 'gift', leafIndex: null });
      expect(entry.code).toMatch(/^[0-9A-F]{16}$/);
      const salt = entry.openings!.donor!;
      expect(salt).toMatch(/^[0-9a-f]{32}$/);
      expect(entry.payload.donor).toBe(commitment(salt, String(contactId)));
      expect(canonicalEntry(entry.payload)).toBe(canonicalEntry(donationReceivedPayload(gift, salt)));
    }
    expect(new Set(entries.map((e) => e.openings!.donor)).size).toBe(3);
    expect(new Set(entries.map((e) => e.code)).size).toBe(3);
  });
});

const donation = (orgId: string, subjectId: number) => ({
  orgId,
  type: 'donation.received' as const,
  subjectType: 'gift',
  subjectId,
  payload: { amount: subjectId, currency: 'CNY' },
});

const nowSecond = () => Math.floor(Date.now() / 1000);

describe('tracking codes', () => {
  it("are made by the database: the second, then a sequence number's image, returned in input order", async () => {
    const before = nowSecond();
    const codes = await t.deps.db.transaction((tx) =>
      recordLedgerEntries(
        tx,
        [11, 12, 13].map((id) => donation(org.org.id, id)),
      ),
    );
    const after = nowSecond();
    const stored = rowsOf<{ code: string; subject_id: string }>(
      await t.deps.db.execute(sql`select code, subject_id from ledger_entries where org_id = ${org.org.id}`),
    );
    expect(codes.map((c) => stored.find((s) => s.code === c.code)?.subject_id).map(Number)).toEqual([11, 12, 13]);
    for (const { code } of codes) {
      expect(code).toMatch(/^[0-9A-F]{16}$/);
      const second = parseInt(code.slice(0, 8), 16);
      expect(second).toBeGreaterThanOrEqual(before);
      expect(second).toBeLessThanOrEqual(after);
    }
    // Consecutive numbers land far apart in the second half, so codes do not read as a count.
    const tails = codes.map((c) => parseInt(c.code.slice(8), 16));
    expect(Math.abs(tails[1]! - tails[0]!)).toBeGreaterThan(1000);
  });

  it('are unique within a second and sort by the second they were made in', async () => {
    const made = rowsOf<{ code: string }>(
      await t.deps.db.execute(sql`select ledger_tracking_code() as code from generate_series(1, 5000)`),
    ).map((r) => r.code);
    expect(new Set(made).size).toBe(5000);
    const seconds = made.map((c) => c.slice(0, 8));
    expect([...seconds].sort()).toEqual(seconds);
  });

  it('fill in outbox rows that SQL inserts without one', async () => {
    await t.deps.db.execute(
      sql`insert into ledger_entries (org_id, type, subject_type, subject_id, payload)
          values (${org.org.id}, 'correction', 'gift', 99, '{}')`,
    );
    const [row] = rowsOf<{ code: string }>(
      await t.deps.db.execute(sql`select code from ledger_entries where org_id = ${org.org.id} and subject_id = 99`),
    );
    expect(row!.code).toMatch(/^[0-9A-F]{16}$/);
  });
});
