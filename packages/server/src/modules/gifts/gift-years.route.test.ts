import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../testing/app.ts';
import { buildOrg, type TestOrg } from '../../testing/factories.ts';
import { contactGiftYears } from './tables.ts';

let t: TestApp;
let org: TestOrg;
beforeAll(async () => {
  t = await testApp();
  org = await buildOrg(t);
});
afterAll(() => t.close());

const url = (path = '') => `/api/orgs/${org.slug}${path}`;
const newContact = async (name: string) => (await org.owner.post(url('/contacts'), { name })).body.id as number;
const give = async (contactId: number, receivedAt: string) => {
  const response = await org.owner.post(url('/gifts'), { contactId, amount: 1000, receivedAt, channel: 'cash' });
  expect(response.status).toBe(201);
  return response.body.id as number;
};

/** The summary as it is, and as it should be when recomputed from the gifts. */
async function summary() {
  const orgId = org.org.id;
  const stored = await t.deps.db
    .select({ year: contactGiftYears.year, contactId: contactGiftYears.contactId })
    .from(contactGiftYears)
    .where(eq(contactGiftYears.orgId, orgId))
    .orderBy(asc(contactGiftYears.contactId), asc(contactGiftYears.year));
  const result = (await t.deps.db.execute(sql`
    select distinct extract(year from g.received_at at time zone o.timezone)::int as year, g.contact_id
    from gifts g join organizations o on o.id = g.org_id where g.org_id = ${orgId}
    order by g.contact_id, year`)) as unknown as { rows: { year: number; contact_id: number }[] };
  const expected = result.rows.map((r) => ({ year: Number(r.year), contactId: Number(r.contact_id) }));
  expect(stored).toEqual(expected);
  return stored;
}

const yearsOf = async (contactId: number) =>
  (await summary()).filter((r) => r.contactId === contactId).map((r) => r.year);

describe('the yearly giving summary follows gifts', () => {
  it('counts a year by the organization calendar (Asia/Shanghai), not UTC', async () => {
    const id = await newContact('跨年');
    // 2025-12-31 17:00 UTC is already 2026-01-01 in Beijing.
    await give(id, '2025-12-31T17:00:00Z');
    expect(await yearsOf(id)).toEqual([2026]);
  });

  it('moves with a corrected date and leaves when the last gift of a year goes', async () => {
    const id = await newContact('改期');
    const a = await give(id, '2024-03-01T10:00:00+08:00');
    const b = await give(id, '2024-06-01T10:00:00+08:00');
    expect(await yearsOf(id)).toEqual([2024]);
    await org.owner.patch(url(`/gifts/${a}`), { receivedAt: '2025-03-01T10:00:00+08:00' });
    expect(await yearsOf(id)).toEqual([2024, 2025]);
    await org.owner.delete(url(`/gifts/${b}`));
    expect(await yearsOf(id)).toEqual([2025]);
  });

  it('moves to the survivor of a merge and back on undo', async () => {
    const survivor = await newContact('合并甲');
    const merged = await newContact('合并乙');
    await give(survivor, '2023-05-01T10:00:00+08:00');
    await give(merged, '2022-05-01T10:00:00+08:00');
    const merge = await org.owner.post(url('/contacts/merge'), { survivorId: survivor, mergedId: merged, fields: {} });
    expect(merge.status).toBe(200);
    expect(await yearsOf(survivor)).toEqual([2022, 2023]);
    expect(await yearsOf(merged)).toEqual([]);
    expect((await org.owner.post(url(`/merges/${merge.body.id}/undo`))).status).toBe(200);
    expect(await yearsOf(survivor)).toEqual([2023]);
    expect(await yearsOf(merged)).toEqual([2022]);
  });

  it('answers LYBUNT from the summary with the same result as from gifts', async () => {
    const lapsed = await newContact('去年捐');
    const kept = await newContact('连续捐');
    await give(lapsed, '2025-04-01T10:00:00+08:00');
    await give(kept, '2025-04-01T10:00:00+08:00');
    await give(kept, '2026-04-01T10:00:00+08:00');
    const definition = {
      all: [
        { field: 'gifts', op: 'gave', period: { year: 2025 } },
        { field: 'gifts', op: 'didNotGive', period: { year: 2026 } },
      ],
    };
    const count = async (def: object) => {
      const response = await org.owner.post(url('/segments/preview'), { definition: def });
      expect(response.status).toBe(200);
      return response.body.count as number;
    };
    // The same question asked through date ranges, which reads gifts.
    const byDates = {
      all: [
        { field: 'gifts', op: 'gave', period: { from: '2025-01-01', to: '2025-12-31' } },
        { field: 'gifts', op: 'didNotGive', period: { from: '2026-01-01', to: '2026-12-31' } },
      ],
    };
    const before = await count(definition);
    expect(before).toBeGreaterThan(0);
    expect(before).toBe(await count(byDates));
    await give(lapsed, '2026-02-01T10:00:00+08:00');
    expect(await count(definition)).toBe(before - 1);
    expect(await count(byDates)).toBe(before - 1);
  });
});
