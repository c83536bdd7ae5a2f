import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../testing/app.ts';
import { buildOrg, type TestOrg } from '../../testing/factories.ts';
import { seedConsent, seedContact, seedGift } from './test-seed.ts';

let t: TestApp;
let o: TestOrg;
const ids: Record<string, number> = {};

beforeAll(async () => {
  t = await testApp();
  o = await buildOrg(t);
  const db = t.deps.db;
  const orgId = o.org.id;
  ids.zsf = await seedContact(db, orgId, {
    name: '张三丰',
    phone: '+8613812345678',
    email: 'zsf@wudang.cn',
    provinceCode: '510000',
    cityCode: '510100',
    category: 'major',
    tags: ['志愿者'],
  });
  ids.zsan = await seedContact(db, orgId, {
    name: '张三',
    phone: '+8613900005678',
    provinceCode: '110000',
    tags: ['月捐'],
  });
  ids.lisi = await seedContact(db, orgId, {
    name: '李四',
    phone: '+8615000001111',
    email: 'lisi@example.org',
    provinceCode: '510000',
  });
  ids.wang = await seedContact(db, orgId, {
    name: '王芳',
    email: 'wangfang@example.org',
    category: 'major',
    tags: ['志愿者'],
  });
  ids.green = await seedContact(db, orgId, { name: '绿色江河', kind: 'organization', provinceCode: '510000' });
  ids.lilei = await seedContact(db, orgId, { name: 'Li Lei', phone: '+14155550123' });
  ids.merged = await seedContact(db, orgId, { name: '张三丰', mergedIntoId: ids.zsf });
  ids.erased = await seedContact(db, orgId, { name: '张无忌', erased: true });
  await seedGift(db, orgId, ids.zsf, { amount: 10000, at: '2025-03-01T10:00:00+08:00' });
  await seedGift(db, orgId, ids.zsf, { amount: 5050, at: '2026-01-05T10:00:00+08:00' });
  await seedGift(db, orgId, ids.zsf, { amount: 700, currency: 'USD', at: '2025-04-01T10:00:00+08:00' });
  await seedGift(db, orgId, ids.lisi, { amount: 2000, at: '2024-05-01T10:00:00+08:00' });
  await seedConsent(db, orgId, ids.zsan, { channel: 'sms', status: 'granted', at: '2025-01-01T00:00:00Z' });
  await seedConsent(db, orgId, ids.lisi, { channel: 'sms', status: 'granted', at: '2025-01-01T00:00:00Z' });
  await seedConsent(db, orgId, ids.lisi, { channel: 'sms', status: 'withdrawn', at: '2025-02-01T00:00:00Z' });
});
afterAll(() => t.close());

const names = (body: { items: { name: string }[] }) => body.items.map((i) => i.name);
const list = async (query: string) => {
  const response = await o.owner.get(`/api/orgs/${o.slug}/contacts${query}`);
  expect(response.status).toBe(200);
  return response.body as { items: { id: number; name: string }[]; nextCursor: string | null };
};

