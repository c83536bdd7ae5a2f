import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../testing/app.ts';
import { buildOrg, type TestOrg, testPlan } from '../testing/factories.ts';
import { runScan } from '../modules/duplicates/index.ts';
import { csvText, uploadFile } from '../modules/imports/fixtures.ts';
import { notifySandbox } from '../testing/sandbox-payments.ts';

/*
 * Walks every route under /api/orgs/:org and shows that a member of organization A gets 404 both
 * for organization B's slug and for B's ids under A's own slug. A route added later without an
 * entry in `bodies` (for writes) or `idsFor` (for parameters) fails this test until it is covered.
 */

interface Route {
  method: string;
  url: string;
}

let t: TestApp;
const routes: Route[] = [];
let a: TestOrg;
let b: TestOrg;
const ids: Record<string, string | number> = {};
let tokenA: string;

beforeAll(async () => {
  t = await testApp({
    jobs: true,
    onRoute: (route) => {
      for (const method of [route.method].flat()) {
        if (method !== 'HEAD' && route.url.startsWith('/api/orgs/:org')) routes.push({ method, url: route.url });
      }
    },
  });
  a = await buildOrg(t);
  b = await buildOrg(t);
  const api = (path: string) => `/api/orgs/${b.slug}${path}`;
  const ok = <T extends { status: number; body: any }>(response: T, what: string) => {
    if (response.status >= 300) throw new Error(`${what}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };

  // Everything organization B owns, created through its own API.
  const first = ok(
    await b.owner.post(api('/contacts'), { name: '乙方联系人', phone: '13911112222', tags: ['乙'] }),
    'contact',
  );
  const second = ok(await b.owner.post(api('/contacts'), { name: '乙方联系人', phone: '13911112222' }), 'contact 2');
  const spare = ok(await b.owner.post(api('/contacts'), { name: '乙方备用' }), 'contact 3');
  ids.contact = first.id;
  ids.contact2 = second.id;
  ids.spare = spare.id;
  ids.tag = ok(await b.owner.get(api('/tags')), 'tags')[0].id;
  ids.field = ok(await b.owner.post(api('/custom-fields'), { key: 'size', label: '尺码', type: 'text' }), 'field').id;
  ids.relationship = ok(
    await b.owner.post(api(`/contacts/${first.id}/relationships`), { relatedContactId: spare.id, type: 'household' }),
    'relationship',
  ).id;
  ids.gift = ok(
    await b.owner.post(api('/gifts'), {
      contactId: first.id,
      amount: 10000,
      receivedAt: '2025-09-07T10:00:00+08:00',
      channel: '微信支付',
    }),
    'gift',
  ).id;
  ids.segment = ok(
    await b.owner.post(api('/segments'), {
      name: '乙方分组',
      definition: { field: 'kind', op: 'is', value: 'person' },
    }),
    'segment',
  ).id;
  ids.mapping = ok(
    await b.owner.post(api('/import-mappings'), {
      name: '乙方映射',
      mapping: { columns: [{ header: '姓名', field: 'name' }] },
    }),
    'mapping',
  ).id;
  const tokenB = ok(await b.owner.post(api('/tokens'), { name: 'b', role: 'owner' }), 'token B');
  ids.token = tokenB.id;
  tokenA = ok(await a.owner.post(`/api/orgs/${a.slug}/tokens`, { name: 'a', role: 'owner' }), 'token A').token;
  const upload = await uploadFile(
    t.app,
    api('/imports'),
    tokenB.token,
    'b.csv',
    Buffer.from(csvText([['姓名'], ['乙']])),
  );
  ids.import = ok(upload, 'import').import.id;
  ids.invitation = ok(
    await b.owner.post(api('/invitations'), { email: 'b-staff@example.org', role: 'viewer' }),
    'inv',
  ).id;
  ids.member = ok(await b.owner.get(api('/members')), 'members')[0].userId;
  ids.scan = ok(await b.owner.post(api('/duplicates/scan'), {}), 'scan').id;
  // Run detection synchronously so there is a candidate to point at.
  await runScan(t.deps.db, b.org.id, String(ids.scan));
  ids.candidate = ok(await b.owner.get(api('/duplicates')), 'candidates').items[0].id;
  const third = ok(await b.owner.post(api('/contacts'), { name: '乙方并入', email: 'merge@example.org' }), 'c4');
  const fourth = ok(await b.owner.post(api('/contacts'), { name: '乙方并入', email: 'merge@example.org' }), 'c5');
  // Fund flows: a project with a budget line, money through it, goods and a delivery.
  const project = ok(
    await b.owner.post(api('/projects'), {
      slug: 'b-project',
      name: '乙方项目',
      budgetLines: [{ name: '物资', amount: 5000 }],
    }),
    'project',
  );
  ids.project = project.id;
  ids.budgetLine = project.budgetLines[0].id;
  ids.campaign = ok(
    await b.owner.post(api('/campaigns'), {
      slug: 'b-campaign',
      projectId: project.id,
      copy: { title: '乙方募捐' },
      plan: testPlan,
    }),
    'campaign',
  ).id;
  ids.receipt = ok(await b.owner.post(api(`/gifts/${ids.gift}/receipt`)), 'receipt').id;
  // A form of B's with a response flagged as a possible duplicate (the second answer from one phone).
  const form = ok(
    await b.owner.post(api('/forms'), {
      title: '乙方报名',
      slug: 'b-form',
      fields: [{ key: 'phone', type: 'phone', label: '手机', mapTo: 'phone' }],
    }),
    'form',
  );
  ids.form = form.id;
  ids.mailing = ok(await b.owner.post(api('/mailings'), { name: '乙方通讯' }), 'mailing').id;
  ok(await b.owner.post(api('/email-suppressions'), { email: 'b-suppressed@example.org' }), 'suppression');
  ids.smsTemplate = ok(
    await b.owner.post(api('/sms-templates'), {
      name: '乙方模板',
      signName: '乙方',
      templateCode: 'SMS_1',
      text: '${name}您好',
      params: [{ key: 'name', value: 'contact_name' }],
    }),
    'sms template',
  ).id;
  ids.smsSend = ok(
    await b.owner.post(api('/sms-sends'), { name: '乙方短信', templateId: ids.smsTemplate }),
    'sms send',
  ).id;
  ok(await b.owner.post(api(`/forms/${form.id}/open`)), 'open form');
  for (let i = 0; i < 2; i++)
    await t.app.inject({
      method: 'POST',
      url: `/api/forms/${b.slug}/b-form`,
      payload: { answers: { phone: '13500135000' } },
    });
  ids.formResponse = ok(await b.owner.get(api(`/forms/${form.id}/responses`)), 'responses')[0].id;
  // A published volunteer opportunity of B's with a shift and one volunteer signed up.
  const signupForm = ok(
    await b.owner.post(api('/forms'), {
      title: '乙方志愿者报名',
      fields: [
        { key: 'name', type: 'text', label: '姓名', mapTo: 'name' },
        { key: 'phone', type: 'phone', label: '手机', mapTo: 'phone' },
      ],
    }),
    'volunteer form',
  );
  ids.volunteerForm = signupForm.id;
  ids.opportunity = ok(
    await b.owner.post(api('/volunteers/opportunities'), { title: '乙方植树', slug: 'b-trees', formId: signupForm.id }),
    'opportunity',
  ).id;
  const shifts = ok(
    await b.owner.post(api(`/volunteers/opportunities/${ids.opportunity}/shifts`), {
      startsAt: '2099-04-01T01:00:00Z',
      endsAt: '2099-04-01T05:00:00Z',
      capacity: 10,
    }),
    'shift',
  ).shifts;
  ids.shift = shifts[0].id;
  ok(await b.owner.post(api(`/volunteers/opportunities/${ids.opportunity}/publish`)), 'publish opportunity');
  ok(
    await t.app
      .inject({
        method: 'POST',
        url: `/api/volunteers/${b.slug}/b-trees`,
        payload: { shiftIds: [ids.shift], answers: { name: '乙方志愿者', phone: '13500135111' } },
      })
      .then((r) => ({ status: r.statusCode, body: r.json() })),
    'sign up',
  );
  ids.signup = ok(await b.owner.get(api(`/volunteers/opportunities/${ids.opportunity}/signups`)), 'roster')[0].id;
  // A bank transfer B's donor promised, on B's live campaign.
  ok(await b.owner.post(api(`/campaigns/${ids.campaign}/submit`)), 'submit');
  ok(await b.owner.post(api(`/campaigns/${ids.campaign}/review`), { decision: 'approve' }), 'approve');
  const account = { bankName: '乙方银行', branch: '', accountName: '乙方', accountNumber: '62220200123456' };
  ok(await b.owner.put(api('/payment-settings'), { bankAccount: account }), 'account');
  const transfer = await t.app.inject({
    method: 'POST',
    url: `/api/give/${b.slug}/b-campaign`,
    payload: {
      submitToken: 'tenant-test-transfer',
      amount: 500,
      provider: 'bank-transfer',
      name: '乙',
      phone: '13911112222',
    },
  });
  ids.bankOrder = ok(await b.owner.get(api('/bank-transfers')), 'transfers').find(
    (x: { orderNo: string }) => x.orderNo === transfer.json().order.orderNo,
  ).id;
  // A monthly gift B's donor started and paid, signing its agreement.
  const monthly = await t.app.inject({
    method: 'POST',
    url: `/api/give/${b.slug}/b-campaign`,
    payload: {
      submitToken: 'tenant-test-monthly',
      amount: 500,
      frequency: 'monthly',
      provider: 'sandbox',
      name: '乙',
      phone: '13911113333',
    },
  });
  await notifySandbox(t, { orderNo: monthly.json().order.orderNo, amount: 500, agreementId: 'sbxagr_tenant' });
  ids.monthlyGift = ok(await b.owner.get(api('/monthly-gifts')), 'monthly gifts').items[0].id;
  ids.pledge = ok(
    await b.owner.post(api('/pledges'), {
      contactId: ids.contact,
      amount: 1000,
      pledgedOn: '2026-01-01',
      dueOn: '2026-12-31',
    }),
    'pledge',
  ).id;
  ok(await b.owner.post(api(`/pledges/${ids.pledge}/payments`), { giftId: ids.gift }), 'pledge payment');
  // B as a partner of a third organization: its partnership and the campaign it runs there.
  const c = await buildOrg(t);
  const capi = (path: string) => `/api/orgs/${c.slug}${path}`;
  ok(await c.owner.put(capi('/public-fundraising'), { certificate: 'C-53100000' }), 'qualification');
  const cProject = ok(
    await c.owner.post(capi('/projects'), { slug: 'hosted', name: '托管', budgetLines: [] }),
    'c project',
  );
  ids.partnership = ok(
    await c.owner.post(capi('/partnerships'), { partnerSlug: b.slug, projectId: cProject.id }),
    'partnership',
  ).id;
  ok(await b.owner.post(api(`/partnerships/${ids.partnership}/accept`)), 'accept');
  ids.hostedCampaign = ok(
    await b.owner.post(api('/hosted-campaigns'), {
      plan: testPlan,
      partnershipId: ids.partnership,
      slug: 'b-hosted',
      copy: { title: '乙' },
    }),
    'hosted campaign',
  ).id;
  ids.matchingFund = ok(
    await b.owner.post(api(`/campaigns/${ids.campaign}/matching-funds`), {
      sponsorContactId: spare.id,
      sponsorName: '乙方企业',
      cap: 1000,
      receivedAt: '2025-09-08T10:00:00+08:00',
    }),
    'matching fund',
  ).id;
  const at = '2025-09-08T10:00:00+08:00';
  ids.allocation = ok(
    await b.owner.post(api('/allocations'), {
      projectId: project.id,
      amount: 5000,
      allocatedAt: at,
      giftIds: [ids.gift],
    }),
    'allocation',
  ).id;
  ids.refund = ok(await b.owner.post(api(`/gifts/${ids.gift}/refunds`), { amount: 100, refundedAt: at }), 'refund').id;
  ids.attachment = ok(
    await uploadFile(t.app, api('/attachments'), tokenB.token, 'invoice.pdf', Buffer.from('乙方发票')),
    'attachment',
  ).id;
  ids.expense = ok(
    await b.owner.post(api('/expenses'), {
      projectId: project.id,
      budgetLineId: ids.budgetLine,
      payeeCategory: '物资采购',
      amount: 1000,
      paidAt: at,
      invoiceId: ids.attachment,
    }),
    'expense',
  ).id;
  ids.transfer = ok(
    await b.owner.post(api('/transfers'), {
      direction: 'received',
      projectId: project.id,
      partnerName: '伙伴',
      amount: 100,
      transferredAt: at,
    }),
    'transfer',
  ).id;
  ids.movement = ok(
    await b.owner.post(api('/goods'), {
      direction: 'in',
      item: '书',
      unit: '册',
      quantity: 5,
      value: 500,
      store: '乙仓',
      projectId: project.id,
      movedAt: at,
    }),
    'goods',
  ).id;
  ids.delivery = ok(
    await b.owner.post(api('/deliveries'), {
      projectId: project.id,
      beneficiaryRef: 'B-1',
      aid: '书 1 册',
      value: 100,
      deliveredAt: at,
      acknowledgementText: '已收到',
    }),
    'delivery',
  ).id;
  ids.merge = ok(
    await b.owner.post(api('/contacts/merge'), { survivorId: third.id, mergedId: fourth.id, fields: {} }),
    'merge',
  ).id;
});
afterAll(() => t.close());

/** Which of B's objects each route parameter names, by the path segment before it. */
function idsFor(url: string): Record<string, string | number> {
  const params: Record<string, string | number> = {};
  const parts = url.split('/');
  parts.forEach((part, i) => {
    if (!part.startsWith(':') || part === ':org') return;
    const key = `${parts[i - 1]}/${part}`;
    const known: Record<string, string | number | undefined> = {
      'contacts/:id': ids.contact,
      'tags/:tagId': ids.tag,
      'custom-fields/:fieldId': ids.field,
      'relationships/:relationshipId': ids.relationship,
      'gifts/:giftId': ids.gift,
      'segments/:id': ids.segment,
      'import-mappings/:id': ids.mapping,
      'imports/:id': ids.import,
      'tokens/:id': ids.token,
      'invitations/:id': ids.invitation,
      'members/:userId': ids.member,
      'scans/:scanId': ids.scan,
      'duplicates/:id': ids.candidate,
      'merges/:id': ids.merge,
      'projects/:projectId': ids.project,
      'allocations/:allocationId': ids.allocation,
      'expenses/:expenseId': ids.expense,
      'transfers/:transferId': ids.transfer,
      'goods/:movementId': ids.movement,
      'deliveries/:deliveryId': ids.delivery,
      'refunds/:refundId': ids.refund,
      'campaigns/:campaignId': ids.campaign,
      'forms/:formId': ids.form,
      'mailings/:mailingId': ids.mailing,
      'sms-templates/:templateId': ids.smsTemplate,
      'sms-sends/:sendId': ids.smsSend,
      'email-suppressions/:email': 'b-suppressed@example.org',
      'responses/:responseId': ids.formResponse,
      'files/:key': 'phone',
      'matching-funds/:fundId': ids.matchingFund,
      'receipts/:receiptId': ids.receipt,
      'bank-transfers/:orderId': ids.bankOrder,
      'monthly-gifts/:id': ids.monthlyGift,
      'pledges/:id': ids.pledge,
      'partnerships/:id': ids.partnership,
      'hosted-campaigns/:id': ids.hostedCampaign,
      'payments/:giftId': ids.gift,
      'opportunities/:opportunityId': ids.opportunity,
      'shifts/:shiftId': ids.shift,
      'signups/:signupId': ids.signup,
    };
    const value = known[key];
    if (value === undefined) throw new Error(`tenant-isolation test: no id for ${key} in ${url}; add one`);
    params[part.slice(1)] = value;
  });
  return params;
}

/** A valid body for each write, pointing at B's objects wherever it names one. */
function bodyFor(method: string, url: string): unknown {
  const bodies: Record<string, unknown> = {
    'PATCH /api/orgs/:org': { name: '改名' },
    'PATCH /api/orgs/:org/members/:userId': { role: 'viewer' },
    'POST /api/orgs/:org/invitations': { email: 'x@example.org', role: 'viewer' },
    'POST /api/orgs/:org/tokens': { name: 'x', role: 'viewer' },
    'POST /api/orgs/:org/contacts': { name: '甲' },
    'PATCH /api/orgs/:org/contacts/:id': { name: '改名' },
    'PUT /api/orgs/:org/contacts/:id/tags': { tags: ['x'] },
    'POST /api/orgs/:org/tags': { name: 'x' },
    'PATCH /api/orgs/:org/tags/:tagId': { name: 'y' },
    'POST /api/orgs/:org/custom-fields': { key: 'k', label: 'k', type: 'text' },
    'PATCH /api/orgs/:org/custom-fields/:fieldId': { label: 'z' },
    'POST /api/orgs/:org/contacts/:id/relationships': { relatedContactId: ids.spare, type: 'household' },
    'POST /api/orgs/:org/contacts/:id/notes': { body: '备注' },
    'POST /api/orgs/:org/contacts/:id/erase': {},
    'POST /api/orgs/:org/gifts': {
      contactId: ids.contact,
      amount: 100,
      receivedAt: '2025-01-01T00:00:00Z',
      channel: 'x',
    },
    'PATCH /api/orgs/:org/gifts/:giftId': { amount: 200 },
    'POST /api/orgs/:org/pledges': {
      contactId: ids.contact,
      amount: 100,
      pledgedOn: '2026-01-01',
      dueOn: '2026-02-01',
    },
    'PATCH /api/orgs/:org/pledges/:id': { amount: 200 },
    'POST /api/orgs/:org/pledges/:id/cancel': { reason: '取消' },
    'POST /api/orgs/:org/pledges/:id/payments': { giftId: ids.gift },
    'PUT /api/orgs/:org/public-fundraising': { certificate: 'X-1' },
    'POST /api/orgs/:org/partnerships/:id/accept': {},
    'POST /api/orgs/:org/partnerships/:id/end': {},
    'POST /api/orgs/:org/hosted-campaigns/:id/submit': {},
    'POST /api/orgs/:org/partnerships': { partnerSlug: b.slug, projectId: ids.project },
    'POST /api/orgs/:org/hosted-campaigns': { partnershipId: ids.partnership, slug: 'x-hosted', copy: { title: 'x' } },
    'PATCH /api/orgs/:org/hosted-campaigns/:id': { copy: { title: '改' } },
    'POST /api/orgs/:org/hosted-campaigns/:id/updates': { title: '进展', body: '<p>进展</p>', notifyDonors: false },
    'POST /api/orgs/:org/contacts/:id/consents': {
      channel: 'email',
      purpose: 'newsletter',
      status: 'granted',
      source: 'staff',
      evidence: { type: 'staff_entry', text: '电话确认' },
    },
    'POST /api/orgs/:org/duplicates/scan': {},
    'POST /api/orgs/:org/duplicates/:id/dismiss': {},
    'POST /api/orgs/:org/contacts/merge': { survivorId: ids.contact, mergedId: ids.contact2, fields: {} },
    'POST /api/orgs/:org/merges/:id/undo': {},
    'POST /api/orgs/:org/segments': { name: 'x', definition: { field: 'kind', op: 'is', value: 'person' } },
    'POST /api/orgs/:org/segments/preview': { definition: { field: 'kind', op: 'is', value: 'person' } },
    'PATCH /api/orgs/:org/segments/:id': { name: 'y' },
    'PUT /api/orgs/:org/imports/:id/mapping': { columns: [{ header: '姓名', field: 'name' }] },
    'PATCH /api/orgs/:org/imports/:id/mapping': { columns: [{ header: '姓名', field: 'name' }] },
    'POST /api/orgs/:org/imports/:id/dry-run': {},
    'POST /api/orgs/:org/imports/:id/start': {},
    'POST /api/orgs/:org/import-mappings': { name: 'x', mapping: { columns: [{ header: '姓名', field: 'name' }] } },
    'PUT /api/orgs/:org/import-mappings/:id': { name: 'y', mapping: { columns: [{ header: '姓名', field: 'name' }] } },
    'POST /api/orgs/:org/refunds/:refundId/void': {},
    'POST /api/orgs/:org/allocations/:allocationId/void': {},
    'POST /api/orgs/:org/expenses/:expenseId/void': {},
    'POST /api/orgs/:org/transfers/:transferId/void': {},
    'POST /api/orgs/:org/goods/:movementId/void': {},
    'POST /api/orgs/:org/deliveries/:deliveryId/void': {},
    'POST /api/orgs/:org/projects': { slug: 'a-project', name: '甲方项目' },
    'PATCH /api/orgs/:org/projects/:projectId': { name: '改名' },
    'POST /api/orgs/:org/projects/:projectId/budget-lines': { name: '交通', amount: 100 },
    'POST /api/orgs/:org/gifts/:giftId/refunds': { amount: 1, refundedAt: '2025-09-09T00:00:00Z' },
    'POST /api/orgs/:org/gifts/:giftId/online-refunds': { amount: 1, reason: '退款' },
    'POST /api/orgs/:org/payment-settings/check': { provider: 'wechat' },
    'POST /api/orgs/:org/forms': { title: '甲方表单', fields: [{ key: 'q', type: 'text', label: '问题' }] },
    'PATCH /api/orgs/:org/forms/:formId': { title: '改名' },
    'POST /api/orgs/:org/mailings': { name: '甲方通讯' },
    'POST /api/orgs/:org/mailings/preview': { subject: '甲', content: { editor: 'blocks', blocks: [] } },
    'POST /api/orgs/:org/mailings/audience': { audience: { tags: ['甲'] }, purpose: 'newsletter' },
    'PATCH /api/orgs/:org/mailings/:mailingId': { name: '改名' },
    'POST /api/orgs/:org/mailings/:mailingId/test': { emails: ['x@example.org'] },
    'POST /api/orgs/:org/mailings/:mailingId/send': {},
    'POST /api/orgs/:org/mailings/:mailingId/pause': {},
    'POST /api/orgs/:org/mailings/:mailingId/resume': {},
    'POST /api/orgs/:org/mailings/:mailingId/cancel': {},
    'POST /api/orgs/:org/mailings/:mailingId/unschedule': {},
    'POST /api/orgs/:org/email-suppressions': { email: 'x@example.org' },
    'PUT /api/orgs/:org/sms-settings': { quietHours: { start: '22:00', end: '07:00' } },
    'POST /api/orgs/:org/sms-templates': {
      name: '甲方模板',
      signName: '甲方',
      templateCode: 'SMS_2',
      text: '您好',
      params: [],
    },
    'POST /api/orgs/:org/sms-templates/preview': { signName: '甲方', text: '您好' },
    'PATCH /api/orgs/:org/sms-templates/:templateId': { name: '改名' },
    'POST /api/orgs/:org/sms-sends': { name: '甲方短信' },
    'POST /api/orgs/:org/sms-sends/audience': { audience: { tags: ['甲'] }, purpose: 'newsletter' },
    'PATCH /api/orgs/:org/sms-sends/:sendId': { name: '改名' },
    'POST /api/orgs/:org/sms-sends/:sendId/send': {},
    'POST /api/orgs/:org/sms-sends/:sendId/pause': {},
    'POST /api/orgs/:org/sms-sends/:sendId/resume': {},
    'POST /api/orgs/:org/sms-sends/:sendId/cancel': {},
    'POST /api/orgs/:org/sms-sends/:sendId/unschedule': {},
    'POST /api/orgs/:org/forms/:formId/open': {},
    'POST /api/orgs/:org/forms/:formId/close': {},
    'POST /api/orgs/:org/forms/:formId/responses/:responseId/sync': {},
    'POST /api/orgs/:org/forms/:formId/responses/:responseId/ignore': {},
    'POST /api/orgs/:org/volunteers/opportunities': { title: '甲方活动', formId: ids.volunteerForm },
    'PATCH /api/orgs/:org/volunteers/opportunities/:opportunityId': { title: '改名' },
    'POST /api/orgs/:org/volunteers/opportunities/:opportunityId/publish': {},
    'POST /api/orgs/:org/volunteers/opportunities/:opportunityId/close': {},
    'POST /api/orgs/:org/volunteers/opportunities/:opportunityId/shifts': {
      startsAt: '2099-05-01T01:00:00Z',
      endsAt: '2099-05-01T05:00:00Z',
    },
    'PATCH /api/orgs/:org/volunteers/opportunities/:opportunityId/shifts/:shiftId': { title: '改名' },
    'POST /api/orgs/:org/volunteers/opportunities/:opportunityId/signups': {
      shiftId: ids.shift,
      contactId: ids.contact,
    },
    'POST /api/orgs/:org/volunteers/signups/check-in': { signupIds: [ids.signup] },
    'POST /api/orgs/:org/volunteers/signups/:signupId/cancel': {},
    'POST /api/orgs/:org/volunteers/signups/:signupId/check-in': {},
    'POST /api/orgs/:org/volunteers/signups/:signupId/check-out': {},
    'POST /api/orgs/:org/volunteers/signups/:signupId/no-show': {},
    'POST /api/orgs/:org/volunteers/signups/:signupId/hours': { minutes: 60 },
    'POST /api/orgs/:org/campaigns': { slug: 'a-campaign', projectId: ids.project, copy: { title: '甲方' } },
    'PATCH /api/orgs/:org/campaigns/:campaignId': { goal: 100 },
    'POST /api/orgs/:org/campaigns/:campaignId/submit': {},
    'POST /api/orgs/:org/campaigns/:campaignId/review': { decision: 'approve' },
    'POST /api/orgs/:org/campaigns/:campaignId/close': {},
    'POST /api/orgs/:org/campaigns/:campaignId/matching-funds': {
      sponsorContactId: ids.contact,
      sponsorName: '甲方企业',
      cap: 100,
      receivedAt: '2025-09-09T00:00:00Z',
    },
    'PATCH /api/orgs/:org/campaigns/:campaignId/matching-funds/:fundId': { active: false },
    'POST /api/orgs/:org/gifts/:giftId/receipt': {},
    'POST /api/orgs/:org/campaigns/:campaignId/updates': { title: '甲', body: '<p>甲</p>' },
    'PATCH /api/orgs/:org/receipts/:receiptId': { officialReceiptNo: '甲' },
    'PUT /api/orgs/:org/payment-settings': { bankAccount: null },
    'POST /api/orgs/:org/monthly-gifts/:id/changes': { action: 'pause', months: null },
    'POST /api/orgs/:org/bank-transfers/reconcile': {
      lines: [{ bankTransactionId: 'X', amount: 500, memo: 'x', postedAt: '2025-09-09T00:00:00Z' }],
    },
    'POST /api/orgs/:org/bank-transfers/:orderId/confirm': {
      bankTransactionId: 'X',
      amount: 500,
      receivedAt: '2025-09-09T00:00:00Z',
    },
    'POST /api/orgs/:org/allocations': {
      projectId: ids.project,
      amount: 1,
      allocatedAt: '2025-09-09T00:00:00Z',
      giftIds: [ids.gift],
    },
    'POST /api/orgs/:org/expenses': {
      projectId: ids.project,
      payeeCategory: '物资采购',
      amount: 1,
      paidAt: '2025-09-09T00:00:00Z',
      invoiceId: ids.attachment,
    },
    'POST /api/orgs/:org/transfers': {
      direction: 'sent',
      projectId: ids.project,
      partnerName: '伙伴',
      amount: 1,
      transferredAt: '2025-09-09T00:00:00Z',
    },
    'POST /api/orgs/:org/goods': {
      direction: 'out',
      item: '书',
      unit: '册',
      quantity: 1,
      value: 100,
      store: '乙仓',
      projectId: ids.project,
      movedAt: '2025-09-09T00:00:00Z',
    },
    'POST /api/orgs/:org/deliveries': {
      projectId: ids.project,
      beneficiaryRef: 'B-2',
      aid: '书',
      value: 1,
      deliveredAt: '2025-09-09T00:00:00Z',
      acknowledgementId: ids.attachment,
    },
  };
  if (method === 'GET' || method === 'DELETE') return undefined;
  const key = `${method} ${url}`;
  if (!(key in bodies)) throw new Error(`tenant-isolation test: no sample body for ${key}; add one`);
  return bodies[key];
}

const fill = (url: string, slug: string, params: Record<string, string | number>) =>
  url.replace(':org', slug).replace(/:(\w+)/g, (_, name: string) => String(params[name]));

async function call(route: Route, slug: string) {
  const url = fill(route.url, slug, idsFor(route.url));
  if (route.method === 'POST' && route.url === '/api/orgs/:org/imports') {
    return uploadFile(t.app, url, tokenA, 'a.csv', Buffer.from(csvText([['姓名'], ['甲']])));
  }
  if (route.method === 'POST' && route.url === '/api/orgs/:org/attachments') {
    return uploadFile(t.app, url, tokenA, 'a.pdf', Buffer.from('甲方文件'));
  }
  if (route.method === 'POST' && route.url === '/api/orgs/:org/media') {
    return uploadFile(t.app, url, tokenA, 'a.gif', Buffer.from('GIF89a'));
  }
  return a.owner.request(route.method as 'GET', url, bodyFor(route.method, route.url));
}

describe('tenant isolation', () => {
  it('found the organization routes', () => {
    expect(routes.length).toBeGreaterThan(60);
  });

  it("answers 404 when a member of A uses B's slug, on every route", async () => {
    const leaks: string[] = [];
    for (const route of routes) {
      const response = await call(route, b.slug);
      if (response.status !== 404) leaks.push(`${route.method} ${route.url} -> ${response.status}`);
    }
    expect(leaks).toEqual([]);
  });

  it("answers 404 for B's ids under A's own slug, on every route that takes an id", async () => {
    const leaks: string[] = [];
    const withIds = routes.filter(
      (r) =>
        /:(?!org\b)\w+/.test(r.url) ||
        /merge$|\/gifts$|relationships$/.test(r.url) ||
        // Fund-flow writes name B's project, gifts and files in their bodies.
        (r.method === 'POST' && /(allocations|expenses|transfers|goods|deliveries|campaigns)$/.test(r.url)) ||
        // Volunteer writes that name B's form or signups in their bodies.
        (r.method === 'POST' && /volunteers\/(opportunities|signups\/check-in)$/.test(r.url)),
    );
    for (const route of withIds) {
      const response = await call(route, a.slug);
      if (response.status !== 404)
        leaks.push(`${route.method} ${route.url} -> ${response.status} ${JSON.stringify(response.body).slice(0, 120)}`);
    }
    expect(leaks).toEqual([]);
  });

  it("left B's data untouched", async () => {
    const contact = await b.owner.get(`/api/orgs/${b.slug}/contacts/${ids.contact}`);
    expect(contact.body.name).toBe('乙方联系人');
    expect(contact.body.giftCount).toBe(1);
    expect((await b.owner.get(`/api/orgs/${b.slug}`)).body.name).toBe(b.org.name);
  });
});
