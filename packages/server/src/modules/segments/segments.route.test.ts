import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../testing/app.ts';
import { buildOrg, type TestOrg } from '../../testing/factories.ts';
import { seedConsent, seedContact, seedGift } from './test-seed.ts';

let t: TestApp;
let o: TestOrg;
const ids: Record<string, number> = {};

/*
 * Giving history (Asia/Shanghai):
 *   甲 2024, 2025          -> LYBUNT 2026
 *   乙 2025, 2026          -> retained
 *   丙 2023                -> SYBUNT 2026
 *   丁 2025-12-31 23:30+08 -> LYBUNT 2026 (2025 on the organization's calendar, 2025-12-31T15:30Z)
 *   戊 2026-01-01 00:30+08 -> gave in 2026 only (still 2025 in UTC)
 *   己 none
 */
beforeAll(async () => {
  t = await testApp();
  o = await buildOrg(t);
  const { db } = t.deps;
  const org = o.org.id;
  ids.jia = await seedContact(db, org, { name: '甲', provinceCode: '510000', tags: ['volunteer'] });
  ids.yi = await seedContact(db, org, { name: '乙', provinceCode: '510000' });
  ids.bing = await seedContact(db, org, { name: '丙', provinceCode: '110000', tags: ['volunteer'] });
  ids.ding = await seedContact(db, org, { name: '丁', provinceCode: '510000', tags: ['volunteer'] });
  ids.wu = await seedContact(db, org, { name: '戊' });
  ids.ji = await seedContact(db, org, { name: '己', provinceCode: '510000' });
  await seedGift(db, org, ids.jia, { amount: 1000, at: '2024-06-01T12:00:00+08:00' });
  await seedGift(db, org, ids.jia, { amount: 3000, at: '2025-06-01T12:00:00+08:00', channel: 'wechat' });
  await seedGift(db, org, ids.yi, { amount: 2000, at: '2025-02-01T12:00:00+08:00' });
  await seedGift(db, org, ids.yi, { amount: 2500, at: '2026-02-01T12:00:00+08:00' });
  await seedGift(db, org, ids.bing, { amount: 50000, at: '2023-03-01T12:00:00+08:00' });
  await seedGift(db, org, ids.ding, { amount: 800, at: '2025-12-31T23:30:00+08:00' });
  await seedGift(db, org, ids.wu, { amount: 100, at: '2026-01-01T00:30:00+08:00' });
  await seedConsent(db, org, ids.jia, { channel: 'email', status: 'granted', at: '2025-01-01T00:00:00Z' });
});
afterAll(() => t.close());

const lybunt = {
  all: [
    { field: 'gifts', op: 'gave', period: { year: 2025 } },
    { field: 'gifts', op: 'didNotGive', period: { year: 2026 } },
  ],
};
const sybunt = {
  all: [
    { field: 'gifts', op: 'gave', period: { to: '2024-12-31' } },
    { field: 'gifts', op: 'didNotGive', period: { year: 2025 } },
    { field: 'gifts', op: 'didNotGive', period: { year: 2026 } },
  ],
};

const members = async (definition: unknown) => {
  const created = await o.owner.post(`/api/orgs/${o.slug}/segments`, { name: `s-${Math.random()}`, definition });
  expect(created.status).toBe(201);
  const response = await o.owner.get(`/api/orgs/${o.slug}/segments/${created.body.id}/contacts`);
  expect(response.status).toBe(200);
  const count = await o.owner.get(`/api/orgs/${o.slug}/segments/${created.body.id}/count`);
  const names = response.body.items.map((i: { name: string }) => i.name).sort();
  expect(count.body.count).toBe(names.length);
  return names;
};

