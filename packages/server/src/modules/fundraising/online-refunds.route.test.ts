import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../testing/app.ts';
import { buildOrg, type TestOrg, testPlan } from '../../testing/factories.ts';
import { notifySandbox } from '../../testing/sandbox-payments.ts';

let t: TestApp;
let o: TestOrg;

beforeAll(async () => {
  t = await testApp();
  o = await buildOrg(t, { name: '晨光助学' });
  const project = await o.owner.post(`/api/orgs/${o.slug}/projects`, {
    slug: 'desks',
    name: '课桌椅',
    budgetLines: [],
  });
  const campaign = await o.owner.post(`/api/orgs/${o.slug}/campaigns`, {
    plan: testPlan,
    slug: 'desks',
    projectId: project.body.id,
    copy: { title: '新课桌' },
  });
  await o.owner.post(`/api/orgs/${o.slug}/campaigns/${campaign.body.id}/submit`);
  await o.owner.post(`/api/orgs/${o.slug}/campaigns/${campaign.body.id}/review`, { decision: 'approve' });
});
afterAll(() => t?.close());

const rows = async <T = Record<string, unknown>>(query: ReturnType<typeof sql>) =>
  ((await t.deps.db.execute(query)) as unknown as { rows: T[] }).rows;

const sandboxEvent = (fields: Parameters<typeof notifySandbox>[1]) => notifySandbox(t, fields);

/** A paid online gift of `amount` fen: its gift id and order number. */
async function onlineGift(amount: number) {
  const started = await t.app.inject({
    method: 'POST',
    url: `/api/give/${o.slug}/desks`,
    payload: {
      submitToken: `r_${Math.random().toString(36).slice(2)}_${Date.now()}`,
      amount,
      provider: 'sandbox',
      name: '秦岚',
      phone: '13800001111',
    },
  });
  expect(started.statusCode, started.body).toBe(201);
  const orderNo = started.json().order.orderNo as string;
  expect((await sandboxEvent({ orderNo, amount })).statusCode).toBe(200);
  const [order] = await rows<{ gift_id: string }>(sql`select gift_id from donation_orders where order_no = ${orderNo}`);
  return { giftId: Number(order!.gift_id), orderNo };
}

const options = (giftId: number) => o.owner.get(`/api/orgs/${o.slug}/gifts/${giftId}/refund-options`);
const refund = (giftId: number, amount: number, reason = '捐赠人申请退款') =>
  o.owner.post(`/api/orgs/${o.slug}/gifts/${giftId}/online-refunds`, { amount, reason });
const recordedRefunds = (giftId: number) =>
  rows<{ amount: string }>(
    sql`select amount from refunds where org_id = ${o.org.id} and gift_id = ${giftId} order by id`,
  );

