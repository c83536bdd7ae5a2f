import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../db/rows.ts';
import { testApp, type TestApp } from '../../testing/app.ts';
import { buildOrg, type TestOrg } from '../../testing/factories.ts';
import { recordLedgerEntries } from './outbox.ts';

let t: TestApp;
let org: TestOrg;
beforeAll(async () => {
  t = await testApp();
  org = await buildOrg(t);
});
afterAll(() => t.close());

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
