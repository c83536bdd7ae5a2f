import { placeLabel } from '../geo/divisions.ts';
import type { ContactDetail } from './service.ts';
import type { TagRow } from './repo.ts';
import type { customFields } from './tables.ts';

const iso = (d: Date | null) => d?.toISOString() ?? null;

export const presentTag = (t: Pick<TagRow, 'id' | 'name' | 'color'>) => ({ id: t.id, name: t.name, color: t.color });

/** A contact as the API shows it: explicit fields only. Names are returned as typed; escaping is the renderer's job. */
export function presentContact({ contact: c, tags, summary }: ContactDetail) {
  return {
    id: c.id,
    kind: c.kind,
    name: c.name,
    namePinyin: c.namePinyin,
    nameInitials: c.nameInitials,
    gender: c.gender,
    phone: c.phone,
    email: c.email,
    wechatId: c.wechatId,
    provinceCode: c.provinceCode,
    cityCode: c.cityCode,
    districtCode: c.districtCode,
    placeLabel: placeLabel(c),
    address: c.address,
    postalCode: c.postalCode,
    category: c.category,
    source: c.source,
    custom: c.custom,
    tags: tags.map(presentTag),
    giftCount: summary.giftCount,
    totalGiven: summary.totalGiven.map((t) => ({ currency: t.currency, amount: t.amount })),
    firstGiftAt: iso(summary.firstGiftAt),
    lastGiftAt: iso(summary.lastGiftAt),
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    erasedAt: iso(c.erasedAt),
    mergedIntoId: c.mergedIntoId,
  };
}

export const presentCustomField = (f: typeof customFields.$inferSelect) => ({
  id: f.id,
  key: f.key,
  label: f.label,
  type: f.type,
  options: f.options,
  createdAt: f.createdAt.toISOString(),
});
