import { headerKey } from './headers.ts';
import type { MappingInput } from './mapping.ts';

/**
 * Donation exports of the big platforms, recognized by their columns: the mapping is then known
 * (which column is the amount and in fen or yuan, which is the transaction id, the donor's id on the
 * platform), and the gifts are recorded under the platform's channel. Other files get the generic
 * suggestion from column names.
 */
interface PlatformPreset {
  id: 'tencent-gongyi' | 'alipay-gongyi';
  label: string;
  channel: string;
  /** Headers (compared by headerKey) that all must be present. */
  signature: string[];
  /** Header -> field, for the headers present; the amount's unit comes from its header. */
  columns: Record<string, string>;
}

const presets: PlatformPreset[] = [
  {
    id: 'tencent-gongyi',
    label: '腾讯公益',
    channel: 'tencent_gongyi',
    signature: ['捐赠时间', '项目名称', '订单号'],
    columns: {
      捐赠时间: 'giftDate',
      项目名称: 'giftCampaign',
      '捐赠金额(分)': 'giftAmount',
      '捐赠金额(元)': 'giftAmount',
      捐赠金额: 'giftAmount',
      订单号: 'giftExternalId',
      捐赠人昵称: 'name',
      昵称: 'name',
      用户ID: 'donorRef',
      捐赠人ID: 'donorRef',
      手机号: 'phone',
      留言: 'note',
    },
  },
  {
    id: 'alipay-gongyi',
    label: '支付宝公益',
    channel: 'alipay_gongyi',
    signature: ['交易时间', '公益项目', '支付宝交易号'],
    columns: {
      交易时间: 'giftDate',
      公益项目: 'giftCampaign',
      '捐款金额(元)': 'giftAmount',
      '捐款金额(分)': 'giftAmount',
      捐款金额: 'giftAmount',
      支付宝交易号: 'giftExternalId',
      付款人: 'name',
      付款人姓名: 'name',
      付款人ID: 'donorRef',
      支付宝用户ID: 'donorRef',
      手机号: 'phone',
      捐赠留言: 'note',
    },
  },
];

/** Every header as written, with its key (what we compare) and whether it says 分 (fen). */
const describe = (headers: string[]) =>
  headers.map((header) => ({ header, key: headerKey(header), fen: /[(（]\s*分\s*[)）]/.test(header) }));

/** The platform preset the file's columns fit, as a mapping for them; undefined for other files. */
export function platformMapping(
  headers: string[],
): { platform: PlatformPreset['id']; label: string; mapping: MappingInput } | undefined {
  const present = describe(headers);
  const keys = new Set(present.map((p) => p.key));
  const preset = presets.find((p) => p.signature.every((s) => keys.has(headerKey(s))));
  if (!preset) return undefined;
  const wanted = new Map(Object.entries(preset.columns).map(([h, field]) => [headerKey(h), field]));
  const taken = new Set<string>();
  const columns: { header: string; field: string }[] = [];
  let fen = false;
  for (const p of present) {
    const field = wanted.get(p.key);
    if (!field || taken.has(field)) continue;
    taken.add(field);
    columns.push({ header: p.header, field });
    if (field === 'giftAmount') fen = p.fen;
  }
  return {
    platform: preset.id,
    label: preset.label,
    mapping: { columns, policy: 'skip', amountUnit: fen ? 'fen' : 'yuan', defaultChannel: preset.channel },
  };
}
