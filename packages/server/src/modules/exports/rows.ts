import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { divisionByCode } from '../geo/divisions.ts';
import { matchCondition, rowsOf, type ContactQuery } from '../segments/index.ts';
import { currencyDigits } from '../../text/format.ts';

/** One exported contact: every field staff keep about a person, and their giving. */
export interface ExportRow {
  id: number;
  kind: string;
  name: string;
  gender: string | null;
  phone: string | null;
  email: string | null;
  wechatId: string | null;
  provinceCode: string | null;
  cityCode: string | null;
  districtCode: string | null;
  address: string | null;
  postalCode: string | null;
  category: string | null;
  source: string | null;
  tags: string;
  giftCount: number;
  totals: { currency: string; amount: number }[];
  firstGiftAt: string | null;
  lastGiftAt: string | null;
  createdAt: string;
}

const local = (tz: string, column: string) => sql`to_char(${sql.raw(column)} at time zone ${tz}, 'YYYY-MM-DD HH24:MI')`;

/** The next batch of matching contacts after `afterId`, in id order (stable while rows are added). */
export async function exportBatch(
  db: Db,
  orgId: string,
  timezone: string,
  query: ContactQuery,
  afterId: number,
  size: number,
): Promise<ExportRow[]> {
  const rows = await rowsOf<Record<string, unknown>>(
    db,
    sql`select c.id, c.kind, c.name, c.gender, c.phone, c.email, c.wechat_id, c.province_code, c.city_code, c.district_code,
          c.address, c.postal_code, c.category, c.source, ${local(timezone, 'c.created_at')} as created_at,
          coalesce((select string_agg(t.name, ', ' order by t.name collate "C") from contact_tags ct
                    join tags t on t.org_id = ct.org_id and t.id = ct.tag_id
                    where ct.org_id = c.org_id and ct.contact_id = c.id), '') as tags,
          gs.gift_count, ${local(timezone, 'gs.first_gift_at')} as first_gift_at, ${local(timezone, 'gs.last_gift_at')} as last_gift_at,
          coalesce((select json_agg(json_build_object('currency', x.currency, 'amount', x.total) order by x.currency)
                    from (select g.currency, sum(g.amount) as total from gifts g
                          where g.org_id = c.org_id and g.contact_id = c.id group by g.currency) x), '[]'::json) as totals
        from contacts c
        cross join lateral (select count(*) as gift_count, min(g.received_at) as first_gift_at, max(g.received_at) as last_gift_at
                            from gifts g where g.org_id = c.org_id and g.contact_id = c.id) gs
        where ${matchCondition(orgId, query)} and c.id > ${afterId}
        order by c.id limit ${size}`,
  );
  return rows.map((r) => ({
    id: Number(r.id),
    kind: String(r.kind),
    name: String(r.name),
    gender: (r.gender as string | null) ?? null,
    phone: (r.phone as string | null) ?? null,
    email: (r.email as string | null) ?? null,
    wechatId: (r.wechat_id as string | null) ?? null,
    provinceCode: (r.province_code as string | null) ?? null,
    cityCode: (r.city_code as string | null) ?? null,
    districtCode: (r.district_code as string | null) ?? null,
    address: (r.address as string | null) ?? null,
    postalCode: (r.postal_code as string | null) ?? null,
    category: (r.category as string | null) ?? null,
    source: (r.source as string | null) ?? null,
    tags: String(r.tags),
    giftCount: Number(r.gift_count),
    totals: (typeof r.totals === 'string' ? JSON.parse(r.totals) : r.totals) as { currency: string; amount: number }[],
    firstGiftAt: (r.first_gift_at as string | null) ?? null,
    lastGiftAt: (r.last_gift_at as string | null) ?? null,
    createdAt: String(r.created_at),
  }));
}

/** Minor units as a decimal string with the currency's digits, without floating point: 12345 CNY -> "123.45". */
export function formatMinor(amount: number, currency: string): string {
  const digits = currencyDigits(currency);
  if (digits === 0) return String(amount);
  const sign = amount < 0 ? '-' : '';
  const abs = String(Math.abs(amount)).padStart(digits + 1, '0');
  return `${sign}${abs.slice(0, -digits)}.${abs.slice(-digits)}`;
}

const label = (code: string | null) => (code ? (divisionByCode(code)?.name ?? code) : '');

/** Mainland numbers as staff dial them (13812345678); others in E.164. */
const phoneForSheet = (e164: string | null) => (e164 ? (e164.startsWith('+86') ? e164.slice(3) : e164) : '');

export interface ExportColumn {
  key: string;
  zh: string;
  en: string;
  value: (row: ExportRow, currency: string) => string | number;
}

/** The exported columns; `currency` is the organization's, whose total gets its own column. */
export const exportColumns: ExportColumn[] = [
  { key: 'id', zh: '编号', en: 'ID', value: (r) => r.id },
  { key: 'name', zh: '姓名', en: 'Name', value: (r) => r.name },
  { key: 'kind', zh: '类型', en: 'Kind', value: (r) => r.kind },
  { key: 'gender', zh: '性别', en: 'Gender', value: (r) => r.gender ?? '' },
  { key: 'phone', zh: '手机', en: 'Phone', value: (r) => phoneForSheet(r.phone) },
  { key: 'email', zh: '邮箱', en: 'Email', value: (r) => r.email ?? '' },
  { key: 'wechat', zh: '微信', en: 'WeChat', value: (r) => r.wechatId ?? '' },
  { key: 'province', zh: '省份', en: 'Province', value: (r) => label(r.provinceCode) },
  { key: 'city', zh: '城市', en: 'City', value: (r) => label(r.cityCode) },
  { key: 'district', zh: '区县', en: 'District', value: (r) => label(r.districtCode) },
  { key: 'address', zh: '地址', en: 'Address', value: (r) => r.address ?? '' },
  { key: 'postalCode', zh: '邮编', en: 'Postal code', value: (r) => r.postalCode ?? '' },
  { key: 'category', zh: '分类', en: 'Category', value: (r) => r.category ?? '' },
  { key: 'source', zh: '来源', en: 'Source', value: (r) => r.source ?? '' },
  { key: 'tags', zh: '标签', en: 'Tags', value: (r) => r.tags },
  { key: 'giftCount', zh: '捐赠次数', en: 'Gifts', value: (r) => r.giftCount },
  {
    key: 'totalGiven',
    zh: '累计捐赠',
    en: 'Total given',
    value: (r, currency) => formatMinor(r.totals.find((t) => t.currency === currency)?.amount ?? 0, currency),
  },
  {
    key: 'otherCurrencies',
    zh: '其他币种',
    en: 'Other currencies',
    value: (r, currency) =>
      r.totals
        .filter((t) => t.currency !== currency)
        .map((t) => `${t.currency} ${formatMinor(Number(t.amount), t.currency)}`)
        .join('; '),
  },
  { key: 'firstGiftAt', zh: '首次捐赠', en: 'First gift', value: (r) => r.firstGiftAt ?? '' },
  { key: 'lastGiftAt', zh: '最近捐赠', en: 'Last gift', value: (r) => r.lastGiftAt ?? '' },
  { key: 'createdAt', zh: '创建时间', en: 'Created', value: (r) => r.createdAt },
];
