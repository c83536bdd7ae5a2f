import { describe, expect, it } from 'vitest';
import { looksLikeData, suggestMapping } from './headers.ts';

describe('suggestMapping', () => {
  it('maps Chinese and English headers, consent columns and custom fields', () => {
    const headers = [
      '姓名',
      '手机号',
      '电子邮件',
      '微信',
      '省',
      '市',
      '区县',
      '地址',
      '性别',
      '类别',
      '标签',
      '备注',
      '捐赠金额（元）',
      '捐赠日期',
      '渠道',
      '项目',
      '流水号',
      '同意接收短信',
      '接受邮件',
      '校友届别',
      '其它',
    ];
    const columns = suggestMapping(headers, [{ key: 'class_year', label: '校友届别' }]);
    expect(Object.fromEntries(columns.map((c) => [c.header, c.field]))).toEqual({
      姓名: 'name',
      手机号: 'phone',
      电子邮件: 'email',
      微信: 'wechatId',
      省: 'province',
      市: 'city',
      区县: 'district',
      地址: 'address',
      性别: 'gender',
      类别: 'category',
      标签: 'tags',
      备注: 'note',
      '捐赠金额（元）': 'giftAmount',
      捐赠日期: 'giftDate',
      渠道: 'giftChannel',
      项目: 'giftCampaign',
      流水号: 'giftExternalId',
      同意接收短信: 'consent.sms',
      接受邮件: 'consent.email',
      校友届别: 'custom.class_year',
    });
    expect(
      suggestMapping(['Name', 'Mobile', 'E-mail', 'Amount', 'Transaction ID', 'SMS opt-in']).map((c) => c.field),
    ).toEqual(['name', 'phone', 'email', 'giftAmount', 'giftExternalId', 'consent.sms']);
  });

  it('suggests each field once', () => {
    expect(suggestMapping(['电话', '手机']).map((c) => c.header)).toEqual(['电话']);
  });

  it('spots a first row that is data, not headers', () => {
    expect(looksLikeData(['张三', '13800138000'])).toBe(true);
    expect(looksLikeData(['姓名', '手机'])).toBe(false);
    expect(looksLikeData(['foo', 'bar'])).toBe(false);
  });
});
