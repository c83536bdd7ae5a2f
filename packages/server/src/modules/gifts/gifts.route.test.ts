import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitment, sha256Hex } from '../ledger/index.ts';
import { testApp, type TestApp } from '../../testing/app.ts';
import { buildOrg, type TestOrg } from '../../testing/factories.ts';

let t: TestApp;
let org: TestOrg;
beforeAll(async () => {
  t = await testApp();
  org = await buildOrg(t);
});
afterAll(() => t.close());

const url = (path = '') => `/api/orgs/${org.slug}${path}`;
const newContact = async (name = '捐赠人') => (await org.owner.post(url('/contacts'), { name })).body.id as number;
const gift = (contactId: number, extra: Record<string, unknown> = {}) => ({
  contactId,
  amount: 10000,
  receivedAt: '2024-09-07T10:00:00+08:00',
  channel: 'wechat_pay',
  ...extra,
});

describe('recording gifts', () => {
  it('records money in minor units with the org currency by default, and totals it on the contact', async () => {
    const id = await newContact();
    const first = await org.owner.post(url('/gifts'), gift(id, { campaign: '99公益日' }));
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      contactId: id,
      kind: 'money',
      amount: 10000,
      currency: 'CNY',
      campaign: '99公益日',
      source: 'manual',
    });
    expect(first.body.receivedAt).toBe('2024-09-07T02:00:00.000Z');
    await org.owner.post(url('/gifts'), gift(id, { amount: 2550, receivedAt: '2025-01-01T00:00:00Z' }));
    await org.owner.post(url('/gifts'), gift(id, { amount: 500, currency: 'usd' }));
    await org.owner.post(
      url('/gifts'),
      gift(id, { kind: 'in_kind', amount: 30000, inKindDescription: '图书 20 箱', receivedAt: '2023-05-01T00:00:00Z' }),
    );
    const contact = (await org.owner.get(url(`/contacts/${id}`))).body;
    expect(contact.giftCount).toBe(4);
    expect(contact.totalGiven).toEqual([
      { currency: 'CNY', amount: 12550 },
      { currency: 'USD', amount: 500 },
    ]);
    expect(contact.firstGiftAt).toBe('2023-05-01T00:00:00.000Z');
    expect(contact.lastGiftAt).toBe('2025-01-01T00:00:00.000Z');

    const list = (await org.owner.get(url(`/contacts/${id}/gifts?limit=3`))).body;
    // Same time: the later record first.
    expect(list.items.map((g: { amount: number }) => g.amount)).toEqual([2550, 500, 10000]);
    const rest = (await org.owner.get(url(`/contacts/${id}/gifts?limit=3&cursor=${list.nextCursor}`))).body;
    expect(rest).toEqual({
      items: [expect.objectContaining({ kind: 'in_kind', inKindDescription: '图书 20 箱' })],
      nextCursor: null,
    });

    const timeline = (await org.owner.get(url(`/contacts/${id}/timeline`))).body.items;
    expect(timeline.filter((a: { type: string }) => a.type === 'gift')).toHaveLength(4);
    expect(timeline.find((a: { summary: string }) => a.summary.includes('CNY 25.50'))).toBeTruthy();
    // The console words the line from its data in its own language.
    expect(timeline.find((a: { data: { kind: string } }) => a.data.kind === 'in_kind').data).toEqual(
      expect.objectContaining({ amount: 30000, currency: 'CNY', channel: 'wechat_pay' }),
    );
  });

  it('validates amount, currency, kind and dates with field paths', async () => {
    const id = await newContact();
    const cases: [Record<string, unknown>, string][] = [
      [{ amount: 10.5 }, 'body.amount'],
      [{ amount: 0 }, 'body.amount'],
      [{ amount: -100 }, 'body.amount'],
      [{ amount: '100' }, 'body.amount'],
      [{ currency: 'XYZ' }, 'body.currency'],
      [{ receivedAt: '2024-13-01' }, 'body.receivedAt'],
      [{ kind: 'in_kind' }, 'body.inKindDescription'],
      [{ channel: '' }, 'body.channel'],
    ];
    for (const [extra, path] of cases) {
      const res = await org.owner.post(url('/gifts'), gift(id, extra));
      expect(res.status, JSON.stringify(extra)).toBe(400);
      expect(res.body.error.fields.map((f: { path: string }) => f.path)).toContain(path);
    }
    const missing = await org.owner.post(url('/gifts'), gift(999_999));
    expect(missing.status).toBe(404);
    expect(missing.body.error.fields[0].path).toBe('body.contactId');
    expect((await org.owner.get(url(`/contacts/${id}`))).body.giftCount).toBe(0);
  });

  it('records an external id once per organization', async () => {
    const id = await newContact();
    expect((await org.owner.post(url('/gifts'), gift(id, { externalId: 'tencent-123' }))).status).toBe(201);
    const again = await org.owner.post(url('/gifts'), gift(id, { externalId: 'tencent-123' }));
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('CONFLICT');
    const other = await buildOrg(t);
    const theirContact = (await other.owner.post(`/api/orgs/${other.slug}/contacts`, { name: '别家' })).body.id;
    expect(
      (await other.owner.post(`/api/orgs/${other.slug}/gifts`, gift(theirContact, { externalId: 'tencent-123' })))
        .status,
    ).toBe(201);
  });
});