describe('segment definitions', () => {
  it('LYBUNT: gave in 2025 but not in 2026, on the organization calendar', async () => {
    expect(await members(lybunt)).toEqual(['丁', '甲'].sort());
  });

  it('SYBUNT: gave before 2025, not since', async () => {
    expect(await members(sybunt)).toEqual(['丙']);
  });

  it('tag is volunteer and province is Sichuan', async () => {
    const definition = {
      all: [
        { field: 'tag', op: 'has', tag: 'volunteer' },
        { field: 'province', op: 'in', values: ['510000'] },
      ],
    };
    expect(await members(definition)).toEqual(['丁', '甲'].sort());
  });

  it.each([
    [
      'any / not groups',
      {
        any: [
          { field: 'gifts', op: 'gave', period: { year: 2023 } },
          { not: { field: 'province', op: 'in', values: ['510000'] } },
        ],
      },
      ['丙', '戊'],
    ],
    ['gift count over all time', { field: 'giftCount', op: 'gte', value: 2 }, ['乙', '甲']],
    ['total given >= 4000 fen', { field: 'totalGiven', op: 'gte', amount: 4000, currency: 'CNY' }, ['丙', '乙', '甲']],
    ['total given in a period', { field: 'totalGiven', op: 'gte', amount: 3000, period: { year: 2025 } }, ['甲']],
    ['last gift before 2025', { field: 'lastGift', op: 'before', date: '2025-01-01' }, ['丙']],
    ['first gift on or after 2025-12-31', { field: 'firstGift', op: 'after', date: '2025-12-31' }, ['丁', '戊']],
    ['gave by channel', { field: 'gifts', op: 'gave', channel: 'wechat' }, ['甲']],
    ['never gave', { field: 'gifts', op: 'didNotGive' }, ['己']],
    ['email consent granted', { field: 'consent', op: 'granted', channel: 'email' }, ['甲']],
    [
      'created in a date range',
      { field: 'created', period: { from: '2000-01-01' } },
      ['丁', '丙', '乙', '己', '戊', '甲'],
    ],
    ['empty all matches everyone', { all: [] }, ['丁', '丙', '乙', '己', '戊', '甲']],
  ])('%s', async (_label, definition, expected) => {
    expect(await members(definition)).toEqual([...expected].sort());
  });

  it('relative years follow the clock: "last year but not this year"', async () => {
    const thisYear = Number(
      new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()),
    );
    const relative = {
      all: [
        { field: 'gifts', op: 'gave', period: { relativeYear: -1 } },
        { field: 'gifts', op: 'didNotGive', period: { relativeYear: 0 } },
      ],
    };
    const fixed = {
      all: [
        { field: 'gifts', op: 'gave', period: { year: thisYear - 1 } },
        { field: 'gifts', op: 'didNotGive', period: { year: thisYear } },
      ],
    };
    expect(await members(relative)).toEqual(await members(fixed));
  });

  it('previews an unsaved definition', async () => {
    const response = await o.owner.post(`/api/orgs/${o.slug}/segments/preview`, { definition: lybunt });
    expect(response.body).toEqual({ count: 2 });
  });

  it('pages segment contacts with list filters on top', async () => {
    const created = await o.owner.post(`/api/orgs/${o.slug}/segments`, {
      name: 'donors',
      definition: { field: 'gifts', op: 'gave' },
    });
    const first = await o.owner.get(`/api/orgs/${o.slug}/segments/${created.body.id}/contacts?limit=3&sort=lastGift`);
    expect(first.body.items.map((i: { name: string }) => i.name)).toEqual(['乙', '戊', '丁']);
    const second = await o.owner.get(
      `/api/orgs/${o.slug}/segments/${created.body.id}/contacts?limit=3&sort=lastGift&cursor=${first.body.nextCursor}`,
    );
    expect(second.body.items.map((i: { name: string }) => i.name)).toEqual(['甲', '丙']);
    expect(second.body.nextCursor).toBeNull();
    const filtered = await o.owner.get(`/api/orgs/${o.slug}/segments/${created.body.id}/contacts?province=110000`);
    expect(filtered.body.items.map((i: { name: string }) => i.name)).toEqual(['丙']);
  });
});

describe('invalid definitions', () => {
  it.each([
    ['unknown field', { field: 'shoeSize', op: 'is', value: 42 }, 'definition.field'],
    ['bad division code', { all: [{ field: 'province', op: 'in', values: ['999999'] }] }, 'definition.all.0.values.0'],
    ['bad period', { field: 'gifts', op: 'gave', period: { year: 'last' } }, 'definition.period'],
    ['impossible date', { field: 'lastGift', op: 'before', date: '2025-02-30' }, 'definition.date'],
    ['unknown tag', { any: [{ field: 'tag', op: 'has', tag: 'no-such-tag' }] }, 'definition.any.0.tag'],
    ['extra keys', { field: 'kind', op: 'is', value: 'person', sql: 'drop table contacts' }, 'definition'],
  ])('%s -> SEGMENT_INVALID 422 with the path', async (_label, definition, path) => {
    const response = await o.owner.post(`/api/orgs/${o.slug}/segments`, { name: 'bad', definition });
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('SEGMENT_INVALID');
    expect(response.body.error.fields.map((f: { path: string }) => f.path).join(' ')).toContain(path);
  });

  it('rejects a tree nested too deep', async () => {
    let node: unknown = { field: 'kind', op: 'is', value: 'person' };
    for (let i = 0; i < 8; i++) node = { not: node };
    const response = await o.owner.post(`/api/orgs/${o.slug}/segments/preview`, { definition: node });
    expect(response.status).toBe(422);
  });
});

