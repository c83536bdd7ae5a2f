import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPage, testApp, type TestApp } from '../../testing/app.ts';
import { buildOrg, type TestOrg, testPlan } from '../../testing/factories.ts';
import { notifySandbox } from '../../testing/sandbox-payments.ts';

let t: TestApp;
let host: TestOrg;
let partner: TestOrg;
let stranger: TestOrg;
let projectId: number;

beforeAll(async () => {
  t = await testApp();
  host = await buildOrg(t, { name: '某某慈善基金会' });
  partner = await buildOrg(t, { name: '小树苗支教社' });
  stranger = await buildOrg(t, { name: '无关机构' });
  projectId = (
    await host.owner.post(`/api/orgs/${host.slug}/projects`, {
      slug: 'partners',
      name: '伙伴项目专项基金',
      budgetLines: [],
    })
  ).body.id;
});
afterAll(() => t?.close());

const h = (path: string) => `/api/orgs/${host.slug}${path}`;
const p = (path: string) => `/api/orgs/${partner.slug}${path}`;
const rows = async <T = Record<string, unknown>>(query: ReturnType<typeof sql>) =>
  ((await t.deps.db.execute(query)) as unknown as { rows: T[] }).rows;

async function give(slug: string, name: string, phone: string) {
  const started = await t.app.inject({
    method: 'POST',
    url: `/api/give/${host.slug}/${slug}`,
    payload: {
      submitToken: `jf_${Math.random().toString(36).slice(2)}_${Date.now()}`,
      amount: 5000,
      provider: 'sandbox',
      name,
      phone,
    },
  });
  expect(started.statusCode, started.body).toBe(201);
  expect((await notifySandbox(t, { orderNo: started.json().order.orderNo, amount: 5000 })).statusCode).toBe(200);
}

