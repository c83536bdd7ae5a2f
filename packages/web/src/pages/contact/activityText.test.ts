import { describe, expect, it } from 'vitest';
import { translate, type Locale } from '../../i18n/translate';
import { activityText, knownActivityTypes, type ActivityLine } from './activityText';

const say = (locale: Locale, activity: Omit<ActivityLine, 'summary'> & { summary?: string }) =>
  activityText((key, vars) => translate(locale, key, vars), { summary: 'stored summary', ...activity });

// One row per server activity type, with the data the server stores for it.
const cases: [Omit<ActivityLine, 'summary'>, string, string][] = [
  [{ type: 'created', data: { source: 'manual' } }, '新建联系人', 'Contact created'],
  [
    { type: 'updated', data: { fields: ['phone', 'provinceCode', 'custom.occupation'] } },
    '修改了：手机、省、occupation',
    'Updated: Phone, Province, occupation',
  ],
  [{ type: 'tag_added', data: { tagId: 1, tag: '月捐' } }, '添加标签：月捐', 'Tag added: 月捐'],
  [{ type: 'tag_removed', data: { tagId: 1, tag: '理事会' } }, '移除标签：理事会', 'Tag removed: 理事会'],
  [{ type: 'note', data: { noteId: 3 } }, '添加了备注', 'Note added'],
  [
    { type: 'relationship_added', data: { relationshipId: 1, type: 'spouse', contactId: 42 } },
    '添加关系：配偶（联系人 #42）',
    'Relationship added: Spouse (contact #42)',
  ],
  [
    { type: 'relationship_removed', data: { relationshipId: 1, type: 'employer' } },
    '删除关系：雇主/工作单位',
    'Relationship removed: Employer',
  ],
  [{ type: 'erased', data: {} }, '个人信息已删除', 'Personal data erased'],
  [
    { type: 'gift', data: { giftId: 1, amount: 123456, currency: 'CNY', kind: 'money', channel: 'wechat_pay' } },
    '收到捐赠 ¥1,234.56，渠道：微信支付',
    'Gift received: ¥1,234.56, via WeChat Pay',
  ],
  [
    { type: 'gift_updated', data: { giftId: 1, fields: ['amount', 'receivedAt'] } },
    '更正了捐赠：金额、日期',
    'Gift corrected: Amount, Date',
  ],
  [
    { type: 'gift_deleted', data: { giftId: 1, amount: 5000, currency: 'USD', kind: 'money' } },
    '删除了一笔 $50.00 的捐赠',
    'Gift of $50.00 deleted',
  ],
  [
    { type: 'consent', data: { channel: 'sms', purpose: 'fundraising', status: 'granted', source: 'staff' } },
    '同意通过短信联系，用途：筹款',
    'Consent granted: SMS, for Fundraising',
  ],
  [
    { type: 'import', data: { importId: 7, line: 2, fileName: '捐赠人.csv', created: true } },
    '由导入文件“捐赠人.csv”新建',
    'Created by importing "捐赠人.csv"',
  ],
  [
    { type: 'contact.merged', data: { mergeId: 1, mergedId: 9, mergedName: '张三', moved: {} } },
    '合并了联系人 #9（张三）',
    'Merged contact #9 (张三) into this one',
  ],
  [
    { type: 'contact.merge_undone', data: { mergeId: 1, mergedId: 9 } },
    '撤销了与联系人 #9 的合并',
    'Undid the merge with contact #9',
  ],
  [
    {
      type: 'pledge',
      data: { pledgeId: 1, action: 'create', amount: 1_000_000, currency: 'CNY', dueOn: '2027-03-31' },
    },
    '认捐 ¥10,000.00，约定 2027-03-31 前到账',
    'Pledged ¥10,000.00, due by 2027-03-31',
  ],
  [
    { type: 'monthly_gift', data: { monthlyGiftId: 1, action: 'pause', months: 2, currency: 'CNY', by: 'donor' } },
    '月捐暂停 2 个月（捐赠人自己操作）',
    'Monthly gift paused for 2 months (by the donor)',
  ],
  [
    {
      type: 'volunteer',
      data: { action: 'hours', signupId: 1, opportunityTitle: '春季植树', shiftTitle: '上午', minutes: 150 },
    },
    '志愿活动「春季植树」记录服务时长 2 小时 30 分钟',
    'Volunteering "春季植树": 2 h 30 min of service logged',
  ],
];

