// Shapes of modules/contacts (schemas.ts), gifts, consent and geo. Keep in step with the server.

import type { contactKinds, customFieldTypes, relationshipTypes } from './enums';

export { customFieldTypes, relationshipTypes } from './enums';
export type ContactKind = (typeof contactKinds)[number];
export type RelationshipType = (typeof relationshipTypes)[number];
export type CustomFieldType = (typeof customFieldTypes)[number];

export interface Tag {
  id: number;
  name: string;
  color: string | null;
}
export interface TagWithCount extends Tag {
  contactCount: number;
}

export interface MoneyTotal {
  currency: string;
  amount: number;
}

export interface Contact {
  id: number;
  kind: ContactKind;
  name: string;
  namePinyin: string;
  nameInitials: string;
  gender: string | null;
  phone: string | null;
  email: string | null;
  wechatId: string | null;
  provinceCode: string | null;
  cityCode: string | null;
  districtCode: string | null;
  placeLabel: string;
  address: string | null;
  postalCode: string | null;
  category: string | null;
  source: string | null;
  custom: Record<string, unknown>;
  tags: Tag[];
  giftCount: number;
  totalGiven: MoneyTotal[];
  firstGiftAt: string | null;
  lastGiftAt: string | null;
  createdAt: string;
  updatedAt: string;
  erasedAt: string | null;
  mergedIntoId: number | null;
}

/** The writable fields (POST creates, PATCH changes; null clears). */
export interface ContactFields {
  kind?: ContactKind;
  name?: string;
  gender?: string | null;
  phone?: string | null;
  email?: string | null;
  wechatId?: string | null;
  provinceCode?: string | null;
  cityCode?: string | null;
  districtCode?: string | null;
  address?: string | null;
  postalCode?: string | null;
  category?: string | null;
  source?: string | null;
  custom?: Record<string, unknown>;
  tags?: string[];
}

export interface CustomField {
  id: number;
  key: string;
  label: string;
  type: CustomFieldType;
  options: string[];
  createdAt: string;
}

export interface Category {
  category: string;
  contactCount: number;
}

export interface Relationship {
  id: number;
  type: RelationshipType;
  note: string | null;
  contact: { id: number; name: string; kind: ContactKind };
  createdAt: string;
}

export interface Note {
  id: number;
  body: string;
  authorUserId: string | null;
  authorName: string | null;
  createdAt: string;
}

export interface Activity {
  id: number;
  at: string;
  type: string;
  summary: string;
  data: Record<string, unknown>;
  actorUserId: string | null;
  actorName: string | null;
}

export interface Page<T, C = string> {
  items: T[];
  nextCursor: C | null;
}

export interface Division {
  code: string;
  name: string;
  level: 'province' | 'city' | 'district';
  hasChildren: boolean;
}
