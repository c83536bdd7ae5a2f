import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../testing/app.ts';
import { buildOrg, type TestOrg, testPlan } from '../../testing/factories.ts';
import { expireOrders } from './expire.ts';
import { givingDeps } from './giving.ts';

let t: TestApp;
let o: TestOrg;
let serial = 0;

beforeAll(async () => {
  t = await testApp();
  o = await buildOrg(t);
  const project = await o.owner.post(`/api/orgs/${o.slug}/projects`, { slug: 'wells', name: '水井', budgetLines: [] });
  const created = await o.owner.post(`/api/orgs/${o.slug}/campaigns`, {
    plan: testPlan,
    slug: 'wells',
    projectId: project.body.id,
    copy: { title: '打一口井' },
    presetAmounts: [100_000],
    maxAmount: 10_000_000,
  });
  await o.owner.post(`/api/orgs/${o.slug}/campaigns/${created.body.id}/submit`);
  await o.owner.post(`/api/orgs/${o.slug}/campaigns/${created.body.id}/review`, { decision: 'approve' });
});
afterAll(() => t?.close());

const account = {
  bankName: '中国工商银行',
  branch: '北京朝阳支行',
  accountName: '测试公益基金会',
  accountNumber: '6222 0200 1234 5678 901',
};

const startTransfer = (amount: number) =>
  t.app.inject({
    method: 'POST',
    url: `/api/give/${o.slug}/wells`,
    payload: {
      submitToken: `bt_${++serial}_${Date.now()}`,
      amount,
      provider: 'bank-transfer',
      name: '冯先生',
      phone: '13600009999',
    },
  });

describe('bank transfer, reconciled with the statement', () => {
  it('is offered once the organization has entered its account, which only managers may set', async () => {
    expect((await startTransfer(100_000)).json().error.fields[0].path).toBe('body.provider');
    expect((await t.app.inject({ url: `/c/${o.slug}/wells` })).body).not.toContain('银行转账');
    const fundraiser = await o.member('fundraiser');
    expect((await fundraiser.put(`/api/orgs/${o.slug}/payment-settings`, { bankAccount: account })).status).toBe(403);
    const bad = await o.owner.put(`/api/orgs/${o.slug}/payment-settings`, {
      bankAccount: { ...account, accountNumber: '12ab' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].path).toBe('body.bankAccount.accountNumber');
    const saved = await o.owner.put(`/api/orgs/${o.slug}/payment-settings`, { bankAccount: account });
    expect(saved.body.bankAccount.accountNumber).toBe('6222020012345678901');
    expect((await t.app.inject({ url: `/c/${o.slug}/wells` })).body).toContain('银行转账');
  });

  it('shows the donor the account and a memo code, then records the gift from the statement line, once', async () => {
    const started = await startTransfer(100_000);
    expect(started.statusCode).toBe(201);
    const { order, next } = started.json();
    expect(next).toMatchObject({ kind: 'bank-transfer', reference: expect.stringMatching(/^CW[0-9A-Z]{8}$/) });
    const reference = next.reference as string;
    const shown = await t.app.inject({ url: `/give/${order.orderNo}` });
    expect(shown.body).toContain('6222 0200 1234 5678 901');
    expect(shown.body).toContain(reference);
    expect(shown.body).not.toContain('http-equiv="refresh"');
    // Still awaited after the half hour an online payment gets.
    await expireOrders(givingDeps(t.deps), new Date(Date.now() + 2 * 3600_000));
    const awaited = await o.owner.get(`/api/orgs/${o.slug}/bank-transfers`);
    expect(awaited.body.find((a: { orderNo: string }) => a.orderNo === order.orderNo)).toMatchObject({
      status: 'pending',
      reference,
      donorName: '冯先生',
    });

    const statement = {
      lines: [
        // Written by hand at the bank: lower case, spaces, O for 0.
        {
          bankTransactionId: 'ICBC-001',
          amount: 100_000,
          memo: `捐款 ${reference.toLowerCase().replaceAll('0', 'o')} 冯`,
          postedAt: new Date().toISOString(),
        },
        { bankTransactionId: 'ICBC-002', amount: 50_000, memo: `${reference}`, postedAt: new Date().toISOString() },
        { bankTransactionId: 'ICBC-003', amount: 2_000, memo: '货款', postedAt: new Date().toISOString() },
      ],
    };
    const first = await o.owner.post(`/api/orgs/${o.slug}/bank-transfers/reconcile`, statement);
    expect(first.body.results).toEqual([
      { bankTransactionId: 'ICBC-001', status: 'recorded', orderNo: order.orderNo },
      {
        bankTransactionId: 'ICBC-002',
        status: 'amount-mismatch',
        orderNo: order.orderNo,
        expected: 100_000,
        received: 50_000,
      },
      { bankTransactionId: 'ICBC-003', status: 'unmatched' },
    ]);
    const again = await o.owner.post(`/api/orgs/${o.slug}/bank-transfers/reconcile`, statement);
    expect(again.body.results[0]).toMatchObject({ status: 'unmatched' }); // no longer awaited: paid
    const paid = await t.app.inject({ url: `/api/give/orders/${order.orderNo}` });
    expect(paid.json()).toMatchObject({ status: 'paid', trackingCode: expect.stringMatching(/^[0-9A-F]{16}$/) });
    expect((await t.app.inject({ url: `/give/${order.orderNo}` })).body).toContain('捐赠确认函');

    const audit = await o.owner.get(`/api/orgs/${o.slug}/audit?limit=20`);
    const recorded = audit.body.items.find((e: { action: string }) => e.action === 'payment.recorded');
    expect(recorded.actor).toContain('owner');
  });

  it('records a transfer found by hand only at the exact amount', async () => {
    const { order } = (await startTransfer(30_000)).json();
    const id = (await o.owner.get(`/api/orgs/${o.slug}/bank-transfers`)).body.find(
      (a: { orderNo: string }) => a.orderNo === order.orderNo,
    ).id;
    const wrong = await o.owner.post(`/api/orgs/${o.slug}/bank-transfers/${id}/confirm`, {
      bankTransactionId: 'ICBC-101',
      amount: 29_999,
      receivedAt: new Date().toISOString(),
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error).toMatchObject({ code: 'AMOUNT_MISMATCH', fields: [{ path: 'body.amount' }] });
    const right = await o.owner.post(`/api/orgs/${o.slug}/bank-transfers/${id}/confirm`, {
      bankTransactionId: 'ICBC-102',
      amount: 30_000,
      receivedAt: new Date().toISOString(),
    });
    expect(right.body).toEqual({ status: 'recorded', orderNo: order.orderNo });
    const twice = await o.owner.post(`/api/orgs/${o.slug}/bank-transfers/${id}/confirm`, {
      bankTransactionId: 'ICBC-102',
      amount: 30_000,
      receivedAt: new Date().toISOString(),
    });
    expect(twice.body.status).toBe('duplicate');
  });
});
