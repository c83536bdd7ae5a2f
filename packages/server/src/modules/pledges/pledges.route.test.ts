import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../testing/app.ts';
import { buildOrg, type TestOrg } from '../../testing/factories.ts';

let t: TestApp;
let o: TestOrg;
let donor: number;
let other: number;

beforeAll(async () => {
  t = await testApp();
  o = await buildOrg(t, { name: '山花助学' });
  donor = (await o.owner.post(`/api/orgs/${o.slug}/contacts`, { kind: 'organization', name: '某某科技有限公司' })).body
    .id;
  other = (await o.owner.post(`/api/orgs/${o.slug}/contacts`, { kind: 'person', name: '周敏' })).body.id;
});
afterAll(() => t?.close());

const api = (path: string) => `/api/orgs/${o.slug}${path}`;
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const pledge = (fields: Record<string, unknown> = {}) =>
  o.owner.post(api('/pledges'), {
    contactId: donor,
    amount: 1_000_000,
    pledgedOn: day(-30),
    dueOn: day(60),
    campaign: '乡村图书馆',
    ...fields,
  });
const gift = (contactId: number, amount: number, extra: Record<string, unknown> = {}) =>
  o.owner.post(api('/gifts'), {
    contactId,
    amount,
    receivedAt: new Date().toISOString(),
    channel: 'bank_transfer',
    ...extra,
  });

describe('pledges (认捐)', () => {
  it('is paid by new and existing gifts, less refunds, until fulfilled', async () => {
    const created = await pledge();
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      status: 'open',
      paid: 0,
      balance: 1_000_000,
      contactName: '某某科技有限公司',
    });
    const id = created.body.id;

    // The first instalment arrives: recorded and counted in one step.
    const first = await o.owner.post(api(`/pledges/${id}/payments`), {
      gift: {
        amount: 400_000,
        receivedAt: new Date().toISOString(),
        channel: 'bank_transfer',
        paymentReference: 'B-1',
      },
    });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ paid: 400_000, balance: 600_000, status: 'open' });
    expect(first.body.payments[0]).toMatchObject({ amount: 400_000, channel: 'bank_transfer' });
    const giftRows = await o.owner.get(api(`/contacts/${donor}/gifts`));
    expect(giftRows.body.items[0]).toMatchObject({ amount: 400_000, campaign: '乡村图书馆' });

    // The second was recorded on its own first; staff count it afterwards.
    const second = await gift(donor, 600_000);
    const paid = await o.owner.post(api(`/pledges/${id}/payments`), { giftId: second.body.id });
    expect(paid.body).toMatchObject({ paid: 1_000_000, balance: 0, status: 'fulfilled' });

    // A refund of part of a gift reopens the pledge by that much.
    await o.owner.post(api(`/gifts/${second.body.id}/refunds`), {
      amount: 100_000,
      refundedAt: new Date().toISOString(),
    });
    expect((await o.owner.get(api(`/pledges/${id}`))).body).toMatchObject({
      paid: 900_000,
      balance: 100_000,
      status: 'open',
    });

    // Taken off by mistake, then the gift still exists.
    const unlinked = await o.owner.delete(api(`/pledges/${id}/payments/${second.body.id}`));
    expect(unlinked.body).toMatchObject({ paid: 400_000 });
    expect((await o.owner.get(api(`/contacts/${donor}/gifts`))).body.items).toHaveLength(2);

    const timeline = await o.owner.get(api(`/contacts/${donor}/timeline`));
    expect(timeline.body.items.some((a: { type: string }) => a.type === 'pledge')).toBe(true);
  });

  it('is overdue after its date, counted in the summary, and can be written off', async () => {
    const late = await pledge({ amount: 50_000, pledgedOn: day(-40), dueOn: day(-1) });
    expect(late.body.status).toBe('overdue');
    const list = await o.owner.get(api('/pledges?status=overdue'));
    expect(list.body.items.map((p: { id: number }) => p.id)).toContain(late.body.id);
    const overdue = list.body.summary.find((s: { status: string }) => s.status === 'overdue');
    expect(overdue).toMatchObject({ currency: 'CNY', count: 1, outstanding: 50_000 });

    const cancelled = await o.owner.post(api(`/pledges/${late.body.id}/cancel`), { reason: '企业预算取消' });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', balance: 0, cancelReason: '企业预算取消' });
    const again = await o.owner.post(api(`/pledges/${late.body.id}/payments`), { giftId: 1 });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('PLEDGE_STATE');
  });

  it("refuses another donor's gift, a gift counted twice, bad dates and amounts, and viewers", async () => {
    const id = (await pledge({ amount: 20_000 })).body.id;
    const someoneElse = await gift(other, 20_000);
    const wrong = await o.owner.post(api(`/pledges/${id}/payments`), { giftId: someoneElse.body.id });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.fields[0]).toMatchObject({ path: 'body.giftId' });

    const own = await gift(donor, 20_000);
    expect((await o.owner.post(api(`/pledges/${id}/payments`), { giftId: own.body.id })).status).toBe(200);
    const second = (await pledge({ amount: 20_000 })).body.id;
    const twice = await o.owner.post(api(`/pledges/${second}/payments`), { giftId: own.body.id });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('PLEDGE_GIFT_TAKEN');

    const before = (await o.owner.get(api('/pledges'))).body.items.length;
    for (const bad of [
      { amount: 0 },
      { amount: 12.5 },
      { dueOn: day(-90) },
      { pledgedOn: '2026-02-30' },
      { contactId: 999_999 },
      { currency: 'XYZ' },
    ]) {
      const answer = await pledge(bad);
      expect(answer.status, JSON.stringify(bad)).toBeGreaterThanOrEqual(400);
      expect(answer.status).toBeLessThan(500);
      expect(answer.body.error.fields.length, JSON.stringify(answer.body)).toBeGreaterThan(0);
    }
    expect((await o.owner.get(api('/pledges'))).body.items.length).toBe(before);

    const viewer = await o.member('viewer');
    expect((await viewer.get(api('/pledges'))).status).toBe(200);
    expect(
      (await viewer.post(api('/pledges'), { contactId: donor, amount: 1, pledgedOn: day(0), dueOn: day(0) })).status,
    ).toBe(403);
  });
});