describe('GET /contacts', () => {
  it('lists visible contacts in pinyin order, hiding merged and erased ones', async () => {
    expect(names(await list(''))).toEqual(['Li Lei', '李四', '绿色江河', '王芳', '张三', '张三丰']);
  });

  it('summarizes each contact: tags, place, giving per currency', async () => {
    const body = await list('?q=张三丰');
    expect(body.items).toHaveLength(1);
    expect(body.items[0]).toMatchObject({
      id: ids.zsf,
      name: '张三丰',
      phone: '+8613812345678',
      provinceCode: '510000',
      provinceLabel: '四川省',
      placeLabel: '四川省 成都市',
      tags: [{ name: '志愿者' }],
      giftCount: 3,
      lastGiftAt: '2026-01-05T02:00:00.000Z',
      totalGiven: [
        { currency: 'CNY', amount: 15050 },
        { currency: 'USD', amount: 700 },
      ],
    });
  });

  it.each([
    ['name prefix', '张', ['张三', '张三丰']],
    ['longer name prefix', '张三丰', ['张三丰']],
    ['pinyin prefix', 'zhangsan', ['张三', '张三丰']],
    ['pinyin with spaces and capitals', 'Zhang San F', ['张三丰']],
    ['pinyin initials', 'zsf', ['张三丰']],
    ['initials prefix', 'zs', ['张三', '张三丰']],
    ['one letter', 'l', ['Li Lei', '李四', '绿色江河']],
    ['latin name', 'li lei', ['Li Lei']],
    ['last four phone digits', '5678', ['张三', '张三丰']],
    ['start of a mobile number', '13812', ['张三丰']],
    ['a whole mobile number', '138 1234 5678', ['张三丰']],
    ['an international number', '+1 415 555 0123', ['Li Lei']],
    ['email prefix', 'lisi@', ['李四']],
    ['tag', '#志愿', ['王芳', '张三丰']],
    ['LIKE wildcards are literal', '%', []],
  ])('searches by %s', async (_label, q, expected) => {
    expect(names(await list(`?q=${encodeURIComponent(q)}`))).toEqual(expected);
  });

  it.each([
    ['province', '?province=510000', ['李四', '绿色江河', '张三丰']],
    ['city', '?city=510100', ['张三丰']],
    ['category', '?category=major', ['王芳', '张三丰']],
    ['kind', '?kind=organization', ['绿色江河']],
    ['has gifts', '?hasGifts=true', ['李四', '张三丰']],
    ['has no gifts', '?hasGifts=false', ['Li Lei', '绿色江河', '王芳', '张三']],
    ['current sms consent', '?consent=sms', ['张三']],
    ['search and filter together', '?q=zs&province=510000', ['张三丰']],
  ])('filters by %s', async (_label, query, expected) => {
    expect(names(await list(query))).toEqual(expected);
  });

  it('filters by tag id', async () => {
    const tagId = (await list('?q=王芳')).items[0] as unknown as { tags: { id: number }[] };
    expect(names(await list(`?tag=${tagId.tags[0]!.id}`))).toEqual(['王芳', '张三丰']);
  });

  it('sorts by last gift, most recent first, never-givers last', async () => {
    expect(names(await list('?sort=lastGift&hasGifts=true'))).toEqual(['张三丰', '李四']);
    expect(names(await list('?sort=lastGift&dir=asc')).slice(-2)).toEqual(['李四', '张三丰']);
  });

  it('counts with the same filters', async () => {
    const count = async (q: string) => (await o.owner.get(`/api/orgs/${o.slug}/contacts/count${q}`)).body.count;
    expect(await count('')).toBe(6);
    expect(await count('?q=zs')).toBe(2);
    expect(await count('?province=510000&hasGifts=true')).toBe(2);
  });

  it('rejects bad filters and foreign cursors with 400 and a path', async () => {
    const bad = await o.owner.get(`/api/orgs/${o.slug}/contacts?province=sichuan&limit=0`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: { path: string }) => f.path)).toEqual(
      expect.arrayContaining(['querystring.province', 'querystring.limit']),
    );
    const cursor = (await list('?limit=1')).nextCursor!;
    const wrongSort = await o.owner.get(`/api/orgs/${o.slug}/contacts?sort=created&cursor=${cursor}`);
    expect(wrongSort.status).toBe(400);
    expect(wrongSort.body.error.fields[0].path).toBe('query.cursor');
    expect((await o.owner.get(`/api/orgs/${o.slug}/contacts?cursor=garbage`)).status).toBe(400);
  });
});

describe('keyset pages', () => {
  it('walks every sort order in pages without gaps or repeats, even across equal keys', async () => {
    const db = t.deps.db;
    const other = await buildOrg(t);
    // Equal names and equal creation times force the id tie-breaker.
    const same = new Date('2025-01-01T00:00:00Z');
    const created: number[] = [];
    for (let i = 0; i < 23; i++) {
      created.push(
        await seedContact(db, other.org.id, {
          name: i % 3 === 0 ? '王伟' : `王${'一二三四五六七八九十'[i % 10]}`,
          createdAt: same,
        }),
      );
    }
    for (const [sort, dir] of [
      ['name', 'asc'],
      ['name', 'desc'],
      ['created', 'desc'],
      ['created', 'asc'],
      ['updated', 'desc'],
      ['lastGift', 'desc'],
    ]) {
      const seen: number[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const query: string = `?sort=${sort}&dir=${dir}&limit=4${cursor ? `&cursor=${cursor}` : ''}`;
        const response = await other.owner.get(`/api/orgs/${other.slug}/contacts${query}`);
        expect(response.status).toBe(200);
        seen.push(...response.body.items.map((i: { id: number }) => i.id));
        cursor = response.body.nextCursor;
        pages++;
      } while (cursor && pages < 20);
      expect(seen).toHaveLength(23);
      expect(new Set(seen).size).toBe(23);
      expect([...seen].sort((a, b) => a - b)).toEqual(created);
    }
  });

  it('pages a multi-branch search (pinyin and initials) consistently', async () => {
    const all = names(await list('?q=zs&limit=50'));
    const first = await list('?q=zs&limit=1');
    const second = await list(`?q=zs&limit=1&cursor=${first.nextCursor}`);
    expect([...names(first), ...names(second)]).toEqual(all);
    expect(second.nextCursor).toBeNull();
  });
});

describe('access', () => {
  it('lets a viewer list, and keeps other organizations out', async () => {
    const viewer = await o.member('viewer');
    expect((await viewer.get(`/api/orgs/${o.slug}/contacts`)).status).toBe(200);
    const stranger = await buildOrg(t);
    expect((await stranger.owner.get(`/api/orgs/${o.slug}/contacts?q=张`)).status).toBe(404);
    expect((await stranger.owner.get(`/api/orgs/${o.slug}/contacts/count`)).status).toBe(404);
    // Their own list does not show our contacts.
    expect((await stranger.owner.get(`/api/orgs/${stranger.slug}/contacts?q=张`)).body.items).toEqual([]);
  });

  it('answers 401 without a session', async () => {
    const response = await t.app.inject({ method: 'GET', url: `/api/orgs/${o.slug}/contacts` });
    expect(response.statusCode).toBe(401);
  });
});
