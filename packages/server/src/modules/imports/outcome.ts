import { csvLine } from './bulk.ts';
import type { ParsedRecord } from './csv.ts';
import { normalizeRow, rejectionReason, type RowContext } from './normalize-row.ts';

export const STAGED_COLUMNS = [
  'org_id',
  'import_id',
  'line',
  'name',
  'name_pinyin',
  'name_initials',
  'gender',
  'phone',
  'email',
  'wechat_id',
  'province_code',
  'city_code',
  'district_code',
  'address',
  'postal_code',
  'category',
  'custom',
  'tags',
  'note',
  'gift_amount',
  'gift_currency',
  'gift_local_time',
  'gift_channel',
  'gift_campaign',
  'gift_external_id',
  'consents',
  'donor_key',
];

/** What became of one record of the file: a staged row (as a COPY line) or a rejection. */
export type Outcome =
  | { kind: 'staged'; line: number; copyLine: string }
  | { kind: 'rejected'; line: number; endLine: number | null; reason: string; raw: string | null };

export interface OutcomeContext extends RowContext {
  orgId: string;
  importId: number;
}

const RAW_LIMIT = 1000;
const rawText = (cells: string[]) => {
  const text = cells.join(',');
  return text.length > RAW_LIMIT ? `${text.slice(0, RAW_LIMIT)}…` : text;
};

/** Normalizes one record. Pure and synchronous, so it runs the same inline and in the worker. */
export function outcomeOf(record: ParsedRecord, ctx: OutcomeContext): Outcome {
  if (record.kind === 'error')
    return { kind: 'rejected', line: record.line, endLine: record.endLine, reason: record.reason, raw: null };
  const normalized = normalizeRow(record.cells, ctx);
  if (!normalized.ok) {
    const reason = rejectionReason(normalized.problems);
    return { kind: 'rejected', line: record.line, endLine: null, reason, raw: rawText(record.cells) };
  }
  const r = normalized.row;
  return {
    kind: 'staged',
    line: record.line,
    copyLine: csvLine([
      ctx.orgId,
      ctx.importId,
      record.line,
      r.name,
      r.namePinyin,
      r.nameInitials,
      r.gender,
      r.phone,
      r.email,
      r.wechatId,
      r.provinceCode,
      r.cityCode,
      r.districtCode,
      r.address,
      r.postalCode,
      r.category,
      r.custom,
      r.tags,
      r.note,
      r.giftAmount,
      r.giftCurrency,
      r.giftLocalTime,
      r.giftChannel,
      r.giftCampaign,
      r.giftExternalId,
      r.consents,
      r.donorKey,
    ]),
  };
}
