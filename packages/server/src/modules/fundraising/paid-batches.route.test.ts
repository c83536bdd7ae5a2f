import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PaymentEvent } from '../../adapters/payments/index.ts';
import { signSandboxCallback } from '../../adapters/payments/index.ts';
import { testApp, type TestApp } from '../../testing/app.ts';
import { buildLiveCampaign, buildOrg, type TestOrg } from '../../testing/factories.ts';
import { postSandboxCallback, sandboxCallback } from '../../testing/sandbox-payments.ts';
import { applyPaymentEvent } from './callbacks.ts';
import { paidNoticeQueue, recordPaidNotices } from './paid-batches.ts';

let t: TestApp;
let o: TestOrg;

beforeAll(async () => {
  t = await testApp();
  o = await buildOrg(t);
  await buildLiveCampaign(o, 'burst');
});
afterAll(() => t?.close());

let tokens = 0;
async function order(phone: string, fields: Record<string, unknown> = {}) {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/give/${o.slug}/burst`,
    payload: {
      submitToken: `burst_token_${++tokens}_${Date.now()}`,
      amount: '30',
      provider: 'sandbox',
      name: '赵六',
      phone,
      ...fields,
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().order.orderNo as string;
}

const rows = async <T>(query: ReturnType<typeof sql>) =>
  ((await t.deps.db.execute(query)) as unknown as { rows: T[] }).rows;

const paidEvent = (orderNo: string, fields: Partial<PaymentEvent> = {}): PaymentEvent => ({
  kind: 'paid',
  notificationId: `evt_${orderNo}_${Math.random().toString(36).slice(2)}`,
  orderNo,
  transactionId: `tx_${orderNo}`,
  amount: { amount: 3000, currency: 'CNY' },
  occurredAt: new Date(),
  ...fields,
});

describe('paid notices recorded together', () => {
  it('takes a burst of callbacks in few transactions: each gift once, one contact per donor, receipts without gaps', async () => {
    const phones = Array.from({ length: 10 }, (_, i) => `1371000${String(i).padStart(4, '0')}`);
    // The last two orders are the first donor's again, from the same phone.
    const orderNos = [
      ...(await Promise.all(
        phones.map((phone) => order(phone, { email: `${phone}@example.org`, consents: ['email'] })),
      )),
      await order(phones[0]!),
      await order(phones[0]!),
    ];
    const mismatched = await order('13710009999');
    const signed = orderNos.map((orderNo) =>
      signSandboxCallback(t.deps.config.SECRET_KEY, sandboxCallback({ orderNo, amount: 3000 }), new Date()),
    );
    const answers = await Promise.all([
      ...signed.map((request) => postSandboxCallback(t, request)),
      // The provider retrying one notice while the first is being recorded.
      postSandboxCallback(t, signed[3]!),
      postSandboxCallback(
        t,
        signSandboxCallback(t.deps.config.SECRET_KEY, sandboxCallback({ orderNo: mismatched, amount: 1 }), new Date()),
      ),
    ]);
    expect(answers.map((a) => a.statusCode)).toEqual([...orderNos.map(() => 200), 200, 400]);

    const orders = await rows<{ order_no: string; status: string; gift_id: number | null; contact_id: number }>(
      sql`select order_no, status, gift_id, contact_id from donation_orders where org_id = ${o.org.id}`,
    );
    const byNo = new Map(orders.map((r) => [r.order_no, r]));
    for (const orderNo of orderNos) expect(byNo.get(orderNo)).toMatchObject({ status: 'paid' });
    expect(byNo.get(mismatched)).toMatchObject({ status: 'pending', gift_id: null });
    const first = byNo.get(orderNos[0]!)!.contact_id;
    expect(byNo.get(orderNos[10]!)!.contact_id).toBe(first);
    expect(byNo.get(orderNos[11]!)!.contact_id).toBe(first);

    const gifts = await rows<{ id: number; contact_id: number }>(
      sql`select id, contact_id from gifts where org_id = ${o.org.id} and campaign = 'burst'`,
    );
    expect(gifts).toHaveLength(12);
    const contacts = await rows<{ phone: string; n: number | string }>(
      sql`select phone, count(*) as n from contacts where org_id = ${o.org.id} and source = 'online_giving' group by phone`,
    );
    expect(contacts).toHaveLength(10);
    expect(contacts.every((c) => Number(c.n) === 1)).toBe(true);

    const serials = (
      await rows<{ serial: number }>(sql`select serial from receipts where org_id = ${o.org.id} order by serial`)
    ).map((r) => Number(r.serial));
    expect(serials).toEqual(Array.from({ length: serials.length }, (_, i) => serials[0]! + i));
    expect(serials).toHaveLength(12);

    const giftIds = gifts.map((g) => g.id);
    const [entries] = await rows<{ n: number | string }>(
      sql`select count(*) as n from ledger_entries where org_id = ${o.org.id} and subject_type = 'gift'
          and subject_id in (${sql.join(
            giftIds.map((id) => sql`${id}`),
            sql`, `,
          )})`,
    );
    expect(Number(entries!.n)).toBe(12);
    const [consents] = await rows<{ n: number | string }>(
      sql`select count(*) as n from consents where org_id = ${o.org.id} and channel = 'email' and source = 'form'`,
    );
    expect(Number(consents!.n)).toBe(10);
    const audits = await rows<{ action: string; n: number | string }>(
      sql`select action, count(*) as n from audit_events where org_id = ${o.org.id}
          and action in ('payment.recorded', 'gift.create', 'receipt.issue', 'payment.refused') group by action`,
    );
    expect(Object.fromEntries(audits.map((a) => [a.action, Number(a.n)]))).toEqual({
      'payment.recorded': 12,
      'gift.create': 12,
      'receipt.issue': 12,
      'payment.refused': 1,
    });
  });

  it('records the plain notices of a batch itself and leaves the rest to be decided one by one', async () => {
    const [a, b, c] = [await order('13720000001'), await order('13720000002'), await order('13720000003')];
    const outcomes = await recordPaidNotices(t.deps.db, [
      { provider: 'sandbox', event: paidEvent(a) },
      { provider: 'sandbox', event: paidEvent(b) },
      { provider: 'sandbox', event: paidEvent(a, { transactionId: 'tx_other' }) },
      { provider: 'sandbox', event: paidEvent('CW20261206FFFFFFFFFFFFFFFF') },
      { provider: 'sandbox', event: paidEvent(c, { amount: { amount: 2999, currency: 'CNY' } }) },
      { provider: 'wechat', event: paidEvent(c) },
    ]);
    expect(outcomes).toEqual([
      { status: 'recorded', orderNo: a },
      { status: 'recorded', orderNo: b },
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    // Already paid: no longer plain.
    expect(await recordPaidNotices(t.deps.db, [{ provider: 'sandbox', event: paidEvent(a) }])).toEqual([undefined]);
  });

  it('when one notice breaks a batch, decides each of its notices on its own', async () => {
    const [lone, x, y] = [await order('13730000001'), await order('13730000002'), await order('13730000003')];
    // Two orders claiming one provider transaction: together they fail on the gifts' unique external id.
    await expect(
      recordPaidNotices(t.deps.db, [
        { provider: 'sandbox', event: paidEvent(x, { transactionId: 'tx_shared' }) },
        { provider: 'sandbox', event: paidEvent(y, { transactionId: 'tx_shared' }) },
      ]),
    ).rejects.toThrow();
    const queue = paidNoticeQueue(t.deps.db, applyPaymentEvent);
    const log = { warn: () => undefined };
    // The first notice starts a transaction at once; the two that arrive meanwhile go together next.
    const outcomes = await Promise.all([
      queue.record({ provider: 'sandbox', event: paidEvent(lone) }, log),
      queue.record({ provider: 'sandbox', event: paidEvent(x, { transactionId: 'tx_shared' }) }, log),
      queue.record({ provider: 'sandbox', event: paidEvent(y, { transactionId: 'tx_shared' }) }, log),
    ]);
    expect(outcomes[0]).toEqual({ status: 'recorded', orderNo: lone });
    // One by one, the two race on PostgreSQL: whichever commits first stands, the other is refused.
    const pair = outcomes.slice(1);
    expect(pair.map((outcome) => outcome.status).sort()).toEqual(['recorded', 'rejected']);
    expect(pair.find((outcome) => outcome.status === 'rejected')).toMatchObject({
      reason: 'transaction-already-recorded',
    });
    const [shared] = await rows<{ n: number | string }>(
      sql`select count(*) as n from gifts where org_id = ${o.org.id} and external_id = 'sandbox:tx_shared'`,
    );
    expect(Number(shared!.n)).toBe(1);
  });
});
