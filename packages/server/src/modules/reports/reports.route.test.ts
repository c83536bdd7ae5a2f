import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../testing/app.ts';
import { buildOrg, type TestOrg } from '../../testing/factories.ts';
import { seedContact, seedGift } from '../segments/test-seed.ts';

let t: TestApp;
let o: TestOrg;

/*
 * Asia/Shanghai; "now" is 2026-03-15 12:00.
 *   A  2024-05 1000 CNY, 2025-06 3000 CNY (campaign 99公益日 both)   LYBUNT 2026
 *   B  2025-02 2000 CNY, 2026-02 2500 CNY                           retained
 *   C  2023-03 50000 CNY                                            SYBUNT 2026
 *   D  2025-07 500 USD, 2025-12-31 23:30 800 CNY                    LYBUNT 2026
 *   E  2026-01-01 00:30 100 CNY                                     first-time 2026
 *   F  merged into A: 2025-03 999 CNY                               in money totals, not in donor counts
 *   G  2022-05 300 CNY, 2024-01 700 CNY                             SYBUNT 2026, LYBUNT 2025
 *   H  no gifts, created 2026-03-02; I no gifts, created 2026-02-27
 */
beforeAll(async () => {
  t = await testApp();
  t.deps.clock = { now: () => new Date('2026-03-15T12:00:00+08:00') };
  o = await buildOrg(t);
  const { db } = t.deps;
  const org = o.org.id;
  const old = new Date('2020-01-01T00:00:00Z');
  const id = async (name: string, createdAt = old) => seedContact(db, org, { name, createdAt });
  const [a, b, c, d, e, g] = [await id('A'), await id('B'), await id('C'), await id('D'), await id('E'), await id('G')];
  const f = await seedContact(db, org, { name: 'F', createdAt: old, mergedIntoId: a });
  await id('H', new Date('2026-03-02T09:00:00+08:00'));
  await id('I', new Date('2026-02-27T09:00:00+08:00'));
  const gift = (
    contact: number,
    amount: number,
    at: string,
    extra: { currency?: string; channel?: string; campaign?: string } = {},
  ) => seedGift(db, org, contact, { amount, at, ...extra });
  await gift(a, 1000, '2024-05-10T10:00:00+08:00', { campaign: '99公益日' });
  await gift(a, 3000, '2025-06-10T10:00:00+08:00', { campaign: '99公益日', channel: 'wechat' });
  await gift(b, 2000, '2025-02-10T10:00:00+08:00');
  await gift(b, 2500, '2026-02-10T10:00:00+08:00', { channel: 'wechat' });
  await gift(c, 50000, '2023-03-10T10:00:00+08:00');
  await gift(d, 500, '2025-07-10T10:00:00+08:00', { currency: 'USD', channel: 'paypal' });
  await gift(d, 800, '2025-12-31T23:30:00+08:00', { channel: 'alipay' });
  await gift(e, 100, '2026-01-01T00:30:00+08:00', { channel: 'wechat' });
  await gift(f, 999, '2025-03-01T10:00:00+08:00');
  await gift(g, 300, '2022-05-10T10:00:00+08:00');
  await gift(g, 700, '2024-01-10T10:00:00+08:00');
});
afterAll(() => t.close());

const get = async (path: string) => {
  const response = await o.owner.get(`/api/orgs/${o.slug}/reports/${path}`);
  expect(response.status).toBe(200);
  return response.body;
};

describe('lapsed donors', () => {
  it('LYBUNT for this year (2026 on the organization calendar)', async () => {
    expect(await get('lybunt')).toMatchObject({
      year: 2026,
      donors: 2,
      given: [
        { currency: 'CNY', amount: 3800 },
        { currency: 'USD', amount: 500 },
      ],
    });
  });

  it('LYBUNT for a past year', async () => {
    expect(await get('lybunt?year=2025')).toMatchObject({
      year: 2025,
      donors: 1,
      given: [{ currency: 'CNY', amount: 700 }],
    });
  });

  it('SYBUNT, with what they gave in earlier years', async () => {
    expect(await get('sybunt?year=2026')).toMatchObject({
      year: 2026,
      donors: 2,
      given: [{ currency: 'CNY', amount: 51000 }],
    });
  });

  it('agrees with the LYBUNT segment', async () => {
    const preview = await o.owner.post(`/api/orgs/${o.slug}/segments/preview`, {
      definition: {
        all: [
          { field: 'gifts', op: 'gave', period: { relativeYear: -1 } },
          { field: 'gifts', op: 'didNotGive', period: { relativeYear: 0 } },
        ],
      },
    });
    expect(preview.body.count).toBe(2);
  });
});

