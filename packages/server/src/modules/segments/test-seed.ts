import type { Db } from '../../db/client.ts';
import { consents } from '../consent/tables.ts';
import { pinyinKeys } from '../contacts/normalize.ts';
import { contacts, contactTags, tags } from '../contacts/tables.ts';
import { gifts } from '../gifts/tables.ts';

/*
 * Test data written straight to the tables, so that list, segment, report and export tests set up
 * exactly the rows they reason about (and do not depend on the contacts module's API).
 */

export interface SeedContact {
  name: string;
  kind?: 'person' | 'organization';
  phone?: string;
  email?: string;
  provinceCode?: string;
  cityCode?: string;
  category?: string;
  createdAt?: Date;
  tags?: string[];
  mergedIntoId?: number;
  erased?: boolean;
}

export async function seedContact(db: Db, orgId: string, c: SeedContact): Promise<number> {
  const keys = pinyinKeys(c.name);
  const [row] = await db
    .insert(contacts)
    .values({
      orgId,
      kind: c.kind ?? 'person',
      name: c.name,
      namePinyin: keys.pinyin,
      nameInitials: keys.initials,
      phone: c.phone ?? null,
      email: c.email ?? null,
      provinceCode: c.provinceCode ?? null,
      cityCode: c.cityCode ?? null,
      category: c.category ?? null,
      mergedIntoId: c.mergedIntoId ?? null,
      erasedAt: c.erased ? new Date() : null,
      ...(c.createdAt ? { createdAt: c.createdAt, updatedAt: c.createdAt } : {}),
    })
    .returning({ id: contacts.id });
  for (const name of c.tags ?? []) await tagContact(db, orgId, row!.id, name);
  return row!.id;
}

export async function tagContact(db: Db, orgId: string, contactId: number, name: string): Promise<number> {
  const [tag] = await db
    .insert(tags)
    .values({ orgId, name })
    .onConflictDoUpdate({ target: [tags.orgId, tags.name], set: { name } })
    .returning({ id: tags.id });
  await db.insert(contactTags).values({ orgId, contactId, tagId: tag!.id }).onConflictDoNothing();
  return tag!.id;
}

export async function seedGift(
  db: Db,
  orgId: string,
  contactId: number,
  g: { amount: number; at: string; currency?: string; channel?: string; campaign?: string; kind?: 'money' | 'in_kind' },
): Promise<void> {
  await db.insert(gifts).values({
    orgId,
    contactId,
    amount: g.amount,
    currency: g.currency ?? 'CNY',
    receivedAt: new Date(g.at),
    channel: g.channel ?? 'bank',
    campaign: g.campaign ?? null,
    kind: g.kind ?? 'money',
  });
}

export async function seedConsent(
  db: Db,
  orgId: string,
  contactId: number,
  c: {
    channel: 'email' | 'sms' | 'wechat' | 'phone' | 'post';
    status: 'granted' | 'withdrawn';
    purpose?: string;
    at: string;
  },
): Promise<void> {
  await db.insert(consents).values({
    orgId,
    contactId,
    channel: c.channel,
    purpose: c.purpose ?? 'fundraising',
    status: c.status,
    source: 'staff',
    recordedAt: new Date(c.at),
  });
}
