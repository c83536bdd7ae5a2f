import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { clientFor, testApp, type Client, type TestApp } from '../../testing/app.ts';
import { buildOrg, type TestOrg } from '../../testing/factories.ts';
import { csvText, gbkCsv, uploadFile, xlsxBuffer } from './fixtures.ts';
import { normalizeDefaults } from './normalize-records.ts';
import { importRetry } from './run.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp({ jobs: true });
});
afterAll(() => t.close());

interface Org extends TestOrg {
  token: string;
  api: Client;
}

async function org(): Promise<Org> {
  const o = await buildOrg(t);
  const created = await o.owner.post(`/api/orgs/${o.slug}/tokens`, { name: 'import test', role: 'fundraiser' });
  expect(created.status).toBe(201);
  const token = created.body.token as string;
  return { ...o, token, api: clientFor(t.app, { token }) };
}

const upload = (o: Org, name: string, content: Buffer) =>
  uploadFile(t.app, `/api/orgs/${o.slug}/imports`, o.token, name, content);

async function waitFor(o: Org, id: number) {
  for (let i = 0; i < 200; i++) {
    const status = await o.api.get(`/api/orgs/${o.slug}/imports/${id}`);
    if (['completed', 'failed'].includes(status.body.status)) return status.body;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('import did not finish');
}

async function runToEnd(o: Org, id: number) {
  const started = await o.api.post(`/api/orgs/${o.slug}/imports/${id}/start`);
  expect(started.status).toBe(202);
  return waitFor(o, id);
}

const contactsOf = async (o: Org) =>
  (
    (await t.deps.db.execute(
      sql`select name, phone, email, province_code, city_code, gender from contacts where org_id = ${o.org.id} order by id`,
    )) as unknown as { rows: Record<string, unknown>[] }
  ).rows;

const giftsOf = async (o: Org) =>
  (
    (await t.deps.db.execute(
      sql`select amount, currency, received_at, channel, campaign, external_id from gifts where org_id = ${o.org.id} order by id`,
    )) as unknown as { rows: Record<string, unknown>[] }
  ).rows;

const donors = [
  ['姓名', '手机', '邮箱', '省份', '城市', '性别', '标签', '捐赠金额', '捐赠日期', '交易号', '同意接收短信'],
  [
    '张三',
    '138 0013 8000',
    'Zhang@Example.com',
    '四川省',
    '成都市',
    '男',
    '月捐，校友',
    '100.50',
    '2024/9/7',
    'T-001',
    '是',
  ],
  ['李四', '13900139000', '', '广东', '深圳', '女', '校友', '20', '2024-09-08 10:30', '', '否'],
  ['<b>王五</b>', '', 'wangwu@example.org', '', '', '', '', '', '', '', ''],
];

describe('upload -> mapping -> dry run -> job -> status -> rejections', () => {
  it('detects a GBK file, suggests a mapping, previews, dry-runs and imports it once', async () => {
    const o = await org();
    const up = await upload(o, '捐赠人.csv', gbkCsv(donors));
    expect(up.status).toBe(201);
    const imp = up.body.import;
    expect(imp.encoding).toBe('gb18030');
    expect(imp.format).toBe('csv');
    expect(imp.headers[0]).toBe('姓名');
    const fields = Object.fromEntries(
      imp.mapping.columns.map((c: { header: string; field: string }) => [c.header, c.field]),
    );
    expect(fields).toMatchObject({
      姓名: 'name',
      手机: 'phone',
      邮箱: 'email',
      省份: 'province',
      城市: 'city',
      标签: 'tags',
      捐赠金额: 'giftAmount',
      捐赠日期: 'giftDate',
      交易号: 'giftExternalId',
      同意接收短信: 'consent.sms',
    });
    expect(up.body.preview).toHaveLength(3);
    expect(up.body.preview[0].values).toMatchObject({
      name: '张三',
      phone: '+8613800138000',
      email: 'zhang@example.com',
      giftAmount: 10050,
    });

    const dry = await o.api.post(`/api/orgs/${o.slug}/imports/${imp.id}/dry-run`);
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({
      dryRun: true,
      rows: { total: 3, staged: 3, rejected: 0 },
      contacts: { created: 3 },
      gifts: { created: 2 },
    });
    expect(await contactsOf(o)).toHaveLength(0);

    const done = await runToEnd(o, imp.id);
    expect(done.status).toBe('completed');
    expect(done.progress).toMatchObject({ processedRows: 3, totalRows: 3, percent: 100 });
    expect(done.report).toMatchObject({
      contacts: { created: 3 },
      gifts: { created: 2 },
      consentsRecorded: 2,
      tagsLinked: 3,
    });
    const contacts = await contactsOf(o);
    expect(contacts.map((c) => c.name)).toEqual(['张三', '李四', '<b>王五</b>']);
    expect(contacts[0]).toMatchObject({
      phone: '+8613800138000',
      province_code: '510000',
      city_code: '510100',
      gender: 'male',
    });
    const gifts = await giftsOf(o);
    expect(gifts.map((g) => Number(g.amount))).toEqual([10050, 2000]);
    expect(new Date(gifts[1]!.received_at as string).toISOString()).toBe('2024-09-08T02:30:00.000Z');
    expect(gifts[0]!.external_id).toBe('T-001');

    const audit = await o.owner.get(`/api/orgs/${o.slug}/audit?limit=50`);
    expect(JSON.stringify(audit.body)).toContain('import.complete');
  });

  it('imports the same file twice without duplicate contacts or gifts', async () => {
    const o = await org();
    const rows = [...donors, ['赵六', '', '', '北京', '', '', '', '50', '2024-01-01', '', '']];
    for (let round = 0; round < 2; round++) {
      const up = await upload(o, 'donors.csv', Buffer.from(csvText(rows)));
      const done = await runToEnd(o, up.body.import.id);
      expect(done.status).toBe('completed');
      if (round === 1)
        expect(done.report).toMatchObject({
          contacts: { created: 0, skipped: 4 },
          gifts: { created: 0, alreadyImported: 3 },
        });
    }
    expect(await contactsOf(o)).toHaveLength(4);
    expect(await giftsOf(o)).toHaveLength(3);
    // Each imported gift has exactly one donation.received entry, even after the second import.
    const logged = (
      (await t.deps.db.execute(
        sql`select g.id, count(e.id)::int as entries, min(e.payload->>'amount')::bigint = g.amount as same_amount
          from gifts g left join ledger_entries e on e.org_id = g.org_id and e.subject_type = 'gift'
            and e.subject_id = g.id and e.type = 'donation.received'
          where g.org_id = ${o.org.id} group by g.id, g.amount`,
      )) as unknown as { rows: { entries: number; same_amount: boolean }[] }
    ).rows;
    expect(logged.map((r) => [r.entries, r.same_amount])).toEqual([
      [1, true],
      [1, true],
      [1, true],
    ]);
  });

  it('imports the same through the normalizer thread as inline', async () => {
    const rows = [...donors, ['赵六', '', '', '北京', '', '', '', '50', '2024-01-01', '', '']];
    const importOnce = async () => {
      const o = await org();
      const up = await upload(o, 'donors.csv', Buffer.from(csvText(rows)));
      const done = await runToEnd(o, up.body.import.id);
      const strip = (list: Record<string, unknown>[]) => list.map(({ received_at: _r, ...rest }) => rest);
      return { report: done.report, contacts: await contactsOf(o), gifts: strip(await giftsOf(o)) };
    };
    const inline = await importOnce();
    const saved = { ...normalizeDefaults };
    Object.assign(normalizeDefaults, { workerAfter: 1, batchSize: 2 });
    try {
      expect(await importOnce()).toEqual(inline);
    } finally {
      Object.assign(normalizeDefaults, saved);
    }
    expect(inline.contacts).toHaveLength(4);
  });

  it('ends failed with a readable error once the job has failed every retry, with nothing imported', async () => {
    const o = await org();
    const up = await upload(o, 'donors.csv', Buffer.from(csvText(donors)));
    const id = up.body.import.id as number;
    const [stored] = (
      (await t.deps.db.execute(
        sql`select file_key from imports where org_id = ${o.org.id} and id = ${id}`,
      )) as unknown as {
        rows: { file_key: string }[];
      }
    ).rows;
    // The stored file disappears: every attempt fails with a storage error, which is retried.
    await t.deps.files.remove(stored!.file_key);
    const saved = { ...importRetry };
    Object.assign(importRetry, { retryLimit: 1, retryDelay: 0 });
    try {
      const done = await runToEnd(o, id);
      expect(done.status).toBe('failed');
      expect(done.error).toContain('was given up; nothing was imported');
      expect(done.error).toContain('ENOENT');
      expect(done.finishedAt).toBeTruthy();
    } finally {
      Object.assign(importRetry, saved);
    }
    expect(await contactsOf(o)).toHaveLength(0);
    const audit = (
      (await t.deps.db.execute(
        sql`select action from audit_events where org_id = ${o.org.id} and subject_type = 'import' order by id`,
      )) as unknown as { rows: { action: string }[] }
    ).rows.map((r) => r.action);
    expect(audit).toContain('import.fail');
    const staged = (
      (await t.deps.db.execute(
        sql`select count(*)::int as n from import_rows where org_id = ${o.org.id}`,
      )) as unknown as {
        rows: { n: number }[];
      }
    ).rows[0]!.n;
    expect(staged).toBe(0);
  });

  it('rejects bad rows with their line numbers and offers them as CSV', async () => {
    const o = await org();
    const text =
      '姓名,手机,邮箱,捐赠金额,捐赠日期\n' +
      '好人,13800138001,,10,2024-01-01\n' +
      ',13800138002,,,\n' + // line 3: no name
      '坏电话,12345,,,\n' + // line 4
      '"多行\n地址",13800138003,,,\n' + // lines 5-6: fine
      '坏金额,,,abc,2024-01-01\n' + // line 7
      '坏日期,,,10,2024-02-30\n' + // line 8
      '"未闭合,13800138004,,,\n好人2,13800138005,,,\n';
    const up = await upload(o, 'bad.csv', Buffer.from(text));
    expect(up.status).toBe(201);
    const dry = await o.api.post(`/api/orgs/${o.slug}/imports/${up.body.import.id}/dry-run`);
    expect(dry.body.sampleRejections.map((r: { line: number }) => r.line)).toEqual([3, 4, 7, 8, 9]);
    expect(dry.body.sampleRejections[1].reason).toContain('"12345" is not a valid phone number');
    expect(dry.body.sampleRejections[4].reason).toContain('never closed');
    const done = await runToEnd(o, up.body.import.id);
    expect(done.report.rows).toEqual({ total: 7, staged: 2, rejected: 5 });
    const csv = await t.app.inject({
      method: 'GET',
      url: `/api/orgs/${o.slug}/imports/${up.body.import.id}/rejections.csv`,
      headers: { authorization: `Bearer ${o.token}` },
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trim().split('\r\n');
    expect(lines).toHaveLength(6);
    expect(lines[2]).toMatch(/^"4",,".*12345/);
  });

  it('imports XLSX and answers unreadable files with IMPORT_FILE_INVALID', async () => {
    const o = await org();
    const xlsx = await xlsxBuffer([
      ['name', 'mobile', 'amount', 'date'],
      ['Li Lei', 13800138009, 12.5, new Date(Date.UTC(2024, 8, 7))],
    ]);
    const up = await upload(o, 'donors.xlsx', xlsx);
    expect(up.status).toBe(201);
    expect(up.body.import.format).toBe('xlsx');
    expect(up.body.preview[0].values).toMatchObject({
      phone: '+8613800138009',
      giftAmount: 1250,
      giftLocalTime: '2024-09-07 00:00:00',
    });

    for (const [name, content] of [
      ['empty.csv', Buffer.alloc(0)],
      ['old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3])],
      ['broken.xlsx', Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(200, 7)])],
      ['noheader.csv', Buffer.from('张三,13800138000\n李四,13900139000\n')],
    ] as const) {
      const bad = await upload(o, name, content);
      expect(bad.status, name).toBe(422);
      expect(bad.body.error.code).toBe('IMPORT_FILE_INVALID');
    }
  });
});

describe('mapping and saved mappings', () => {
  it('validates a mapping against the file, updates contacts under the update policy, saves mappings', async () => {
    const o = await org();
    const first = await upload(
      o,
      'a.csv',
      Buffer.from(
        csvText([
          ['姓名', '手机'],
          ['张三', '13800138000'],
        ]),
      ),
    );
    await runToEnd(o, first.body.import.id);

    const up = await upload(
      o,
      'b.csv',
      Buffer.from(
        csvText([
          ['联系人', '电话', '地区'],
          ['张三丰', '13800138000', '四川'],
        ]),
      ),
    );
    const id = up.body.import.id;
    const wrong = await o.api.put(`/api/orgs/${o.slug}/imports/${id}/mapping`, {
      columns: [{ header: '不存在', field: 'name' }],
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.fields.map((f: { path: string }) => f.path)).toContain('columns.0.header');
    const mapping = {
      columns: [
        { header: '联系人', field: 'name' },
        { header: '电话', field: 'phone' },
        { header: '地区', field: 'province' },
      ],
      policy: 'update',
    };
    const mapped = await o.api.put(`/api/orgs/${o.slug}/imports/${id}/mapping`, mapping);
    expect(mapped.status).toBe(200);
    expect(mapped.body.preview[0].values.provinceCode).toBe('510000');
    const done = await runToEnd(o, id);
    expect(done.report.contacts).toMatchObject({ created: 0, updated: 1 });
    expect(await contactsOf(o)).toEqual([expect.objectContaining({ name: '张三丰', province_code: '510000' })]);
    const [contact] = (await o.api.get(`/api/orgs/${o.slug}/contacts?q=13800138000`)).body.items;
    const timeline = (await o.api.get(`/api/orgs/${o.slug}/contacts/${contact.id}/timeline`)).body.items;
    expect(timeline.map((a: { data: unknown }) => a.data)).toEqual([
      expect.objectContaining({ fileName: 'b.csv', created: false }),
      expect.objectContaining({ fileName: 'a.csv', created: true }),
    ]);
    const again = await o.api.put(`/api/orgs/${o.slug}/imports/${id}/mapping`, mapping);
    expect(again.body.error.code).toBe('IMPORT_NOT_READY');

    // The same file again under the update policy: nothing to change, so nothing changes.
    const same = await upload(
      o,
      'c.csv',
      Buffer.from(
        csvText([
          ['联系人', '电话', '地区'],
          ['张三丰', '13800138000', '四川'],
        ]),
      ),
    );
    expect((await o.api.put(`/api/orgs/${o.slug}/imports/${same.body.import.id}/mapping`, mapping)).status).toBe(200);
    const unchanged = await runToEnd(o, same.body.import.id);
    expect(unchanged.report.contacts).toMatchObject({ created: 0, updated: 0, skipped: 1 });
    const after = (await o.api.get(`/api/orgs/${o.slug}/contacts/${contact.id}/timeline`)).body.items;
    expect(after).toHaveLength(timeline.length);

    const saved = await o.api.post(`/api/orgs/${o.slug}/import-mappings`, { name: '腾讯公益导出', mapping });
    expect(saved.status).toBe(201);
    expect((await o.api.post(`/api/orgs/${o.slug}/import-mappings`, { name: '腾讯公益导出', mapping })).status).toBe(
      409,
    );
    expect((await o.api.get(`/api/orgs/${o.slug}/import-mappings`)).body).toHaveLength(1);
    const renamed = await o.api.put(`/api/orgs/${o.slug}/import-mappings/${saved.body.id}`, {
      name: '新名字',
      mapping,
    });
    expect(renamed.body.name).toBe('新名字');
    expect((await o.api.delete(`/api/orgs/${o.slug}/import-mappings/${saved.body.id}`)).status).toBe(204);
    expect((await o.api.get(`/api/orgs/${o.slug}/imports`)).body).toHaveLength(3);
  });

  it('needs contacts:import', async () => {
    const o = await org();
    const viewer = await o.member('viewer');
    const list = await viewer.get(`/api/orgs/${o.slug}/imports`);
    expect(list.status).toBe(403);
  });
});
