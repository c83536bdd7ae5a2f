import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../testing/app.ts';
import { buildOrg, TEST_PASSWORD, type TestOrg } from '../../testing/factories.ts';
import { seedContact, seedGift } from '../segments/test-seed.ts';

let t: TestApp;
let o: TestOrg;
const ids: Record<string, number> = {};

beforeAll(async () => {
  t = await testApp();
  o = await buildOrg(t);
  const { db } = t.deps;
  const org = o.org.id;
  ids.zsf = await seedContact(db, org, {
    name: '张三丰',
    phone: '+8613812345678',
    email: 'zsf@wudang.cn',
    provinceCode: '510000',
    cityCode: '510100',
    tags: ['志愿者', '月捐'],
  });
  ids.evil = await seedContact(db, org, {
    name: '=HYPERLINK("http://evil.example","点我")',
    category: '@SUM(A1)',
    phone: '+14155550123',
  });
  ids.lisi = await seedContact(db, org, { name: '李四', provinceCode: '110000' });
  ids.hidden = await seedContact(db, org, { name: '已合并', mergedIntoId: ids.zsf });
  await seedGift(db, org, ids.zsf, { amount: 12345, at: '2025-03-01T10:00:00+08:00' });
  await seedGift(db, org, ids.zsf, { amount: 5, at: '2025-04-01T10:00:00+08:00' });
  await seedGift(db, org, ids.zsf, { amount: 700, currency: 'USD', at: '2025-05-01T10:00:00+08:00' });
});
afterAll(() => t.close());

// Files need the raw response (clientFor decodes bodies as text); sign in once per organization.
const cookies = new Map<string, string>();
async function download(org: TestOrg, url: string) {
  if (!cookies.has(org.slug)) {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email: org.ownerEmail, password: TEST_PASSWORD },
    });
    cookies.set(org.slug, String(response.headers['set-cookie']).match(/cw_session=([^;]+)/)![1]!);
  }
  return t.app.inject({ method: 'GET', url, headers: { cookie: `cw_session=${cookies.get(org.slug)}` } });
}

const csvRows = (body: string) => {
  expect(body.startsWith('\uFEFF')).toBe(true);
  return parse(body.slice(1), { columns: true }) as Record<string, string>[];
};

describe('contact export', () => {
  it('streams CSV with Chinese headers, giving in yuan, hidden contacts left out', async () => {
    const response = await download(o, `/api/orgs/${o.slug}/contacts/export?format=csv`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    expect(response.headers['content-disposition']).toMatch(/attachment; filename="contacts-\d{4}-\d{2}-\d{2}\.csv"/);
    const rows = csvRows(response.body);
    expect(rows.map((r) => r['姓名'])).toEqual(['张三丰', `'=HYPERLINK("http://evil.example","点我")`, '李四']);
    expect(rows[0]).toMatchObject({
      编号: String(ids.zsf),
      手机: '13812345678',
      邮箱: 'zsf@wudang.cn',
      省份: '四川省',
      城市: '成都市',
      标签: '志愿者, 月捐',
      捐赠次数: '3',
      累计捐赠: '123.50',
      其他币种: 'USD 7.00',
      首次捐赠: '2025-03-01 10:00',
      最近捐赠: '2025-05-01 10:00',
    });
  });

  it('neutralizes formula cells in CSV', async () => {
    const rows = csvRows((await download(o, `/api/orgs/${o.slug}/contacts/export?q=${encodeURIComponent('=')}`)).body);
    expect(rows).toHaveLength(1);
    expect(rows[0]!['姓名']!.startsWith("'=")).toBe(true);
    expect(rows[0]!['分类']).toBe("'@SUM(A1)");
    expect(rows[0]!['手机']).toBe("'+14155550123");
  });

  it('streams XLSX that parses back, with the same neutralization and filters', async () => {
    const response = await download(o, `/api/orgs/${o.slug}/contacts/export?format=xlsx&lang=en&province=510000`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 3)).toEqual(['ID', 'Name', 'Kind']);
    expect(sheet.rowCount).toBe(2);
    const row = Object.fromEntries(header.map((h, i) => [h, sheet.getRow(2).getCell(i + 1).value]));
    expect(row).toMatchObject({ ID: ids.zsf, Name: '张三丰', Phone: '13812345678', Gifts: 3, 'Total given': '123.50' });

    const evil = await download(o, `/api/orgs/${o.slug}/contacts/export?format=xlsx&q=${encodeURIComponent('=')}`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(evil.rawPayload as unknown as ArrayBuffer);
    const cell = book.worksheets[0]!.getRow(2).getCell(2);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(String(cell.value).startsWith("'=")).toBe(true);
  });

  it('exports a segment, and audits every export with its filter and row count', async () => {
    const segment = await o.owner.post(`/api/orgs/${o.slug}/segments`, {
      name: 'donors',
      definition: { field: 'gifts', op: 'gave' },
    });
    const response = await download(o, `/api/orgs/${o.slug}/segments/${segment.body.id}/export`);
    expect(csvRows(response.body).map((r) => r['姓名'])).toEqual(['张三丰']);
    const audit = await o.owner.get(`/api/orgs/${o.slug}/audit?action=contacts.export`);
    const latest = audit.body.items[0];
    expect(latest).toMatchObject({
      action: 'contacts.export',
      subjectType: 'segment',
      subjectId: String(segment.body.id),
    });
    expect(latest.data).toMatchObject({ format: 'csv', segmentId: segment.body.id, rowCount: 1 });
    const filtered = audit.body.items.find(
      (e: { data: { filters: { province?: string } } }) => e.data.filters.province === '510000',
    );
    expect(filtered.data).toMatchObject({ format: 'xlsx', rowCount: 1 });
  });

  it('needs contacts:export: a viewer gets 403 and nothing is audited', async () => {
    const viewer = await o.member('viewer');
    const before = (await o.owner.get(`/api/orgs/${o.slug}/audit?action=contacts.export`)).body.items.length;
    expect((await viewer.get(`/api/orgs/${o.slug}/contacts/export`)).status).toBe(403);
    const after = (await o.owner.get(`/api/orgs/${o.slug}/audit?action=contacts.export`)).body.items.length;
    expect(after).toBe(before);
  });

  it('keeps other organizations out: 404 for their slug and for their segment ids', async () => {
    const other = await buildOrg(t);
    expect((await download(other, `/api/orgs/${o.slug}/contacts/export`)).statusCode).toBe(404);
    const ours = await o.owner.post(`/api/orgs/${o.slug}/segments`, { name: 'all', definition: { all: [] } });
    expect((await download(other, `/api/orgs/${other.slug}/segments/${ours.body.id}/export`)).statusCode).toBe(404);
    const theirs = csvRows((await download(other, `/api/orgs/${other.slug}/contacts/export`)).body);
    expect(theirs).toEqual([]);
  });

  it('rejects an unknown format with 400', async () => {
    expect((await download(o, `/api/orgs/${o.slug}/contacts/export?format=pdf`)).statusCode).toBe(400);
  });
});
