import { between, DAY_MS } from './calendar.ts';
import type { DemoGift } from './gifts.ts';
import type { Random } from './random.ts';

export interface DemoNote {
  contact: number;
  body: string;
  /** Index into the staff list, or null for the owner. */
  author: number | null;
  createdAt: Date;
}

export interface DemoActivity {
  contact: number;
  at: Date;
  type: string;
  summary: string;
  data: Record<string, unknown>;
  /** Index into the gift list, resolved to the gift id when seeding. */
  gift?: number;
}

export interface DemoConsent {
  contact: number;
  channel: 'email' | 'sms' | 'wechat' | 'phone' | 'post';
  purpose: string;
  status: 'granted' | 'withdrawn';
  source: 'form' | 'import' | 'staff' | 'api' | 'unsubscribe';
  evidence: Record<string, unknown>;
  recordedAt: Date;
}

const noteTemplates = [
  '电话回访：对{campaign}的进展很关心，希望收到季度项目报告。',
  '在线下活动中认识，愿意介绍同事参与月捐。',
  '要求开具公益事业捐赠统一票据，已转财务。',
  '更换了手机号，已更新联系方式。',
  '表示今年预算紧张，明年再考虑续捐。',
  '参加了乡村学校探访，反馈很好，可邀请做分享嘉宾。',
  '希望只通过微信联系，不要打电话。',
  '是理事会成员推荐的潜在大额捐赠人，需要理事长面谈。',
  '企业社会责任负责人，正在讨论明年的员工志愿者活动。',
  '询问捐款用途，已发送财务公示链接。',
];

const events = [
  ['event', '参加 乡村阅读志愿者培训'],
  ['event', '参加 年度捐赠人答谢会'],
  ['call', '电话回访，感谢捐赠'],
  ['email', '发送 项目季度报告'],
  ['wechat', '微信推送 项目进展'],
  ['visit', '拜访，介绍 春苗助学金'],
] as const;

const money = (fen: number) => `¥${(fen / 100).toFixed(2)}`;

/** Notes and timeline entries for one contact, consistent with their gifts. */
export function timelineFor(
  random: Random,
  contact: number,
  createdAt: Date,
  today: Date,
  gifts: { gift: DemoGift; index: number }[],
  staffCount: number,
): { notes: DemoNote[]; activities: DemoActivity[] } {
  const activities: DemoActivity[] = [
    { contact, at: createdAt, type: 'created', summary: '新建联系人', data: {} },
    ...gifts.map(({ gift, index }) => ({
      contact,
      at: gift.receivedAt,
      type: 'gift',
      summary:
        gift.kind === 'in_kind'
          ? `物资捐赠：${gift.inKindDescription}（估值 ${money(gift.amount)}）`
          : `捐赠 ${money(gift.amount)}，${gift.channel}${gift.campaign ? `（${gift.campaign}）` : ''}`,
      data: { amount: gift.amount, currency: gift.currency, kind: gift.kind, channel: gift.channel },
      gift: index,
    })),
  ];
  const notes: DemoNote[] = [];
  const span = Math.max(DAY_MS, today.getTime() - createdAt.getTime());
  const later = () => between(random, new Date(createdAt.getTime() + Math.min(DAY_MS, span)), today);
  for (
    let i = random.weighted([
      [0, 6],
      [1, 3],
      [2, 1],
    ] as const);
    i > 0;
    i--
  ) {
    const [type, summary] = random.pick(events);
    activities.push({ contact, at: later(), type, summary, data: {} });
  }
  if (random.chance(0.18)) {
    const campaign = gifts.find((g) => g.gift.campaign)?.gift.campaign ?? '乡村儿童阅读计划';
    const at = later();
    const body = random.pick(noteTemplates).replace('{campaign}', campaign);
    notes.push({
      contact,
      body,
      author: staffCount > 0 && random.chance(0.7) ? random.int(0, staffCount - 1) : null,
      createdAt: at,
    });
    activities.push({ contact, at, type: 'note', summary: body.slice(0, 40), data: {} });
  }
  return { notes, activities };
}

const consentTexts = {
  sms: '我同意青禾公益基金会通过短信向我发送项目进展和募捐信息，可随时回复 TD 退订。',
  email: '我同意通过电子邮件接收青禾公益的项目通讯，可随时点击邮件底部链接退订。',
  wechat: '我同意青禾公益通过微信向我推送项目进展。',
} as const;

/** Consent records with evidence; some are later withdrawn, which leaves both records as history. */
export function consentsFor(
  random: Random,
  contact: number,
  has: { phone: boolean; email: boolean; wechat: boolean },
  createdAt: Date,
  today: Date,
): DemoConsent[] {
  const records: DemoConsent[] = [];
  const wanted = [
    ...(has.phone && random.chance(0.7) ? [['sms', 'fundraising'] as const] : []),
    ...(has.email && random.chance(0.6) ? [['email', 'newsletter'] as const] : []),
    ...(has.wechat && random.chance(0.5) ? [['wechat', 'newsletter'] as const] : []),
  ];
  for (const [channel, purpose] of wanted) {
    const source = random.weighted([
      ['form', 5],
      ['import', 3],
      ['staff', 2],
    ] as const);
    const evidence =
      source === 'form'
        ? {
            type: 'form_submission',
            ref: `form-${createdAt.getUTCFullYear()}-${random.digits(5)}`,
            text: consentTexts[channel],
          }
        : source === 'import'
          ? { type: 'import_file', ref: '腾讯公益捐赠记录导出.xlsx', text: '捐赠时勾选“愿意接收机构反馈”' }
          : { type: 'staff_entry', ref: '电话记录', text: '电话中口头同意，工作人员记录' };
    records.push({ contact, channel, purpose, status: 'granted', source, evidence, recordedAt: createdAt });
    if (random.chance(0.08)) {
      records.push({
        contact,
        channel,
        purpose,
        status: 'withdrawn',
        source: 'unsubscribe',
        evidence: { type: 'unsubscribe', ref: channel === 'sms' ? '回复 TD' : '退订链接', text: '本人申请退订' },
        recordedAt: between(random, createdAt, today),
      });
    }
  }
  return records;
}