describe('refunds of online gifts through their provider (原路退款)', () => {
  it('sends money back at once and records it with its ledger entry; never more than is left', async () => {
    const { giftId } = await onlineGift(10_000);
    const before = await options(giftId);
    expect(before.body).toMatchObject({ left: 10_000, online: { provider: 'sandbox', refundable: true } });

    const done = await refund(giftId, 3_000);
    expect(done.status, JSON.stringify(done.body)).toBe(201);
    expect(done.body).toMatchObject({ status: 'succeeded', amount: 3_000 });
    expect((await recordedRefunds(giftId)).map((r) => Number(r.amount))).toEqual([3_000]);
    const entries = await rows(
      sql`select type from ledger_entries where org_id = ${o.org.id} and subject_type = 'refund' and type = 'donation.refunded'`,
    );
    expect(entries.length).toBeGreaterThan(0);

    const tooMuch = await refund(giftId, 8_000);
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.body.error).toMatchObject({ code: 'REFUND_EXCEEDS_GIFT', fields: [{ path: 'body.amount' }] });
    expect((await options(giftId)).body.left).toBe(7_000);
    expect((await options(giftId)).body.requests).toHaveLength(1);
  });

  it('keeps a refund the provider refuses out of the books, with its reason', async () => {
    const { giftId } = await onlineGift(5_000);
    const refused = await refund(giftId, 1_015);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('REFUND_FAILED');
    expect(refused.body.error.message).toContain('.15');
    expect(await recordedRefunds(giftId)).toEqual([]);
    const after = await options(giftId);
    expect(after.body.left).toBe(5_000);
    expect(after.body.requests[0]).toMatchObject({ status: 'failed' });
  });

  it("holds a processing refund's amount, and records it once when its notification comes", async () => {
    const { giftId, orderNo } = await onlineGift(5_000);
    const pending = await refund(giftId, 2_014);
    expect(pending.body).toMatchObject({ status: 'processing' });
    expect(await recordedRefunds(giftId)).toEqual([]);
    expect((await options(giftId)).body.left).toBe(5_000 - 2_014);
    expect((await refund(giftId, 5_000 - 2_014 + 1)).body.error.code).toBe('REFUND_EXCEEDS_GIFT');

    const notice = { orderNo, event: 'refunded' as const, refundNo: pending.body.refundNo as string, amount: 2_014 };
    const tampered = await sandboxEvent({ ...notice, amount: 9_999 });
    expect(tampered.statusCode).toBe(400);
    expect(await recordedRefunds(giftId)).toEqual([]);
    const id = `evt_refund_${Math.random()}`;
    expect((await sandboxEvent({ ...notice, id })).statusCode).toBe(200);
    expect((await sandboxEvent({ ...notice, id })).statusCode).toBe(200); // a retry
    expect((await sandboxEvent(notice)).statusCode).toBe(200); // the same refund, notified again
    expect((await recordedRefunds(giftId)).map((r) => Number(r.amount))).toEqual([2_014]);
    expect((await options(giftId)).body.requests[0]).toMatchObject({ status: 'succeeded' });
  });

  it('lets only one of two simultaneous refunds of the whole gift through', async () => {
    const { giftId } = await onlineGift(4_000);
    const both = await Promise.all([refund(giftId, 4_000), refund(giftId, 4_000)]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    expect((await recordedRefunds(giftId)).map((r) => Number(r.amount))).toEqual([4_000]);
  });

  it('refuses gifts not paid online, bad amounts and roles that cannot move money', async () => {
    const contact = await o.owner.post(`/api/orgs/${o.slug}/contacts`, { kind: 'person', name: '线下捐赠人' });
    const offline = await o.owner.post(`/api/orgs/${o.slug}/gifts`, {
      contactId: contact.body.id,
      kind: 'money',
      amount: 10_000,
      currency: 'CNY',
      receivedAt: new Date().toISOString(),
      channel: 'cash',
    });
    expect((await options(offline.body.id)).body).toMatchObject({ online: null, left: 10_000 });
    const notOnline = await refund(offline.body.id, 1_000);
    expect(notOnline.status).toBe(409);
    expect(notOnline.body.error.code).toBe('REFUND_NOT_ONLINE');

    const { giftId } = await onlineGift(3_000);
    for (const [amount, reason] of [
      [0, 'x'],
      [1.5, 'x'],
      [100, ''],
      [100, '很'.repeat(81)],
    ] as const) {
      const bad = await refund(giftId, amount, reason);
      expect(bad.status, `${amount} ${reason}`).toBe(400);
      expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    }
    const viewer = await o.member('viewer');
    expect((await viewer.get(`/api/orgs/${o.slug}/gifts/${giftId}/refund-options`)).status).toBe(200);
    const forbidden = await viewer.post(`/api/orgs/${o.slug}/gifts/${giftId}/online-refunds`, {
      amount: 100,
      reason: 'x',
    });
    expect(forbidden.status).toBe(403);
    const fundraiser = await o.member('fundraiser');
    const allowed = await fundraiser.post(`/api/orgs/${o.slug}/gifts/${giftId}/online-refunds`, {
      amount: 100,
      reason: '多付',
    });
    expect(allowed.status).toBe(201);
    expect(await recordedRefunds(giftId)).toHaveLength(1);
  });
});
