import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../testing/app.ts';
import { buildOrg, type TestOrg } from '../../testing/factories.ts';
import { gifts } from '../gifts/tables.ts';
import { canonicalEntry, commitment } from './outbox.ts';
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
