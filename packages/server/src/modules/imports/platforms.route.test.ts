import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, testApp, type TestApp } from '../../testing/app.ts';
import { buildOrg, type TestOrg } from '../../testing/factories.ts';
import { csvText, uploadFile, xlsxBuffer } from './fixtures.ts';

let t: TestApp;
let o: TestOrg;
let token: string;

beforeAll(async () => {
  t = await testApp({ jobs: true });
  o = await buildOrg(t);
  token = (await o.owner.post(`/api/orgs/${o.slug}/tokens`, { name: 'platforms', role: 'fundraiser' })).body.token;
});
afterAll(() => t?.close());

async function importFile(name: string, content: Buffer) {
  const api = clientFor(t.app, { token });
  const up = await uploadFile(t.app, `/api/orgs/${o.slug}/imports`, token, name, content);
  expect(up.status, JSON.stringify(up.body)).toBe(201);
  const id = up.body.import.id;
  expect((await api.post(`/api/orgs/${o.slug}/imports/${id}/start`)).status).toBe(202);
  for (let i = 0; i < 200; i++) {
    const status = await api.get(`/api/orgs/${o.slug}/imports/${id}`);
    if (['completed', 'failed'].includes(status.body.status)) return { upload: up.body, done: status.body };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('import did not finish');
}

const rowsOf = async (query: ReturnType<typeof sql>) =>
  ((await t.deps.db.execute(query)) as unknown as { rows: Record<string, unknown>[] }).rows;

const tencent = [
  ['捐赠时间', '项目名称', '捐赠金额（分）', '捐赠人昵称', '用户ID', '订单号', '留言'],
  ['2026-09-07 09:01:02', '一顿热午餐', '1000', '张*', 'oUSER-A', 'TX-0001', '加油'],
  ['2026-09-07 10:11:12', '一顿热午餐', '500', '张*', 'oUSER-A', 'TX-0002', ''],
  ['2026-09-07 11:00:00', '一顿热午餐', '2000', '张*', 'oUSER-B', 'TX-0003', ''],
  ['2026-09-08 12:00:00', '一顿热午餐', '100', '爱心网友', '', 'TX-0004', ''],
  ['2026-09-08 13:00:00', '一顿热午餐', '300', '李**', '', 'TX-0005', ''],
];

describe('imports of the giving platforms’ donation exports', () => {
  it('recognizes a Tencent Gongyi export: fen, order ids, one donor per platform user, the rest anonymous', async () => {
    const { upload, done } = await importFile('腾讯公益捐赠明细.csv', Buffer.from(csvText(tencent)));
    expect(upload.import.platform).toEqual({ id: 'tencent-gongyi', label: '腾讯公益' });
    expect(upload.import.mapping).toMatchObject({ amountUnit: 'fen', defaultChannel: 'tencent_gongyi' });
    expect(done.status).toBe('completed');
    expect(done.report).toMatchObject({ contacts: { created: 3 }, gifts: { created: 5 } });
    const contacts = await rowsOf(
      sql`select c.name, count(g.id)::int as gifts, sum(g.amount)::int as total from contacts c
          join gifts g on g.org_id = c.org_id and g.contact_id = c.id
          where c.org_id = ${o.org.id} group by c.id, c.name order by min(g.external_id)`,
    );
    expect(contacts).toEqual([
      { name: '张*', gifts: 2, total: 1500 },
      { name: '张*', gifts: 1, total: 2000 },
      { name: '腾讯公益匿名捐赠人', gifts: 2, total: 400 },
    ]);
    const gifts = await rowsOf(
      sql`select channel, external_id, campaign from gifts where org_id = ${o.org.id} order by external_id`,
    );
    expect(gifts[0]).toEqual({ channel: 'tencent_gongyi', external_id: 'TX-0001', campaign: '一顿热午餐' });

    // The same export again, with one new gift from a known platform user: nothing twice.
    const again = await importFile(
      '腾讯公益捐赠明细2.csv',
      Buffer.from(csvText([...tencent, ['2026-09-09 08:00:00', '一顿热午餐', '800', '张*', 'oUSER-B', 'TX-0006', '']])),
    );
    expect(again.done.report).toMatchObject({ contacts: { created: 0 }, gifts: { created: 1, alreadyImported: 5 } });
    const userB = await rowsOf(
      sql`select count(*)::int as n from gifts g join contacts c on c.org_id = g.org_id and c.id = g.contact_id
          where g.org_id = ${o.org.id} and g.external_id in ('TX-0003', 'TX-0006') group by c.id`,
    );
    expect(userB).toEqual([{ n: 2 }]);
  });

  it('recognizes an Alipay Gongyi export (XLSX, yuan, masked payers)', async () => {
    const file = await xlsxBuffer([
      ['交易时间', '公益项目', '捐款金额（元）', '付款人', '支付宝交易号'],
      ['2026-09-07 20:00:00', '净水计划', '12.34', '王*明', 'ALI-0001'],
      ['2026-09-07 21:00:00', '净水计划', '0.66', '匿名', 'ALI-0002'],
    ]);
    const { upload, done } = await importFile('支付宝公益.xlsx', file);
    // Once seen failed on a loaded machine: the job's own error says why.
    expect(done.status, JSON.stringify(done)).toBe('completed');
    expect(upload.import.platform).toEqual({ id: 'alipay-gongyi', label: '支付宝公益' });
    expect(done.report).toMatchObject({ gifts: { created: 2 } });
    const rows = await rowsOf(
      sql`select c.name, g.amount::int as amount, g.channel from gifts g join contacts c on c.org_id = g.org_id and c.id = g.contact_id
          where g.org_id = ${o.org.id} and g.external_id like 'ALI-%' order by g.external_id`,
    );
    expect(rows).toEqual([
      { name: '支付宝公益匿名捐赠人', amount: 1234, channel: 'alipay_gongyi' },
      { name: '支付宝公益匿名捐赠人', amount: 66, channel: 'alipay_gongyi' },
    ]);

    // The same export again: its transaction ids find the gifts already there.
    const again = await importFile('支付宝公益（再次导出）.xlsx', file);
    expect(again.done.status, JSON.stringify(again.done)).toBe('completed');
    expect(again.done.report).toMatchObject({ contacts: { created: 0 }, gifts: { created: 0, alreadyImported: 2 } });
    const count = await rowsOf(
      sql`select count(*)::int as n from gifts where org_id = ${o.org.id} and external_id like 'ALI-%'`,
    );
    expect(count).toEqual([{ n: 2 }]);
  });
});