describe('first-time and repeat donors', () => {
  it('splits each year by whether the donor had given before', async () => {
    const none = { donors: 0, given: [] };
    expect(await get('donors-by-year?from=2022&to=2026')).toEqual([
      { year: 2022, firstTime: { donors: 1, given: [{ currency: 'CNY', amount: 300 }] }, repeat: none },
      { year: 2023, firstTime: { donors: 1, given: [{ currency: 'CNY', amount: 50000 }] }, repeat: none },
      {
        year: 2024,
        firstTime: { donors: 1, given: [{ currency: 'CNY', amount: 1000 }] },
        repeat: { donors: 1, given: [{ currency: 'CNY', amount: 700 }] },
      },
      {
        year: 2025,
        firstTime: {
          donors: 2,
          given: [
            { currency: 'CNY', amount: 2800 },
            { currency: 'USD', amount: 500 },
          ],
        },
        repeat: { donors: 1, given: [{ currency: 'CNY', amount: 3000 }] },
      },
      {
        year: 2026,
        firstTime: { donors: 1, given: [{ currency: 'CNY', amount: 100 }] },
        repeat: { donors: 1, given: [{ currency: 'CNY', amount: 2500 }] },
      },
    ]);
  });

  it('defaults to the last five years and rejects a reversed range', async () => {
    expect((await get('donors-by-year')).map((y: { year: number }) => y.year)).toEqual([2022, 2023, 2024, 2025, 2026]);
    expect((await o.owner.get(`/api/orgs/${o.slug}/reports/donors-by-year?from=2026&to=2020`)).status).toBe(400);
  });
});

describe('gift totals', () => {
  it('by year, per currency (every gift counts, merged contacts too)', async () => {
    expect((await get('gift-totals?groupBy=year')).rows).toEqual([
      { key: '2022', currency: 'CNY', amount: 300, gifts: 1, donors: 1 },
      { key: '2023', currency: 'CNY', amount: 50000, gifts: 1, donors: 1 },
      { key: '2024', currency: 'CNY', amount: 1700, gifts: 2, donors: 2 },
      { key: '2025', currency: 'CNY', amount: 6799, gifts: 4, donors: 4 },
      { key: '2025', currency: 'USD', amount: 500, gifts: 1, donors: 1 },
      { key: '2026', currency: 'CNY', amount: 2600, gifts: 2, donors: 2 },
    ]);
  });

  it('by channel within a date range', async () => {
    expect((await get('gift-totals?groupBy=channel&from=2025-01-01&to=2025-12-31')).rows).toEqual([
      { key: 'alipay', currency: 'CNY', amount: 800, gifts: 1, donors: 1 },
      { key: 'bank', currency: 'CNY', amount: 2999, gifts: 2, donors: 2 },
      { key: 'paypal', currency: 'USD', amount: 500, gifts: 1, donors: 1 },
      { key: 'wechat', currency: 'CNY', amount: 3000, gifts: 1, donors: 1 },
    ]);
  });

  it('by month on the organization calendar, and by campaign', async () => {
    const months = (await get('gift-totals?groupBy=month&from=2025-12-01&to=2026-01-31')).rows;
    expect(months).toEqual([
      { key: '2025-12', currency: 'CNY', amount: 800, gifts: 1, donors: 1 },
      { key: '2026-01', currency: 'CNY', amount: 100, gifts: 1, donors: 1 },
    ]);
    const campaigns = (await get('gift-totals?groupBy=campaign')).rows;
    expect(campaigns[0]).toEqual({ key: '99公益日', currency: 'CNY', amount: 4000, gifts: 2, donors: 1 });
    expect(campaigns.at(-1).key).toBeNull();
  });
});

describe('overview', () => {
  it('gives the home page its headline numbers', async () => {
    const body = await get('overview');
    expect(body).toMatchObject({
      contacts: 8,
      newContactsThisMonth: 1,
      donorsThisYear: 2,
      raisedThisYear: [{ currency: 'CNY', amount: 2600 }],
      raisedLastYear: [
        { currency: 'CNY', amount: 6799 },
        { currency: 'USD', amount: 500 },
      ],
      raisedLastYearToDate: [{ currency: 'CNY', amount: 2999 }],
    });
    expect(
      body.recentGifts.slice(0, 3).map((g: { contactName: string; amount: number }) => [g.contactName, g.amount]),
    ).toEqual([
      ['B', 2500],
      ['E', 100],
      ['D', 800],
    ]);
    expect(body.recentGifts[0].receivedAt).toBe('2026-02-10T02:00:00.000Z');
  });
});

describe('access', () => {
  it('lets every role read reports, keeps strangers out, and shows each organization only its own numbers', async () => {
    const viewer = await o.member('viewer');
    expect((await viewer.get(`/api/orgs/${o.slug}/reports/overview`)).status).toBe(200);
    const other = await buildOrg(t);
    expect((await other.owner.get(`/api/orgs/${o.slug}/reports/lybunt`)).status).toBe(404);
    const theirs = await other.owner.get(`/api/orgs/${other.slug}/reports/overview`);
    expect(theirs.body).toMatchObject({ contacts: 0, donorsThisYear: 0, raisedThisYear: [], recentGifts: [] });
    expect((await other.owner.get(`/api/orgs/${other.slug}/reports/lybunt?year=2026`)).body).toMatchObject({
      donors: 0,
      given: [],
    });
    const anonymous = await t.app.inject({ method: 'GET', url: `/api/orgs/${o.slug}/reports/overview` });
    expect(anonymous.statusCode).toBe(401);
  });
});
