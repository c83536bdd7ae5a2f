import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../testing/app.ts';
import { buildOrg, type TestOrg } from '../../testing/factories.ts';
import { uploadFile } from '../imports/fixtures.ts';
import { commitment, sha256Hex } from '../ledger/index.ts';

let t: TestApp;
let org: TestOrg;
let token: string;
beforeAll(async () => {
  t = await testApp();
  org = await buildOrg(t);
  token = (await org.owner.post(url('/tokens'), { name: 'uploads', role: 'owner' })).body.token;
});
afterAll(() => t.close());

function url(path = '') {
  return `/api/orgs/${org.slug}${path}`;
}
const at = '2025-03-01T10:00:00+08:00';
let n = 0;

async function project(extra: Record<string, unknown> = {}) {
  const res = await org.owner.post(url('/projects'), {
    slug: `p-${++n}`,
    name: `项目 ${n}`,
    budgetLines: [
      { name: '物资采购', amount: 50_000 },
      { name: '交通', amount: 5_000 },
    ],
    ...extra,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: number; slug: string; currency: string; budgetLines: { id: number }[] };
}
async function giftOf(amount: number, extra: Record<string, unknown> = {}) {
  const contactId = (await org.owner.post(url('/contacts'), { name: '捐赠人' })).body.id;
  const res = await org.owner.post(url('/gifts'), { contactId, amount, receivedAt: at, channel: '微信支付', ...extra });
  expect(res.status).toBe(201);
  return res.body as { id: number; trackingCode: string };
}
async function invoice(text = `发票 ${++n}`) {
  const res = await uploadFile(t.app, url('/attachments'), token, 'invoice.pdf', Buffer.from(text));
  expect(res.status).toBe(201);
  return res.body as { id: number; sha256: string };
}
const entries = async (type: string) =>
  (
    (await t.deps.db.execute(
      sql`select code, subject_id, payload, openings from ledger_entries where org_id = ${org.org.id} and type = ${type} order by id`,
    )) as unknown as { rows: { code: string; subject_id: number; payload: any; openings: any }[] }
  ).rows;
const counts = async () =>
  (
    (await t.deps.db.execute(sql`select
      (select count(*) from ledger_entries where org_id = ${org.org.id})::int as entries,
      (select count(*) from allocations where org_id = ${org.org.id})::int as allocations,
      (select count(*) from expenses where org_id = ${org.org.id})::int as expenses,
      (select count(*) from refunds where org_id = ${org.org.id})::int as refunds,
      (select count(*) from transfers where org_id = ${org.org.id})::int as transfers,
      (select count(*) from goods_movements where org_id = ${org.org.id})::int as goods`)) as unknown as {
      rows: Record<string, number>[];
    }
  ).rows[0]!;

describe('projects', () => {
  it('creates projects with budget lines; slugs are unique in the organization', async () => {
    const p = await project();
    expect(p).toMatchObject({ currency: 'CNY', budgetLines: [{ name: '物资采购', amount: 50_000 }, { name: '交通' }] });
    const again = await org.owner.post(url('/projects'), { slug: p.slug, name: 'x' });
    expect(again.status).toBe(409);
    expect(again.body.error.fields[0].path).toBe('body.slug');
    const line = await org.owner.post(url(`/projects/${p.id}/budget-lines`), { name: '培训', amount: 1000 });
    expect(line.status).toBe(201);
    expect((await org.owner.get(url(`/projects/${p.id}`))).body.budgetLines).toHaveLength(3);
    expect((await org.owner.post(url('/projects'), { slug: 'Bad Slug', name: 'x' })).status).toBe(400);
  });
});

describe('allocations', () => {
  it('draws on the oldest unallocated gifts first and logs which gifts it used', async () => {
    const p = await project({ currency: 'HKD' });
    const older = await giftOf(3000, { currency: 'HKD', receivedAt: '2020-01-01T00:00:00Z' });
    const newer = await giftOf(5000, { currency: 'HKD', receivedAt: '2020-02-01T00:00:00Z' });
    const res = await org.owner.post(url('/allocations'), { projectId: p.id, amount: 4000, allocatedAt: at });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.sources).toEqual([
      { giftId: older.id, amount: 3000 },
      { giftId: newer.id, amount: 1000 },
    ]);
    expect(res.body.trackingCode).toMatch(/^[0-9A-F]{16}$/);
    const entry = (await entries('funds.allocated')).find((e) => e.code === res.body.trackingCode)!;
    expect(entry.payload).toEqual({
      project: p.slug,
      budgetLine: null,
      amount: 4000,
      currency: 'HKD',
      allocatedAt: '2025-03-01T02:00:00.000Z',
      sources: [
        { gift: older.trackingCode, amount: 3000 },
        { gift: newer.trackingCode, amount: 1000 },
      ],
    });
    const before = await counts();
    const over = await org.owner.post(url('/allocations'), { projectId: p.id, amount: 4001, allocatedAt: at });
    expect(over.status).toBe(409);
    expect(over.body.error.code).toBe('FUNDS_INSUFFICIENT');
    expect(await counts()).toEqual(before);
    const rest = await org.owner.post(url('/allocations'), { projectId: p.id, amount: 4000, allocatedAt: at });
    expect(rest.body.sources).toEqual([{ giftId: newer.id, amount: 4000 }]);
  });

  it('answers unknown projects, budget lines, gifts, closed projects and wrong currencies cleanly', async () => {
    const p = await project();
    const other = await project();
    const usd = await giftOf(100, { currency: 'USD' });
    const cases: [Record<string, unknown>, number, string][] = [
      [{ projectId: 999_999 }, 404, 'body.projectId'],
      [{ budgetLineId: other.budgetLines[0]!.id }, 404, 'body.budgetLineId'],
      [{ giftIds: [999_999] }, 404, 'body.giftIds.0'],
      [{ giftIds: [usd.id] }, 422, 'body.giftIds.0'],
      [{ amount: 1.5 }, 400, 'body.amount'],
      [{ amount: -1 }, 400, 'body.amount'],
    ];
    const before = await counts();
    for (const [extra, status, path] of cases) {
      const res = await org.owner.post(url('/allocations'), {
        projectId: p.id,
        amount: 100,
        allocatedAt: at,
        ...extra,
      });
      expect(res.status, JSON.stringify(extra)).toBe(status);
      expect(res.body.error.fields.map((f: { path: string }) => f.path)).toContain(path);
    }
    await org.owner.patch(url(`/projects/${p.id}`), { status: 'closed' });
    const closed = await org.owner.post(url('/allocations'), { projectId: p.id, amount: 100, allocatedAt: at });
    expect(closed.body.error.code).toBe('PROJECT_CLOSED');
    expect(await counts()).toEqual(before);
  });
});