describe('activityText', () => {
  it('words every server activity type in both languages', () => {
    expect(new Set(cases.map(([a]) => a.type))).toEqual(new Set(knownActivityTypes));
    for (const [activity, zh, en] of cases) {
      expect(say('zh-CN', activity), activity.type).toBe(zh);
      expect(say('en', activity), activity.type).toBe(en);
    }
  });

  it('words each change to a volunteer place', () => {
    const place = (action: string) =>
      say('zh-CN', { type: 'volunteer', data: { action, opportunityTitle: '河道清洁' } });
    expect(place('signed_up')).toBe('报名了志愿活动「河道清洁」');
    expect(place('waitlisted')).toBe('报名了志愿活动「河道清洁」（候补）');
    expect(place('promoted')).toBe('志愿活动「河道清洁」从候补转为正式报名');
    expect(place('cancelled')).toBe('取消了志愿活动「河道清洁」的报名');
    expect(place('checked_in')).toBe('志愿活动「河道清洁」签到');
    expect(place('no_show')).toBe('志愿活动「河道清洁」未到场');
    expect(say('en', { type: 'volunteer', data: { action: 'checked_in', opportunityTitle: 'River clean-up' } })).toBe(
      'Checked in at volunteering "River clean-up"',
    );
    expect(say('zh-CN', { type: 'volunteer', data: { action: 'moved', opportunityTitle: '河道清洁' } })).toBe(
      '志愿服务有变化',
    );
  });

  it('words each monthly gift change and a cancelled pledge', () => {
    const monthly = (data: Record<string, unknown>) => say('zh-CN', { type: 'monthly_gift', data });
    expect(monthly({ action: 'start', amount: 5000, currency: 'CNY' })).toBe('开始月捐，每月 ¥50.00');
    expect(monthly({ action: 'change-amount', amount: 8000, currency: 'CNY', by: 'staff' })).toBe(
      '月捐金额改为每月 ¥80.00',
    );
    expect(monthly({ action: 'pause', months: null })).toBe('月捐暂停，直到恢复');
    expect(monthly({ action: 'resume' })).toBe('月捐已恢复');
    expect(monthly({ action: 'cancel', by: 'donor' })).toBe('月捐已取消（捐赠人自己操作）');
    expect(say('en', { type: 'pledge', data: { action: 'cancel', amount: 500, currency: 'CNY' } })).toBe(
      'Pledge of ¥5.00 cancelled',
    );
  });

  it('words the variants: in-kind, a free-text channel, withdrawal, import update, erased partner', () => {
    const inKind = { amount: 20000, currency: 'CNY', kind: 'in_kind', channel: '邮寄' };
    expect(say('zh-CN', { type: 'gift', data: inKind })).toBe('收到物资捐赠，估值 ¥200.00，渠道：邮寄');
    expect(say('en', { type: 'gift', data: inKind })).toBe('In-kind gift received, valued at ¥200.00, via 邮寄');
    const withdrawn = { channel: 'email', purpose: '年报', status: 'withdrawn' };
    expect(say('zh-CN', { type: 'consent', data: withdrawn })).toBe('撤回了通过邮件联系的同意，用途：年报');
    expect(say('en', { type: 'consent', data: withdrawn })).toBe('Consent withdrawn: Email, for 年报');
    const update = { fileName: 'a.xlsx', created: false };
    expect(say('zh-CN', { type: 'import', data: update })).toBe('由导入文件“a.xlsx”更新');
    expect(say('en', { type: 'import', data: update })).toBe('Updated by importing "a.xlsx"');
    const erasedOther = { relationshipId: 1, type: 'spouse', otherErased: true };
    expect(say('zh-CN', { type: 'relationship_removed', data: erasedOther })).toBe('删除关系：对方的个人信息已删除');
    const dropped = { fields: ['custom.birthday'], customFieldDeleted: true, label: '生日' };
    expect(say('zh-CN', { type: 'updated', data: dropped })).toBe('自定义字段“生日”已删除，其中保存的值一并清除');
    expect(say('en', { type: 'updated', data: dropped })).toBe(
      'Custom field "生日" was deleted, with the value stored in it',
    );
  });

  it("falls back to the type's plain name when the data is gone, as for an erased contact", () => {
    for (const type of knownActivityTypes) {
      expect(say('zh-CN', { type, summary: type, data: {} })).not.toBe(type);
      expect(say('en', { type, summary: type, data: {} })).not.toBe(type);
    }
    expect(say('zh-CN', { type: 'gift', data: {} })).toBe('收到捐赠');
    expect(say('en', { type: 'import', data: { importId: 1, line: 2 } })).toBe('Created or updated by an import');
  });

  it('shows the stored summary for types it does not know', () => {
    expect(say('zh-CN', { type: 'visit', summary: '拜访，介绍 春苗助学金', data: {} })).toBe('拜访，介绍 春苗助学金');
    expect(say('en', { type: 'toString', summary: 'x', data: {} })).toBe('x');
  });
});