describe('correcting gifts', () => {
  it('patches and deletes with audited changes', async () => {
    const id = await newContact();
    const { body: g } = await org.owner.post(url('/gifts'), gift(id));
    const patched = await org.owner.patch(url(`/gifts/${g.id}`), { amount: 20000, fund: '助学基金' });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ amount: 20000, fund: '助学基金', currency: 'CNY' });
    expect((await org.owner.patch(url(`/gifts/${g.id}`), { kind: 'in_kind' })).status).toBe(400);
    expect((await org.owner.patch(url(`/gifts/${g.id}`), { amount: 1.5 })).status).toBe(400);
    const audit = (await org.owner.get(url(`/audit?action=gift.update&subjectId=${g.id}`))).body.items;
    expect(audit[0].data).toMatchObject({
      amount: { before: 10000, after: 20000 },
      fund: { before: null, after: '助学基金' },
    });
    expect((await org.owner.delete(url(`/gifts/${g.id}`))).status).toBe(200);
    expect((await org.owner.delete(url(`/gifts/${g.id}`))).status).toBe(404);
    const deleted = (await org.owner.get(url(`/audit?action=gift.delete&subjectId=${g.id}`))).body.items;
    expect(deleted[0].data).toMatchObject({ amount: 20000, currency: 'CNY', contactId: id });
    expect((await org.owner.get(url(`/contacts/${id}`))).body.giftCount).toBe(0);
  });
});

describe('gift permissions and tenancy', () => {
  it('needs gifts:write to record and gifts:read to list', async () => {
    const id = await newContact();
    const viewer = await org.member('viewer');
    const coordinator = await org.member('coordinator');
    const fundraiser = await org.member('fundraiser');
    expect((await viewer.post(url('/gifts'), gift(id))).status).toBe(403);
    expect((await coordinator.post(url('/gifts'), gift(id))).status).toBe(403);
    const { body: g, status } = await fundraiser.post(url('/gifts'), gift(id));
    expect(status).toBe(201);
    expect((await viewer.patch(url(`/gifts/${g.id}`), { amount: 1 })).status).toBe(403);
    expect((await viewer.delete(url(`/gifts/${g.id}`))).status).toBe(403);
    expect((await viewer.get(url(`/contacts/${id}/gifts`))).status).toBe(200);
  });

  it("answers 404 for another organization's contacts and gifts", async () => {
    const other = await buildOrg(t);
    const theirContact = (await other.owner.post(`/api/orgs/${other.slug}/contacts`, { name: '别家' })).body.id;
    const { body: theirGift } = await other.owner.post(`/api/orgs/${other.slug}/gifts`, gift(theirContact));
    const responses = [
      await org.owner.post(url('/gifts'), gift(theirContact)),
      await org.owner.get(url(`/contacts/${theirContact}/gifts`)),
      await org.owner.patch(url(`/gifts/${theirGift.id}`), { amount: 1 }),
      await org.owner.delete(url(`/gifts/${theirGift.id}`)),
    ];
    expect(responses.map((r) => r.status)).toEqual([404, 404, 404, 404]);
    const theirs = (await other.owner.get(`/api/orgs/${other.slug}/contacts/${theirContact}`)).body;
    expect(theirs.totalGiven).toEqual([{ currency: 'CNY', amount: 10000 }]);
  });
});

describe('gifts in the transparency log', () => {
  const entriesOf = async (giftId: number) =>
    (
      (await t.deps.db.execute(
        sql`select code, type, payload, openings from ledger_entries
          where org_id = ${org.org.id} and subject_type = 'gift' and subject_id = ${giftId} order by id`,
      )) as unknown as { rows: { code: string; type: string; payload: any; openings: any }[] }
    ).rows;

  it('writes donation.received with the gift, commits to the donor and shows the tracking code', async () => {
    const id = await newContact('张三');
    const { body: g } = await org.owner.post(url('/gifts'), gift(id, { paymentReference: 'WX-4200001', fund: '助学' }));
    expect(g.trackingCode).toMatch(/^[0-9A-F]{16}$/);
    expect(g.leafIndex).toBeNull();
    const [entry, ...rest] = await entriesOf(g.id);
    expect(rest).toEqual([]);
    expect(entry).toMatchObject({ code: g.trackingCode, type: 'donation.received' });
    expect(entry!.payload).toEqual({
      kind: 'money',
      amount: 10000,
      currency: 'CNY',
      channel: 'wechat_pay',
      receivedAt: '2024-09-07T02:00:00.000Z',
      campaign: null,
      fund: '助学',
      paymentReferenceHash: sha256Hex('WX-4200001'),
      donor: commitment(entry!.openings.donor, String(id)),
    });
    expect(JSON.stringify(entry!.payload)).not.toContain('张三');
    const listed = (await org.owner.get(url(`/contacts/${id}/gifts`))).body.items[0];
    expect(listed.trackingCode).toBe(g.trackingCode);
  });

  it('logs a correction pointing at the original instead of editing it, and voids a deleted gift', async () => {
    const id = await newContact();
    const { body: g } = await org.owner.post(url('/gifts'), gift(id));
    await org.owner.patch(url(`/gifts/${g.id}`), { externalId: 'only-private' });
    expect(await entriesOf(g.id)).toHaveLength(1);
    const patched = await org.owner.patch(url(`/gifts/${g.id}`), { amount: 12000 });
    expect(patched.body.trackingCode).toBe(g.trackingCode);
    const [original, correction] = await entriesOf(g.id);
    expect(original!.payload.amount).toBe(10000);
    expect(correction).toMatchObject({
      type: 'correction',
      payload: { corrects: g.trackingCode, correctsLeaf: null, action: 'amend', correctedType: 'donation.received' },
    });
    expect(correction!.payload.facts).toMatchObject({ amount: 12000, currency: 'CNY' });
    expect(correction!.payload.facts.donor).toBeUndefined();
    expect((await org.owner.delete(url(`/gifts/${g.id}`))).status).toBe(200);
    const all = await entriesOf(g.id);
    expect(all).toHaveLength(3);
    expect(all[2]).toMatchObject({
      type: 'correction',
      payload: { corrects: g.trackingCode, action: 'void', facts: null },
    });
  });
});
