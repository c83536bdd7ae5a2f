import { divisionByCode, placeLabel } from '../geo/divisions.ts';
import type { ContactSummaryRow, SegmentRow } from './repo.ts';

/** A contact as a list shows it. Staff who may list contacts see phone and email in full. */
export const presentContactSummary = (c: ContactSummaryRow) => ({
  id: c.id,
  kind: c.kind,
  name: c.name,
  phone: c.phone,
  email: c.email,
  provinceCode: c.provinceCode,
  provinceLabel: c.provinceCode ? (divisionByCode(c.provinceCode)?.name ?? null) : null,
  cityCode: c.cityCode,
  districtCode: c.districtCode,
  placeLabel: placeLabel(c),
  category: c.category,
  tags: c.tags.map((t) => ({ id: t.id, name: t.name, color: t.color })),
  giftCount: c.giftCount,
  lastGiftAt: c.lastGiftAt,
  totalGiven: c.totalGiven.map((t) => ({ currency: t.currency, amount: t.amount })),
  createdAt: c.createdAt,
  updatedAt: c.updatedAt,
});

export const presentSegment = (s: SegmentRow) => ({
  id: s.id,
  name: s.name,
  description: s.description,
  definition: s.definition,
  createdAt: s.createdAt.toISOString(),
  updatedAt: s.updatedAt.toISOString(),
});