describe('segment CRUD, roles and tenancy', () => {
  it('creates, reads, renames, redefines and deletes, auditing each change', async () => {
    const created = await o.owner.post(`/api/orgs/${o.slug}/segments`, {
      name: 'LYBUNT 2026',
      description: '去年捐今年未捐',
      definition: lybunt,
    });
    expect(created.body).toMatchObject({ name: 'LYBUNT 2026', description: '去年捐今年未捐', definition: lybunt });
    const id = created.body.id;
    const duplicate = await o.owner.post(`/api/orgs/${o.slug}/segments`, { name: 'LYBUNT 2026', definition: lybunt });
    expect(duplicate.status).toBe(409);
    const patched = await o.owner.patch(`/api/orgs/${o.slug}/segments/${id}`, { name: 'Lapsed', definition: sybunt });
    expect(patched.body).toMatchObject({ name: 'Lapsed', definition: sybunt });
    expect((await o.owner.get(`/api/orgs/${o.slug}/segments/${id}/count`)).body.count).toBe(1);
    expect((await o.owner.get(`/api/orgs/${o.slug}/segments`)).body.map((s: { name: string }) => s.name)).toContain(
      'Lapsed',
    );
    expect((await o.owner.delete(`/api/orgs/${o.slug}/segments/${id}`)).status).toBe(204);
    expect((await o.owner.get(`/api/orgs/${o.slug}/segments/${id}`)).status).toBe(404);
    const audit = await o.owner.get(`/api/orgs/${o.slug}/audit?subjectType=segment&subjectId=${id}`);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual([
      'segment.delete',
      'segment.update',
      'segment.create',
    ]);
  });

  it('lets a viewer read segments but not change them', async () => {
    const viewer = await o.member('viewer');
    expect((await viewer.get(`/api/orgs/${o.slug}/segments`)).status).toBe(200);
    const response = await viewer.post(`/api/orgs/${o.slug}/segments`, { name: 'x', definition: { all: [] } });
    expect(response.status).toBe(403);
    const coordinator = await o.member('coordinator');
    expect(
      (await coordinator.post(`/api/orgs/${o.slug}/segments`, { name: 'coord', definition: { all: [] } })).status,
    ).toBe(201);
  });

  it("answers 404 for another organization's segment ids, and its contacts never leak", async () => {
    const other = await buildOrg(t);
    const theirs = await other.owner.post(`/api/orgs/${other.slug}/segments`, {
      name: 'everyone',
      definition: { all: [] },
    });
    const id = theirs.body.id;
    for (const path of [`${id}`, `${id}/contacts`, `${id}/count`]) {
      expect((await o.owner.get(`/api/orgs/${o.slug}/segments/${path}`)).status).toBe(404);
    }
    expect((await o.owner.patch(`/api/orgs/${o.slug}/segments/${id}`, { name: 'mine' })).status).toBe(404);
    expect((await o.owner.delete(`/api/orgs/${o.slug}/segments/${id}`)).status).toBe(404);
    // Their "everyone" segment holds only their (zero) contacts.
    expect((await other.owner.get(`/api/orgs/${other.slug}/segments/${id}/count`)).body.count).toBe(0);
    // A tag id of ours cannot be used in their segments.
    const ourTag = (await o.owner.get(`/api/orgs/${o.slug}/contacts?q=甲`)).body.items[0].tags[0].id;
    const response = await other.owner.post(`/api/orgs/${other.slug}/segments`, {
      name: 't',
      definition: { field: 'tag', op: 'has', tag: ourTag },
    });
    expect(response.status).toBe(422);
  });
});
