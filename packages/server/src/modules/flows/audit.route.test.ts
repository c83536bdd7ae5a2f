import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLedgerAudit } from '../../cli/commands/ledger-audit.ts';
import { succeeded, testApp, type TestApp } from '../../testing/app.ts';
import { buildOrg, type TestOrg } from '../../testing/factories.ts';
import { uploadFile } from '../imports/fixtures.ts';
import { canonicalEntry, entryObject } from '../ledger/index.ts';

let t: TestApp;
let org: TestOrg;
const at = '2025-04-01T09:00:00+08:00';
const ids: Record<string, number> = {};

beforeAll(async () => {
  t = await testApp();
  org = await buildOrg(t);
  const api = (path: string) => `/api/orgs/${org.slug}${path}`;
  const ok = succeeded;
  const token = (await ok(org.owner.post(api('/tokens'), { name: 't', role: 'owner' }))).token;
  const donor = (await ok(org.owner.post(api('/contacts'), { name: '甲', phone: '13800001111' }))).id;
  const twin = (await ok(org.owner.post(api('/contacts'), { name: '甲', phone: '13800001111' }))).id;
  const gift = (amount: number, contactId = donor) =>
    ok(org.owner.post(api('/gifts'), { contactId, amount, receivedAt: at, channel: '支付宝', paymentReference: 'R1' }));
  ids.gift = (await gift(50_000)).id;
  ids.twinGift = (await gift(1_000, twin)).id;
  ids.corrected = (await gift(2_000)).id;
  await ok(org.owner.patch(api(`/gifts/${ids.corrected}`), { amount: 2_500, campaign: '99公益日' }));
  ids.deleted = (await gift(300)).id;
  await ok(org.owner.delete(api(`/gifts/${ids.deleted}`)));
  // A merge moves gifts to the survivor; their donor commitments still name the merged contact.
  await ok(org.owner.post(api('/contacts/merge'), { survivorId: donor, mergedId: twin, fields: {} }));
  ids.refund = (await ok(org.owner.post(api(`/gifts/${ids.gift}/refunds`), { amount: 1_000, refundedAt: at }))).id;
  const mistake = await ok(org.owner.post(api(`/gifts/${ids.gift}/refunds`), { amount: 500, refundedAt: at }));
  await ok(org.owner.post(api(`/refunds/${mistake.id}/void`), { reason: '录错' }));
  const project = await ok(
    org.owner.post(api('/projects'), { slug: 'audit', name: '审计', budgetLines: [{ name: '物资', amount: 40_000 }] }),
  );
  await ok(org.owner.post(api('/allocations'), { projectId: project.id, amount: 30_000, allocatedAt: at }));
  const file = (await uploadFile(t.app, api('/attachments'), token, 'i.pdf', Buffer.from('invoice'))).body;
  ids.expense = (
    await ok(
      org.owner.post(api('/expenses'), {
        projectId: project.id,
        budgetLineId: project.budgetLines[0].id,
        payeeCategory: '物资采购',
        amount: 10_000,
        paidAt: at,
        invoiceId: file.id,
      }),
    )
  ).id;
  ids.transfer = (
    await ok(
      org.owner.post(api('/transfers'), {
        direction: 'sent',
        projectId: project.id,
        partnerName: '伙伴',
        amount: 5_000,
        transferredAt: at,
      }),
    )
  ).id;
  await ok(
    org.owner.post(api('/goods'), {
      direction: 'in',
      item: '米',
      unit: 'kg',
      quantity: 100,
      value: 60_000,
      store: '仓',
      movedAt: at,
    }),
  );
  await ok(
    org.owner.post(api('/deliveries'), {
      projectId: project.id,
      beneficiaryRef: 'C-9',
      aid: '米 10 kg',
      value: 6_000,
      deliveredAt: at,
      acknowledgementId: file.id,
    }),
  );
});
afterAll(() => t.close());

const audit = async () => (await runLedgerAudit(t.deps.db, org.slug))!;
const run = (query: ReturnType<typeof sql>) => t.deps.db.execute(query);

describe('ledger audit', () => {
  it('finds nothing wrong after corrections, deletions, merges and every kind of movement', async () => {
    const report = await audit();
    expect(report.organizations[0]!.findings).toEqual([]);
    expect(report.organizations[0]!.checked).toMatchObject({
      gift: 3,
      refund: 2,
      allocation: 1,
      expense: 1,
      transfer: 1,
      goods: 1,
      delivery: 1,
    });
  });

  it('finds rows edited, deleted or inserted behind the application, and logged bytes that differ', async () => {
    await run(sql`update gifts set amount = amount + 1 where org_id = ${org.org.id} and id = ${ids.gift}`);
    await run(sql`update expenses set payee_category = '办公' where org_id = ${org.org.id} and id = ${ids.expense}`);
    await run(sql`delete from transfers where org_id = ${org.org.id} and id = ${ids.transfer}`);
    await run(sql`update refunds set voided_at = now() where org_id = ${org.org.id} and id = ${ids.refund}`);
    await run(sql`insert into goods_movements (org_id, direction, item, unit, quantity, value, currency, store, moved_at)
      values (${org.org.id}, 'in', '油', '桶', 1, 100, 'CNY', '仓', now())`);
    // An integrated entry whose payload was edited afterwards no longer matches its logged bytes.
    const [entry] = (
      (await run(
        sql`select * from ledger_entries where org_id = ${org.org.id} and type = 'goods.received'`,
      )) as unknown as {
        rows: { org_id: string; code: string; type: string; payload: Record<string, unknown> }[];
      }
    ).rows;
    const body = canonicalEntry(entryObject({ ...entry!, orgId: entry!.org_id }));
    await run(sql`insert into ledger_leaves (leaf_index, org_id, entry_id, body)
      select 0, org_id, id, ${body} from ledger_entries where code = ${entry!.code}`);
    expect((await audit()).findings).toBe(5);
    await run(sql`update ledger_entries set payload = payload || '{"quantity": 1000}' where code = ${entry!.code}`);

    const findings = (await audit()).organizations[0]!.findings;
    const summary = findings.map((f) => `${f.problem} ${f.subjectType}`).sort();
    expect(summary).toEqual([
      'altered expense',
      'altered gift',
      'altered goods',
      'altered refund',
      'body_mismatch goods',
      'deleted transfer',
      'unlogged goods',
    ]);
    expect(findings.find((f) => f.subjectType === 'gift')).toMatchObject({ subjectId: ids.gift });
  });

  it('backfills entries for gifts recorded before the outbox, and they pass the audit', async () => {
    const other = await buildOrg(t);
    const contactId = (await other.owner.post(`/api/orgs/${other.slug}/contacts`, { name: '旧' })).body.id;
    await other.owner.post(`/api/orgs/${other.slug}/gifts`, {
      contactId,
      amount: 888,
      receivedAt: '2019-01-01T08:00:00.5+08:00',
      channel: '现金',
      paymentReference: '旧凭证',
      fund: '助学',
    });
    await run(sql`delete from ledger_entries where org_id = ${other.org.id}`);
    expect((await runLedgerAudit(t.deps.db, other.slug))!.organizations[0]!.findings[0]).toMatchObject({
      problem: 'unlogged',
    });
    const migration = readFileSync(
      new URL('../../../migrations/0008_backfill_gift_entries.sql', import.meta.url),
      'utf8',
    );
    await run(sql.raw(migration));
    expect((await runLedgerAudit(t.deps.db, other.slug))!.findings).toBe(0);
  });
});
