import { consentChannels } from '../consent/tables.ts';
import type { StandardField } from './mapping.ts';

// Header words, compared after lower-casing and removing spaces, punctuation and "(元)"-style units.
const synonyms: Record<Exclude<StandardField, `consent.${string}`>, string[]> = {
  name: [
    '姓名',
    '名字',
    '名称',
    '捐赠人',
    '捐款人',
    '捐赠者',
    '联系人',
    '昵称',
    'name',
    'fullname',
    'donor',
    'donorname',
    'contactname',
  ],
  phone: [
    '手机',
    '手机号',
    '手机号码',
    '电话',
    '电话号码',
    '联系电话',
    '联系方式',
    'mobile',
    'phone',
    'phonenumber',
    'tel',
    'telephone',
    'cellphone',
  ],
  email: ['邮箱', '电子邮件', '电子邮箱', '邮件', 'email', 'emailaddress', 'mail', 'e-mail'],
  wechatId: ['微信', '微信号', 'wechat', 'wechatid', 'weixin'],
  province: ['省份', '省', '所在省份', 'province', 'state'],
  city: ['城市', '市', '所在城市', 'city'],
  district: ['区县', '区', '县', '区/县', 'district', 'county'],
  address: ['地址', '详细地址', '通讯地址', '联系地址', 'address', 'streetaddress'],
  postalCode: ['邮编', '邮政编码', 'postcode', 'postalcode', 'zip', 'zipcode'],
  gender: ['性别', 'gender', 'sex'],
  category: ['类别', '类型', '分类', '身份', 'category', 'type'],
  tags: ['标签', 'tags', 'tag', 'labels'],
  note: ['备注', '说明', '留言', 'note', 'notes', 'remark', 'remarks', 'comment'],
  giftAmount: [
    '捐赠金额',
    '金额',
    '捐款金额',
    '捐赠额',
    '支付金额',
    '实付金额',
    'amount',
    'giftamount',
    'donationamount',
  ],
  giftDate: [
    '捐赠日期',
    '捐款日期',
    '捐赠时间',
    '捐款时间',
    '日期',
    '时间',
    '支付时间',
    'date',
    'giftdate',
    'donationdate',
  ],
  giftChannel: ['渠道', '捐赠渠道', '来源渠道', '支付方式', 'channel', 'paymentmethod'],
  giftCampaign: ['项目', '项目名称', '捐赠项目', '活动', 'campaign', 'project', 'fund'],
  donorRef: [
    '用户id',
    '捐赠人id',
    '付款人id',
    '支付宝用户id',
    '用户编号',
    'openid',
    'donorid',
    'userid',
    'platformuserid',
  ],
  giftExternalId: [
    '交易号',
    '流水号',
    '订单号',
    '交易流水号',
    '交易单号',
    '支付单号',
    'transactionid',
    'transaction',
    'orderid',
    'reference',
  ],
};

const channelWords: Record<(typeof consentChannels)[number], string[]> = {
  sms: ['短信', 'sms', 'text'],
  email: ['邮件', '电子邮件', 'email'],
  wechat: ['微信', 'wechat'],
  phone: ['电话', 'phone', 'call'],
  post: ['邮寄', '信件', 'post', 'mail'],
};

export const headerKey = (header: string) =>
  header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[(（][^)）]*[)）]/g, '')
    .replace(/[\s_\-:：*.]/g, '');

const lookup = new Map<string, StandardField>();
for (const [field, words] of Object.entries(synonyms))
  for (const w of words) lookup.set(headerKey(w), field as StandardField);

/** "同意接收短信", "接受邮件", "consent sms", "sms opt-in" -> the consent channel. */
function consentField(key: string): StandardField | undefined {
  if (!/同意|接收|接受|订阅|consent|optin|subscribe/.test(key)) return undefined;
  for (const [channel, words] of Object.entries(channelWords)) {
    if (words.some((w) => key.includes(w))) return `consent.${channel}` as StandardField;
  }
  return undefined;
}

export interface CustomFieldRef {
  key: string;
  label: string;
}

/**
 * Suggests a field for each header, from Chinese and English names, consent wording and the
 * organization's custom fields (by key or label). A field is suggested for one column only.
 */
export function suggestMapping(headers: string[], customFields: readonly CustomFieldRef[] = []) {
  const taken = new Set<string>();
  const columns: { header: string; field: string }[] = [];
  for (const header of headers) {
    if (!header) continue;
    const key = headerKey(header);
    const custom = customFields.find((f) => headerKey(f.key) === key || headerKey(f.label) === key);
    const field = consentField(key) ?? lookup.get(key) ?? (custom ? `custom.${custom.key}` : undefined);
    if (field && !taken.has(field)) {
      taken.add(field);
      columns.push({ header, field });
    }
  }
  return columns;
}

const dataLike = [/^\+?\d[\d\s-]{6,}$/, /^[^\s@]+@[^\s@]+\.[^\s@]+$/, /^\d{4}[-/年.]\d{1,2}/, /^\d+(\.\d+)?$/];

/**
 * True when a first row looks like data rather than column names: several cells are phone
 * numbers, emails, dates or amounts and no cell is a known header.
 */
export function looksLikeData(cells: string[]): boolean {
  if (suggestMapping(cells).length > 0) return false;
  const dataCells = cells.filter((c) => dataLike.some((p) => p.test(c.trim()))).length;
  return dataCells >= 1;
}
