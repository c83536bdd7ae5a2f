import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { sandboxAgreementId, signSandboxCallback } from '../adapters/payments/index.ts';
import type { AppDeps } from '../http/deps.ts';
import type { OrgContext } from '../http/authorize.ts';
import { createContact } from '../modules/contacts/index.ts';
import {
  createCampaign,
  createMatchingFund,
  givingDeps,
  handlePaymentCallback,
  postUpdate,
  reviewCampaign,
  startGift,
  submitCampaign,
} from '../modules/fundraising/index.ts';
import { projects } from '../modules/projects/index.ts';
import { DAY_MS } from './calendar.ts';

export const DEMO_CAMPAIGN = 'reading-2026';

const story = [
  '<h2>一本书，能带一个孩子走多远？</h2>',
  '<p>在云南、贵州的很多乡村小学，孩子们能读到的只有课本。学校没有图书角，老师也没有时间带孩子读书。</p>',
  '<p>“乡村儿童阅读计划”为每所学校建一个图书角：<strong>200 册适龄图书、两个书架</strong>，并培训一位老师每周带孩子读书。</p>',
  '<h3>你的捐赠会怎样使用</h3>',
  '<ul><li>50 元：为图书角添 2 本新书</li><li>200 元：一个班一学期的阅读课材料</li><li>5,000 元：一所学校的整个图书角</li></ul>',
  '<p>每一笔捐赠都有追踪码：你可以看到它被拨付到哪个项目、用于哪一笔支出，并在自己的浏览器里核验。</p>',
].join('');

const donors = [
  { name: '陈思远', phone: '13812340001', amount: 5000, anonymous: false, sms: true },
  { name: '刘晓燕', phone: '13912340002', amount: 20000, anonymous: false, sms: false },
  { name: '赵一鸣', phone: '13712340003', amount: 10000, anonymous: true, sms: false },
  { name: '孙丽华', phone: '13612340004', amount: 50000, anonymous: false, sms: true },
  { name: '周子涵', phone: '13512340005', amount: 2000, anonymous: false, sms: false },
  { name: '吴建国', phone: '18812340006', amount: 100000, anonymous: false, sms: false },
  { name: '郑雨桐', phone: '18612340007', amount: 5000, anonymous: true, sms: true },
  { name: '王思琪', phone: '15012340008', amount: 8800, anonymous: false, sms: false },
  // Monthly donors (月捐), so the console's monthly list and a donor's own page have something to show.
  { name: '林晓光', phone: '13312340009', amount: 3000, anonymous: false, sms: false, monthly: true },
  { name: '黄嘉怡', phone: '13212340010', amount: 5000, anonymous: false, sms: true, monthly: true },
];

/**
 * A live campaign for the reading project, with a few online gifts paid through the sandbox provider
 * exactly as a donor's would be (form, order, signed callback), so the demo's giving page has a
 * progress bar, recent gifts and tracking codes. Skipped when the instance offers no sandbox.
 */
export async function seedDemoCampaign(
  deps: Pick<AppDeps, 'db' | 'clock' | 'config' | 'payments'>,
  ctx: OrgContext,
  log: Pick<FastifyBaseLogger, 'warn'>,
) {
  const all = await deps.db.select().from(projects).where(eq(projects.orgId, ctx.org.id));
  const target = all.find((p) => p.slug === 'reading') ?? all[0];
  if (!target) return;
  const now = deps.clock.now();
  const campaign = await createCampaign(deps.db, ctx, {
    slug: DEMO_CAMPAIGN,
    projectId: target.id,
    copy: {
      title: '让每个乡村孩子都有书读',
      summary: '为云南、贵州的 30 所乡村小学建图书角',
      story,
      coverKey: null,
    },
    plan: {
      filingNumber: '53100000MJ0000000X26001',
      purpose: '为乡村小学建设图书角、培训阅读老师',
      region: '全国',
      personInCharge: '李晓明',
      beneficiaries: '云南、贵州 30 所乡村小学的学生',
      useOfFunds: '图书采购 70%，书架与图书角 20%，运输 5%，教师培训 5%',
      leftoverPlan: '用于本机构其他乡村教育项目',
    },
    goal: 150_000_00,
    presetAmounts: [2000, 5000, 20000, 50000],
    minAmount: 100,
    maxAmount: 5_000_000,
    allowMonthly: true,
    startsAt: new Date(now.getTime() - 20 * DAY_MS).toISOString(),
    endsAt: new Date(now.getTime() + 70 * DAY_MS).toISOString(),
  });
  await submitCampaign(deps.db, ctx, campaign.id);
  const live = await reviewCampaign(deps.db, ctx, campaign.id, { decision: 'approve' });
  // A sponsor matches gifts 1:1 up to ¥5,000 (¥500 per donor), as on 99 Giving Day.
  const sponsor = await createContact(deps.db, ctx, {
    kind: 'organization',
    name: '云南阳光科技有限公司',
    source: 'demo',
  });
  await createMatchingFund(deps.db, ctx, live.id, {
    sponsorContactId: sponsor.contact.id,
    sponsorName: '阳光科技',
    cap: 500_000,
    ratio: { numerator: 1, denominator: 1 },
    perDonorCap: 50_000,
    receivedAt: new Date(now.getTime() - 21 * DAY_MS).toISOString(),
    channel: 'bank_transfer',
    paymentReference: null,
  });
  await postUpdate(deps.db, ctx, live.id, {
    title: '第一批图书角在昆明建成',
    body:
      '<p>感谢每一位捐赠人！首批 6 所学校的图书角已经建成，1,200 册新书上架，6 位老师完成了阅读课培训。</p>' +
      '<p>下一步：为贵州的 12 所学校采购图书。每一笔支出都可以在项目财务公示页核验。</p>',
    notifyDonors: true,
  });
  if (!deps.payments.has('sandbox')) return;
  for (const donor of donors) {
    const started = await startGift(givingDeps(deps), live, {
      submitToken: randomBytes(18).toString('base64url'),
      amount: donor.amount,
      frequency: 'monthly' in donor ? 'monthly' : 'once',
      provider: 'sandbox',
      name: donor.name,
      phone: donor.phone,
      anonymous: donor.anonymous,
      consents: donor.sms ? ['sms'] : [],
    });
    const callback = signSandboxCallback(
      deps.config.SECRET_KEY,
      {
        id: `demo_${randomBytes(9).toString('base64url')}`,
        event: 'paid',
        paymentId: started.order.providerPaymentId ?? 'demo',
        orderNo: started.order.orderNo,
        transactionId: `demo_tx_${randomBytes(9).toString('base64url')}`,
        amount: started.order.amount,
        currency: started.order.currency,
        ...('monthly' in donor
          ? { agreementId: sandboxAgreementId(deps.config.SECRET_KEY, started.order.orderNo) }
          : {}),
        occurredAt: now.toISOString(),
      },
      // Signed at the real present, as the provider's clock is, whatever day the demo is seeded for.
      new Date(),
    );
    await handlePaymentCallback({ ...givingDeps(deps), log }, 'sandbox', callback);
  }
}