describe('joint fundraising (联合劝募)', () => {
  let partnershipId: number;
  let campaignId: number;

  it('lets only a qualified host invite, and only the invited partner accept', async () => {
    const unqualified = await host.owner.post(h('/partnerships'), { partnerSlug: partner.slug, projectId });
    expect(unqualified.status).toBe(409);
    expect(unqualified.body.error.code).toBe('PARTNERSHIP_STATE');

    expect((await host.owner.put(h('/public-fundraising'), { certificate: '53100000500000000X' })).status).toBe(200);
    const invited = await host.owner.post(h('/partnerships'), { partnerSlug: partner.slug, projectId });
    expect(invited.status, JSON.stringify(invited.body)).toBe(201);
    expect(invited.body).toMatchObject({
      role: 'host',
      status: 'invited',
      donorData: 'totals',
      project: { name: '伙伴项目专项基金' },
    });
    partnershipId = invited.body.id;
    expect((await host.owner.post(h('/partnerships'), { partnerSlug: partner.slug, projectId })).status).toBe(409);
    expect((await host.owner.post(h('/partnerships'), { partnerSlug: 'no-such-org', projectId })).status).toBe(404);

    const seen = await partner.owner.get(p('/partnerships'));
    expect(seen.body.items).toEqual([
      expect.objectContaining({
        id: partnershipId,
        role: 'partner',
        host: { name: '某某慈善基金会', slug: host.slug },
      }),
    ]);
    expect((await stranger.owner.get(`/api/orgs/${stranger.slug}/partnerships`)).body.items).toEqual([]);
    expect((await stranger.owner.post(`/api/orgs/${stranger.slug}/partnerships/${partnershipId}/accept`)).status).toBe(
      404,
    );
    expect((await host.owner.post(h(`/partnerships/${partnershipId}/accept`))).status).toBe(409);

    const early = await partner.owner.post(p('/hosted-campaigns'), {
      plan: testPlan,
      partnershipId,
      slug: 'early',
      copy: { title: '太早' },
    });
    expect(early.status).toBe(409);
    const fundraiser = await partner.member('fundraiser');
    expect((await fundraiser.post(p(`/partnerships/${partnershipId}/accept`))).status).toBe(403);
    const accepted = await partner.owner.post(p(`/partnerships/${partnershipId}/accept`));
    expect(accepted.body).toMatchObject({ status: 'active', role: 'partner' });
  });

  it("runs a partner's campaign through the host's review, and its live edits too", async () => {
    const created = await partner.owner.post(p('/hosted-campaigns'), {
      partnershipId,
      slug: 'mountain-school',
      copy: { title: '山里的小学', summary: '给山区小学买图书' },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ status: 'draft', host: { slug: host.slug }, projectId, donorData: 'totals' });
    campaignId = created.body.id;
    // It lives in the host's books: the host sees it among its campaigns, marked as the partner's.
    const listed = await host.owner.get(h('/campaigns'));
    expect(listed.body.find((c: { id: number }) => c.id === campaignId)).toMatchObject({
      partnerOrgId: partner.org.id,
    });
    expect((await partner.owner.post(p(`/hosted-campaigns/${campaignId}/submit`))).body.status).toBe('review');
    expect((await getPage(t, `/c/${host.slug}/mountain-school`)).statusCode).toBe(404);
    // The host files the plan (募捐方案): it completes it before approving.
    const unfiled = await host.owner.post(h(`/campaigns/${campaignId}/review`), { decision: 'approve' });
    expect(unfiled.body.error.code).toBe('PLAN_INCOMPLETE');
    await host.owner.patch(h(`/campaigns/${campaignId}`), { plan: testPlan });
    expect((await host.owner.post(h(`/campaigns/${campaignId}/review`), { decision: 'approve' })).body.status).toBe(
      'live',
    );
    expect((await getPage(t, `/c/${host.slug}/mountain-school`)).body).toContain('山里的小学');

    const edited = await partner.owner.patch(p(`/hosted-campaigns/${campaignId}`), {
      copy: { title: '山里的小学图书角' },
    });
    expect(edited.body.pending.copy.title).toBe('山里的小学图书角');
    expect((await getPage(t, `/c/${host.slug}/mountain-school`)).body).not.toContain('图书角');
    const approvedEdit = await host.owner.post(h(`/campaigns/${campaignId}/review`), { decision: 'approve' });
    expect(approvedEdit.status, JSON.stringify(approvedEdit.body)).toBe(200);
    expect((await getPage(t, `/c/${host.slug}/mountain-school`)).body).toContain('山里的小学图书角');

    const moveProject = await partner.owner.patch(p(`/hosted-campaigns/${campaignId}`), { projectId: 1 });
    expect(moveProject.status).toBe(400);
    const hostOwn = (
      await host.owner.post(h('/campaigns'), { slug: 'own', projectId, copy: { title: '自己的' }, plan: testPlan })
    ).body.id;
    expect((await partner.owner.patch(p(`/hosted-campaigns/${hostOwn}`), { copy: { title: 'x' } })).status).toBe(404);
    const viewer = await partner.member('viewer');
    expect(
      (await viewer.post(p('/hosted-campaigns'), { partnershipId, slug: 'vv', copy: { title: 'v' } })).status,
    ).toBe(403);

    const audit = await rows<{ action: string }>(
      sql`select action from audit_events where org_id = ${host.org.id} and subject_type = 'campaign' and subject_id = ${String(campaignId)}`,
    );
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['campaign.create', 'campaign.submit', 'campaign.update']),
    );
  });

  it('shows each side exactly what the agreement allows', async () => {
    await give('mountain-school', '马丽', '13700001111');
    await give('mountain-school', '牛强', '13700002222');
    const mine = await partner.owner.get(p('/hosted-campaigns'));
    expect(mine.body[0].figures).toMatchObject({ raised: 10_000, donors: 2, gifts: 2, updateOverdue: false });
    const refused = await partner.owner.get(p(`/hosted-campaigns/${campaignId}/donors`));
    expect(refused.status).toBe(403);
    // The partner has no way into the host's supporter database itself.
    expect((await partner.owner.get(h('/contacts'))).status).toBe(404);

    // A new agreement that shares donors: the partner may thank them, and the read is audited twice.
    await host.owner.post(h(`/partnerships/${partnershipId}/end`));
    const again = await host.owner.post(h('/partnerships'), {
      partnerSlug: partner.slug,
      projectId,
      donorData: 'donors',
    });
    await partner.owner.post(p(`/partnerships/${again.body.id}/accept`));
    const donors = await partner.owner.get(p(`/hosted-campaigns/${campaignId}/donors`));
    expect(donors.status).toBe(200);
    expect(donors.body.map((d: { name: string; phone: string }) => [d.name, d.phone]).sort()).toEqual([
      ['牛强', '+8613700002222'],
      ['马丽', '+8613700001111'],
    ]);
    for (const org of [host, partner]) {
      const read = await rows(
        sql`select 1 from audit_events where org_id = ${org.org.id} and action = 'hosted_campaign.donors_read'`,
      );
      expect(read.length, org.slug).toBe(1);
    }
    // Under the ended agreement, nothing new can start.
    const ended = await partner.owner.post(p('/hosted-campaigns'), {
      plan: testPlan,
      partnershipId,
      slug: 'late',
      copy: { title: '晚了' },
    });
    expect(ended.status).toBe(409);
  });

  it("gives the host every partner's figures, overdue reports first, until the partner reports", async () => {
    // A second partner, whose campaign raised more but reported on time.
    const second = await buildOrg(t, { name: '河源水站' });
    const invited = await host.owner.post(h('/partnerships'), { partnerSlug: second.slug, projectId });
    expect(invited.status, JSON.stringify(invited.body)).toBe(201);
    const s = (path: string) => `/api/orgs/${second.slug}${path}`;
    expect((await second.owner.post(s(`/partnerships/${invited.body.id}/accept`))).status).toBe(200);
    const wells = await second.owner.post(s('/hosted-campaigns'), {
      plan: testPlan,
      partnershipId: invited.body.id,
      slug: 'village-wells',
      copy: { title: '村里的水井' },
    });
    expect(wells.status, JSON.stringify(wells.body)).toBe(201);
    await second.owner.post(s(`/hosted-campaigns/${wells.body.id}/submit`));
    expect((await host.owner.post(h(`/campaigns/${wells.body.id}/review`), { decision: 'approve' })).status).toBe(200);
    for (const phone of ['13700000001', '13700000002', '13700000003']) await give('village-wells', '捐赠人', phone);

    await t.deps.db.execute(
      sql`update campaigns set published_at = now() - interval '100 days' where org_id = ${host.org.id} and id = ${campaignId}`,
    );
    const overview = await host.owner.get(h('/partnerships/overview'));
    expect(overview.status).toBe(200);
    expect(overview.body).toHaveLength(2);
    expect(overview.body[0]).toMatchObject({
      campaign: { id: campaignId },
      partner: { name: '小树苗支教社' },
      figures: { raised: 10_000, donors: 2, updateOverdue: true },
    });
    expect(overview.body[1]).toMatchObject({
      campaign: { id: wells.body.id },
      partner: { name: '河源水站' },
      figures: { raised: 15_000, donors: 3, updateOverdue: false },
    });
    const posted = await partner.owner.post(p(`/hosted-campaigns/${campaignId}/updates`), {
      title: '图书已经送到',
      body: '<p>第一批 300 本图书已送到学校。</p>',
      notifyDonors: false,
    });
    expect(posted.status, JSON.stringify(posted.body)).toBe(201);
    // Reported: now by amount raised, neither overdue.
    const after = (await host.owner.get(h('/partnerships/overview'))).body;
    expect(
      after.map((i: { partner: { name: string }; figures: { updateOverdue: boolean } }) => [
        i.partner.name,
        i.figures.updateOverdue,
      ]),
    ).toEqual([
      ['河源水站', false],
      ['小树苗支教社', false],
    ]);
    expect((await partner.owner.get(p('/partnerships/overview'))).body).toEqual([]);
  });
});
