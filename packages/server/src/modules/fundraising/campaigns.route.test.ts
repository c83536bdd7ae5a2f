import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../testing/app.ts';
import { buildOrg, type TestOrg, testPlan } from '../../testing/factories.ts';
import { uploadFile } from '../imports/fixtures.ts';

let t: TestApp;
let o: TestOrg;
let projectId: number;

beforeAll(async () => {
  t = await testApp();
  o = await buildOrg(t);
  const project = await o.owner.post(`/api/orgs/${o.slug}/projects`, {
    slug: 'trees',
    name: '民勤治沙',
    budgetLines: [],
  });
  projectId = project.body.id;
});
afterAll(() => t?.close());

const campaignBody = (slug: string) => ({
  slug,
  projectId,
  copy: {
    title: '种下一棵梭梭',
    summary: '在沙漠边缘种树',
    story: '<p>每一棵梭梭<script>alert(1)</script>都在守护民勤。</p>',
  },
  plan: { ...testPlan, filingNumber: '53100000500021290XA21001', purpose: '防沙治沙', region: '甘肃民勤' },
  goal: 10_000_00,
  presetAmounts: [2000, 5000, 10000],
});

describe('campaigns: draft → review → live → closed', () => {
  it('a fundraiser drafts and submits; only an admin or owner can approve; edits of a live page wait for review', async () => {
    const fundraiser = await o.member('fundraiser');
    const created = await fundraiser.post(`/api/orgs/${o.slug}/campaigns`, campaignBody('spring-trees'));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: 'draft',
      currency: 'CNY',
      publicUrl: `/c/${o.slug}/spring-trees`,
      copy: { title: '种下一棵梭梭', story: '<p>每一棵梭梭都在守护民勤。</p>' },
      plan: { filingNumber: '53100000500021290XA21001' },
    });
    const id = created.body.id;

    expect((await fundraiser.post(`/api/orgs/${o.slug}/campaigns/${id}/review`, { decision: 'approve' })).status).toBe(
      403,
    );
    const submitted = await fundraiser.post(`/api/orgs/${o.slug}/campaigns/${id}/submit`);
    expect(submitted.body.status).toBe('review');
    const rejected = await o.owner.post(`/api/orgs/${o.slug}/campaigns/${id}/review`, {
      decision: 'reject',
      note: '请补充受益人说明',
    });
    expect(rejected.body).toMatchObject({ status: 'draft', reviewNote: '请补充受益人说明' });
    await fundraiser.patch(`/api/orgs/${o.slug}/campaigns/${id}`, {
      plan: { ...campaignBody('spring-trees').plan, beneficiaries: '民勤县农户' },
    });
    await fundraiser.post(`/api/orgs/${o.slug}/campaigns/${id}/submit`);
    const live = await o.owner.post(`/api/orgs/${o.slug}/campaigns/${id}/review`, { decision: 'approve' });
    expect(live.body).toMatchObject({ status: 'live', plan: { beneficiaries: '民勤县农户' } });
    expect(live.body.publishedAt).not.toBeNull();

    // A live campaign keeps showing the approved words until the edit is approved.
    const edited = await fundraiser.patch(`/api/orgs/${o.slug}/campaigns/${id}`, {
      copy: { title: '种下一万棵梭梭', story: '<p>新的故事</p>' },
      goal: 20_000_00,
    });
    // What the patch leaves out stays: the amounts and the plan are not reset to their defaults.
    expect(edited.body).toMatchObject({
      copy: { title: '种下一棵梭梭' },
      pending: {
        copy: { title: '种下一万棵梭梭', story: '<p>新的故事</p>' },
        plan: { filingNumber: '53100000500021290XA21001' },
      },
      goal: 20_000_00,
      presetAmounts: [2000, 5000, 10000],
      allowMonthly: true,
    });
    const page = await t.app.inject({ url: `/c/${o.slug}/spring-trees` });
    expect(page.body).toContain('种下一棵梭梭');
    expect(page.body).not.toContain('种下一万棵梭梭');
    const approved = await o.owner.post(`/api/orgs/${o.slug}/campaigns/${id}/review`, { decision: 'approve' });
    expect(approved.body).toMatchObject({ status: 'live', copy: { title: '种下一万棵梭梭' }, pending: null });

    const slugChange = await fundraiser.patch(`/api/orgs/${o.slug}/campaigns/${id}`, { slug: 'other' });
    expect(slugChange.status).toBe(409);
    expect(slugChange.body.error).toMatchObject({ code: 'CAMPAIGN_STATE', fields: [{ path: 'body.slug' }] });

    const closed = await fundraiser.post(`/api/orgs/${o.slug}/campaigns/${id}/close`);
    expect(closed.body.status).toBe('closed');
    expect((await fundraiser.post(`/api/orgs/${o.slug}/campaigns/${id}/close`)).body.error.code).toBe('CAMPAIGN_STATE');

    const audit = await o.owner.get(`/api/orgs/${o.slug}/audit?limit=50`);
    const actions = (audit.body.items as { action: string }[]).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'campaign.create',
        'campaign.submit',
        'campaign.reject',
        'campaign.approve',
        'campaign.close',
      ]),
    );
  });

  it('goes public only with its fundraising plan (募捐方案) and filing number', async () => {
    const { filingNumber: _n, useOfFunds: _u, ...partial } = campaignBody('no-plan').plan;
    const created = await o.owner.post(`/api/orgs/${o.slug}/campaigns`, { ...campaignBody('no-plan'), plan: partial });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const refused = await o.owner.post(`/api/orgs/${o.slug}/campaigns/${id}/submit`);
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('PLAN_INCOMPLETE');
    expect(refused.body.error.fields.map((f: { path: string }) => f.path)).toEqual([
      'body.plan.filingNumber',
      'body.plan.useOfFunds',
    ]);
    await o.owner.patch(`/api/orgs/${o.slug}/campaigns/${id}`, { plan: campaignBody('no-plan').plan });
    expect((await o.owner.post(`/api/orgs/${o.slug}/campaigns/${id}/submit`)).status).toBe(200);
    expect(
      (await o.owner.post(`/api/orgs/${o.slug}/campaigns/${id}/review`, { decision: 'approve' })).body.status,
    ).toBe('live');

    // A live edit that empties the filing number waits for review, and is not approved.
    await o.owner.patch(`/api/orgs/${o.slug}/campaigns/${id}`, {
      plan: { ...campaignBody('no-plan').plan, filingNumber: '' },
    });
    const blanked = await o.owner.post(`/api/orgs/${o.slug}/campaigns/${id}/review`, { decision: 'approve' });
    expect(blanked.status).toBe(422);
    expect(blanked.body.error.fields[0].path).toBe('body.plan.filingNumber');
    expect((await o.owner.post(`/api/orgs/${o.slug}/campaigns/${id}/review`, { decision: 'reject' })).status).toBe(200);
    const page = await t.app.inject({ method: 'GET', url: `/c/${o.slug}/no-plan` });
    expect(page.body).toContain('53100000500021290XA21001');
  });

  it('spells the address in pinyin when staff leave it out, numbered when taken', async () => {
    const { slug: _slug, ...body } = campaignBody('unused');
    const first = await o.owner.post(`/api/orgs/${o.slug}/campaigns`, { ...body, copy: { title: '一顿热午餐' } });
    expect(first.body).toMatchObject({ slug: 'yi-dun-re-wu-can', publicUrl: `/c/${o.slug}/yi-dun-re-wu-can` });
    const second = await o.owner.post(`/api/orgs/${o.slug}/campaigns`, { ...body, copy: { title: '一顿热午餐' } });
    expect(second.body.slug).toBe('yi-dun-re-wu-can-2');
  });

  it('answers bad input with the field at fault, and viewers cannot write', async () => {
    const taken = await o.owner.post(`/api/orgs/${o.slug}/campaigns`, campaignBody('dup-slug'));
    expect(taken.status).toBe(201);
    const again = await o.owner.post(`/api/orgs/${o.slug}/campaigns`, campaignBody('dup-slug'));
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'SLUG_TAKEN', fields: [{ path: 'body.slug' }] });

    const badAmounts = await o.owner.post(`/api/orgs/${o.slug}/campaigns`, {
      ...campaignBody('bad-amounts'),
      presetAmounts: [50],
      minAmount: 100,
    });
    expect(badAmounts.status).toBe(400);
    expect(badAmounts.body.error.fields[0].path).toBe('body.presetAmounts.0');

    const floatAmount = await o.owner.post(`/api/orgs/${o.slug}/campaigns`, { ...campaignBody('f'), goal: 10.5 });
    expect(floatAmount.status).toBe(400);
    expect(floatAmount.body.error.fields[0].path).toBe('body.goal');

    const noProject = await o.owner.post(`/api/orgs/${o.slug}/campaigns`, { ...campaignBody('np'), projectId: 999999 });
    expect(noProject.status).toBe(404);
    expect(noProject.body.error.fields[0].path).toBe('body.projectId');

    const viewer = await o.member('viewer');
    expect((await viewer.get(`/api/orgs/${o.slug}/campaigns`)).status).toBe(200);
    expect((await viewer.post(`/api/orgs/${o.slug}/campaigns`, campaignBody('viewer-try'))).status).toBe(403);
  });

  it('takes images for pages by what they are, not what they are called', async () => {
    const token = (await o.owner.post(`/api/orgs/${o.slug}/tokens`, { name: 'media', role: 'fundraiser' })).body.token;
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    const up = await uploadFile(t.app, `/api/orgs/${o.slug}/media`, token, 'cover.jpg', png);
    expect(up.status).toBe(201);
    expect(up.body.url).toMatch(new RegExp(`^/media/${o.org.id}/[0-9a-f-]{36}\\.png$`));
    const served = await t.app.inject({ url: up.body.url });
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/png');
    expect(served.headers['cache-control']).toContain('immutable');
    expect(served.rawPayload.equals(png)).toBe(true);

    const fake = await uploadFile(t.app, `/api/orgs/${o.slug}/media`, token, 'evil.png', Buffer.from('<svg onload=x>'));
    expect(fake.status).toBe(415);
    expect(fake.body.error.fields[0].path).toBe('file');
    const huge = await uploadFile(
      t.app,
      `/api/orgs/${o.slug}/media`,
      token,
      'huge.png',
      Buffer.concat([png, Buffer.alloc(5 * 1024 * 1024)]),
    );
    expect(huge.status).toBe(413);
  });
});