describe('expenses, refunds and transfers', () => {
  it('records an expense with its invoice hash, within the balance and the budget line', async () => {
    const p = await project();
    const g = await giftOf(60_000, { fund: `fund-${p.slug}` });
    await org.owner.post(url('/allocations'), {
      projectId: p.id,
      amount: 60_000,
      allocatedAt: at,
      giftIds: [g.id],
    });
    const file = await invoice('增值税发票 No.123');
    expect(file.sha256).toBe(createHash('sha256').update('增值税发票 No.123').digest('hex'));
    const body = {
      projectId: p.id,
      budgetLineId: p.budgetLines[1]!.id,
      payeeCategory: '交通',
      amount: 4_000,
      paidAt: at,
      description: '张师傅 包车',
      invoiceId: file.id,
    };
    const res = await org.owner.post(url('/expenses'), body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const [entry] = (await entries('expense.paid')).filter((e) => e.code === res.body.trackingCode);
    expect(entry!.payload).toMatchObject({
      invoice: file.sha256,
      payeeCategory: '交通',
      amount: 4_000,
      project: p.slug,
    });
    expect(JSON.stringify(entry!.payload)).not.toContain('张师傅');
    const before = await counts();
    const problems: [Record<string, unknown>, number, string][] = [
      [{ amount: 1_001 }, 409, 'BUDGET_EXCEEDED'],
      [{ budgetLineId: null, amount: 56_001 }, 409, 'FUNDS_INSUFFICIENT'],
      [{ currency: 'USD' }, 422, 'CURRENCY_MISMATCH'],
      [{ invoiceId: 999_999 }, 404, 'NOT_FOUND'],
      [{ projectId: 999_999 }, 404, 'NOT_FOUND'],
    ];
    for (const [extra, status, code] of problems) {
      const bad = await org.owner.post(url('/expenses'), { ...body, ...extra });
      expect(bad.status, JSON.stringify(extra)).toBe(status);
      expect(bad.body.error.code).toBe(code);
    }
    expect(await counts()).toEqual(before);
    const summary = (await org.owner.get(url(`/projects/${p.id}/summary`))).body;
    expect(summary).toMatchObject({ allocated: 60_000, spent: 4_000, balance: 56_000 });
    expect(summary.budgetLines[1]).toMatchObject({ amount: 5_000, spent: 4_000 });
    const listed = (await org.owner.get(url(`/expenses?projectId=${p.id}`))).body;
    expect(listed).toEqual([expect.objectContaining({ id: res.body.id, trackingCode: res.body.trackingCode })]);
  });

  it('never spends the same balance twice, even when two expenses race', async () => {
    const p = await project();
    const g = await giftOf(10_000);
    await org.owner.post(url('/allocations'), { projectId: p.id, amount: 10_000, allocatedAt: at, giftIds: [g.id] });
    const file = await invoice();
    const spend = () =>
      org.owner.post(url('/expenses'), {
        projectId: p.id,
        payeeCategory: '物资采购',
        amount: 7_000,
        paidAt: at,
        invoiceId: file.id,
      });
    const results = await Promise.all([spend(), spend(), spend()]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    expect((await org.owner.get(url(`/projects/${p.id}/summary`))).body.balance).toBe(3_000);
  });

  it('refunds part of a gift, never more than is left, and then keeps the gift from deletion', async () => {
    const g = await giftOf(10_000);
    const first = await org.owner.post(url(`/gifts/${g.id}/refunds`), { amount: 4_000, refundedAt: at });
    expect(first.status).toBe(201);
    const [entry] = (await entries('donation.refunded')).filter((e) => e.code === first.body.trackingCode);
    expect(entry!.payload).toEqual({
      gift: g.trackingCode,
      amount: 4_000,
      currency: 'CNY',
      refundedAt: '2025-03-01T02:00:00.000Z',
    });
    const before = await counts();
    const over = await org.owner.post(url(`/gifts/${g.id}/refunds`), { amount: 6_001, refundedAt: at });
    expect(over.status).toBe(409);
    expect(over.body.error.code).toBe('REFUND_EXCEEDS_GIFT');
    expect((await org.owner.post(url('/gifts/999999/refunds'), { amount: 1, refundedAt: at })).status).toBe(404);
    expect(await counts()).toEqual(before);
    expect((await org.owner.delete(url(`/gifts/${g.id}`))).body.error.code).toBe('GIFT_IN_USE');
    expect((await org.owner.patch(url(`/gifts/${g.id}`), { amount: 3_999 })).body.error.code).toBe('GIFT_IN_USE');
    const asGoods = await org.owner.patch(url(`/gifts/${g.id}`), { kind: 'in_kind', inKindDescription: '书' });
    expect(asGoods.body.error.code).toBe('GIFT_IN_USE');
    expect((await org.owner.patch(url(`/gifts/${g.id}`), { amount: 4_000 })).status).toBe(200);
    expect((await org.owner.get(url(`/gifts/${g.id}/refunds`))).body).toHaveLength(1);
  });

  it('sends and receives transfers with the partner entry cross-referenced', async () => {
    const p = await project();
    const received = await org.owner.post(url('/transfers'), {
      direction: 'received',
      projectId: p.id,
      partnerName: '某某基金会',
      partnerUscc: '53100000500021676Q',
      amount: 20_000,
      transferredAt: at,
      counterpartCode: 'abcdef0123456789',
      counterpartOrigin: 'host.example.org/ledger',
    });
    expect(received.status, JSON.stringify(received.body)).toBe(201);
    const [entry] = (await entries('transfer.received')).filter((e) => e.code === received.body.trackingCode);
    expect(entry!.payload).toMatchObject({
      counterpart: 'ABCDEF0123456789',
      counterpartOrigin: 'host.example.org/ledger',
    });
    const send = (amount: number) =>
      org.owner.post(url('/transfers'), {
        direction: 'sent',
        projectId: p.id,
        partnerName: '社区伙伴',
        amount,
        transferredAt: at,
      });
    expect((await send(20_001)).body.error.code).toBe('FUNDS_INSUFFICIENT');
    expect((await send(20_000)).status).toBe(201);
    const bad = await org.owner.post(url('/transfers'), {
      direction: 'sent',
      projectId: p.id,
      partnerName: 'x',
      amount: 1,
      transferredAt: at,
      counterpartCode: 'not-a-code',
    });
    expect(bad.status).toBe(400);
  });
});

describe('goods and deliveries', () => {
  it('keeps stock from going below zero, and commits to the beneficiary', async () => {
    const coordinator = await org.member('coordinator');
    const p = await project();
    const move = (direction: 'in' | 'out', quantity: number) =>
      coordinator.post(url('/goods'), {
        direction,
        item: '冬衣',
        unit: '件',
        quantity,
        value: quantity * 5000,
        store: '一号仓库',
        projectId: p.id,
        movedAt: at,
      });
    expect((await move('in', 200)).status).toBe(201);
    expect((await move('out', 150)).status).toBe(201);
    const before = await counts();
    const over = await move('out', 51);
    expect(over.status).toBe(409);
    expect(over.body.error.code).toBe('STOCK_INSUFFICIENT');
    expect(await counts()).toEqual(before);
    const stock = (await coordinator.get(url('/goods/stock'))).body;
    expect(stock).toContainEqual(expect.objectContaining({ item: '冬衣', store: '一号仓库', quantity: 50 }));
    const types = (await entries('goods.distributed')).map((e) => e.payload.quantity);
    expect(types).toEqual([150]);

    const delivered = await coordinator.post(url('/deliveries'), {
      projectId: p.id,
      beneficiaryRef: 'CASE-2025-017',
      aid: '冬衣 2 件',
      quantity: 2,
      value: 10_000,
      deliveredAt: at,
      acknowledgementText: '已收到冬衣两件（签名）',
    });
    expect(delivered.status, JSON.stringify(delivered.body)).toBe(201);
    const [entry] = (await entries('beneficiary.delivered')).filter((e) => e.code === delivered.body.trackingCode);
    expect(entry!.payload.beneficiary).toBe(commitment(entry!.openings.beneficiary, 'CASE-2025-017'));
    expect(entry!.payload.acknowledgement).toBe(sha256Hex('已收到冬衣两件（签名）'));
    expect(JSON.stringify(entry!.payload)).not.toContain('CASE-2025-017');
    const noAck = await coordinator.post(url('/deliveries'), {
      projectId: p.id,
      beneficiaryRef: 'CASE-1',
      aid: 'x',
      value: 0,
      deliveredAt: at,
    });
    expect(noAck.status).toBe(400);
  });

  it('lets fundraisers record money and coordinators goods; viewers only read', async () => {
    const p = await project();
    const viewer = await org.member('viewer');
    const coordinator = await org.member('coordinator');
    const fundraiser = await org.member('fundraiser');
    const goods = { direction: 'in', item: '书', unit: '册', quantity: 1, value: 0, store: '仓', movedAt: at };
    const allocation = { projectId: p.id, amount: 1, allocatedAt: at };
    const denied = await viewer.post(url('/goods'), goods);
    expect(denied.status, JSON.stringify(denied.body)).toBe(403);
    expect((await fundraiser.post(url('/goods'), goods)).status).toBe(403);
    expect((await coordinator.post(url('/allocations'), allocation)).status).toBe(403);
    expect((await viewer.post(url('/allocations'), allocation)).status).toBe(403);
    expect((await viewer.post(url('/projects'), { slug: 'viewer-project', name: 'v' })).status).toBe(403);
    expect((await viewer.get(url('/allocations'))).status).toBe(200);
    expect((await viewer.get(url(`/projects/${p.id}/summary`))).status).toBe(200);
    // Beneficiaries' case numbers are for those who record deliveries only.
    await coordinator.post(url('/deliveries'), {
      projectId: p.id,
      beneficiaryRef: 'CASE-VIEW',
      aid: '书',
      value: 0,
      deliveredAt: at,
      acknowledgementText: '收到',
    });
    const seen = async (client: typeof viewer) =>
      (await client.get(url(`/deliveries?projectId=${p.id}`))).body.map(
        (d: { beneficiaryRef: string | null }) => d.beneficiaryRef,
      );
    expect(await seen(viewer)).toEqual([null]);
    expect(await seen(fundraiser)).toEqual([null]);
    expect(await seen(coordinator)).toEqual(['CASE-VIEW']);
  });
});

describe('voiding mistakes', () => {
  it('voids with a correction entry, never below zero, and gives the money back to balances and gifts', async () => {
    const p = await project();
    const g = await giftOf(10_000);
    const allocation = (
      await org.owner.post(url('/allocations'), { projectId: p.id, amount: 10_000, allocatedAt: at, giftIds: [g.id] })
    ).body;
    const file = await invoice();
    const expense = (
      await org.owner.post(url('/expenses'), {
        projectId: p.id,
        payeeCategory: '物资采购',
        amount: 6_000,
        paidAt: at,
        invoiceId: file.id,
      })
    ).body;
    const spent = await org.owner.post(url(`/allocations/${allocation.id}/void`), {});
    expect(spent.status).toBe(409);
    expect(spent.body.error.code).toBe('FUNDS_INSUFFICIENT');
    const voided = await org.owner.post(url(`/expenses/${expense.id}/void`), { reason: '重复录入' });
    expect(voided.status, JSON.stringify(voided.body)).toBe(200);
    expect(voided.body).toMatchObject({ id: expense.id, trackingCode: expense.trackingCode });
    const correction = (await entries('correction')).find((e) => e.payload.corrects === expense.trackingCode)!;
    expect(correction.payload).toMatchObject({ action: 'void', correctedType: 'expense.paid', facts: null });
    expect(JSON.stringify(correction.payload)).not.toContain('重复录入');
    expect((await org.owner.post(url(`/expenses/${expense.id}/void`), {})).body.error.code).toBe('CONFLICT');
    expect((await org.owner.get(url(`/projects/${p.id}/summary`))).body).toMatchObject({ spent: 0, balance: 10_000 });
    expect((await org.owner.get(url(`/expenses/${expense.id}`))).body.voidedAt).toBeTruthy();
    expect((await org.owner.post(url(`/allocations/${allocation.id}/void`), {})).status).toBe(200);
    // The gift is whole again: it can be refunded in full.
    expect((await org.owner.post(url(`/gifts/${g.id}/refunds`), { amount: 10_000, refundedAt: at })).status).toBe(201);
    expect((await org.owner.post(url('/allocations/999999/void'), {})).status).toBe(404);
  });

  it('keeps stock from going negative when goods in are voided, and lets only the right roles void', async () => {
    const coordinator = await org.member('coordinator');
    const move = async (direction: 'in' | 'out', quantity: number) =>
      (
        await coordinator.post(url('/goods'), {
          direction,
          item: '口罩',
          unit: '箱',
          quantity,
          value: 0,
          store: '二号仓库',
          movedAt: at,
        })
      ).body.id as number;
    const received = await move('in', 10);
    const sent = await move('out', 6);
    expect((await coordinator.post(url(`/goods/${received}/void`), {})).body.error.code).toBe('STOCK_INSUFFICIENT');
    expect((await coordinator.post(url(`/goods/${sent}/void`), {})).status).toBe(200);
    expect((await coordinator.post(url(`/goods/${received}/void`), {})).status).toBe(200);
    const stock = (await coordinator.get(url('/goods/stock'))).body;
    expect(stock.find((s: { item: string }) => s.item === '口罩')?.quantity ?? 0).toBe(0);
    const p = await project();
    const g = await giftOf(100);
    const allocation = (
      await org.owner.post(url('/allocations'), { projectId: p.id, amount: 100, allocatedAt: at, giftIds: [g.id] })
    ).body;
    expect((await coordinator.post(url(`/allocations/${allocation.id}/void`), {})).status).toBe(403);
  });
});
