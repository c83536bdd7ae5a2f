import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { testApp, type TestApp } from '../../testing/app.ts';
import { buildOrg, type TestOrg, testPlan } from '../../testing/factories.ts';

let t: TestApp;
let o: TestOrg;
let campaignId: number;

beforeAll(async () => {
  t = await testApp();
  o = await buildOrg(t);
  const project = await o.owner.post(`/api/orgs/${o.slug}/projects`, { slug: 'meals', name: '午餐', budgetLines: [] });
  campaignId = (
    await o.owner.post(`/api/orgs/${o.slug}/campaigns`, {
      plan: testPlan,
      slug: 'meals-99',
      projectId: project.body.id,
      copy: { title: '99 公益日午餐' },
    })
  ).body.id;
  const zhang = (await o.owner.post(`/api/orgs/${o.slug}/contacts`, { name: '张三' })).body.id;
  const li = (await o.owner.post(`/api/orgs/${o.slug}/contacts`, { name: '李四' })).body.id;
  const gift = (contactId: number, amount: number, at: string, channel: string, campaign: string | null) =>
    o.owner.post(`/api/orgs/${o.slug}/gifts`, { contactId, amount, receivedAt: at, channel, campaign });
  await gift(zhang, 10_000, '2026-09-07T09:30:00+08:00', 'wechat_pay', 'meals-99');
  await gift(li, 5_000, '2026-09-07T23:30:00+08:00', 'alipay', 'meals-99');
  await gift(zhang, 2_000, '2026-09-08T00:10:00+08:00', 'wechat_pay', 'meals-99');
  await gift(li, 700, '2026-09-08T12:00:00+08:00', 'cash', null);
  await gift(li, 999, '2026-09-10T12:00:00+08:00', 'cash', null);
});
afterAll(() => t?.close());

describe('fundraising reports', () => {
  it('sum a period by campaign, channel and day, on the organization’s calendar', async () => {
    const report = await o.owner.get(`/api/orgs/${o.slug}/reports/fundraising?from=2026-09-07&to=2026-09-09`);
    expect(report.status).toBe(200);
    expect(report.body.byCampaign).toEqual([
      { campaign: 'meals-99', title: '99 公益日午餐', currency: 'CNY', amount: 17_000, gifts: 3, donors: 2 },
      { campaign: null, title: null, currency: 'CNY', amount: 700, gifts: 1, donors: 1 },
    ]);
    expect(report.body.byChannel).toEqual([
      { channel: 'wechat_pay', currency: 'CNY', amount: 12_000, gifts: 2 },
      { channel: 'alipay', currency: 'CNY', amount: 5_000, gifts: 1 },
      { channel: 'cash', currency: 'CNY', amount: 700, gifts: 1 },
    ]);
    // 23:30 on the 7th in Shanghai is the 7th, though it is the 7th 15:30 UTC; 00:10 on the 8th is the 8th.
    expect(report.body.byDay).toEqual([
      { day: '2026-09-07', currency: 'CNY', amount: 15_000, gifts: 2 },
      { day: '2026-09-08', currency: 'CNY', amount: 2_700, gifts: 2 },
    ]);
    const backwards = await o.owner.get(`/api/orgs/${o.slug}/reports/fundraising?from=2026-09-09&to=2026-09-07`);
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.fields[0].path).toBe('query.to');
  });

  it('give a campaign’s live view with masked names', async () => {
    const live = await o.owner.get(`/api/orgs/${o.slug}/campaigns/${campaignId}/live`);
    expect(live.body.total).toEqual({ amount: 17_000, gifts: 3, donors: 2, matched: 0 });
    expect(live.body.byHour).toHaveLength(24);
    expect(live.body.latest.map((g: { donor: string }) => g.donor)).toEqual(['张*', '李*', '张*']);
  });

  it('gives the campaign day by the hour, on the organization’s calendar', async () => {
    // Ten to midnight on 7 September in Shanghai: the 7th's two gifts, at 09:30 and 23:30 local time.
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-09-07T23:50:00+08:00') });
    try {
      const live = await o.owner.get(`/api/orgs/${o.slug}/campaigns/${campaignId}/live`);
      expect(live.body.today).toEqual({ amount: 15_000, gifts: 2 });
      expect(live.body.byHour.filter((h: { gifts: number }) => h.gifts > 0)).toEqual([
        { hour: 9, amount: 10_000, gifts: 1 },
        { hour: 23, amount: 5_000, gifts: 1 },
      ]);
      expect(live.body.total).toEqual({ amount: 17_000, gifts: 3, donors: 2, matched: 0 });
    } finally {
      vi.useRealTimers();
    }
  });
});
