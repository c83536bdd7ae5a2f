import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import { pinyinKeys } from '../contacts/normalize.ts';
import { contacts } from '../contacts/tables.ts';
import { gifts } from '../gifts/tables.ts';
import { detectDuplicates } from './detect.ts';

export interface ContactSeed {
  name: string;
  phone?: string | null;
  email?: string | null;
  cityCode?: string | null;
  districtCode?: string | null;
  gender?: string | null;
  address?: string | null;
}

/** A contact row as the contacts module stores it (normalized phone and email, pinyin keys). */
export async function seedContact(db: Db, orgId: string, seed: ContactSeed) {
  const keys = pinyinKeys(seed.name);
  const [row] = await db
    .insert(contacts)
    .values({
      orgId,
      name: seed.name,
      namePinyin: keys.pinyin,
      nameInitials: keys.initials,
      phone: seed.phone ?? null,
      email: seed.email ?? null,
      cityCode: seed.cityCode ?? null,
      districtCode: seed.districtCode ?? null,
      provinceCode: seed.cityCode ? `${seed.cityCode.slice(0, 2)}0000` : null,
      gender: seed.gender ?? null,
      address: seed.address ?? null,
    })
    .returning();
  return row!;
}

export async function seedGift(db: Db, orgId: string, contactId: number, amount: number, currency = 'CNY') {
  const [row] = await db
    .insert(gifts)
    .values({ orgId, contactId, amount, currency, receivedAt: new Date('2024-09-07T10:00:00Z'), channel: 'bank' })
    .returning();
  return row!;
}

/** The synchronous path of a scan: what the job runs. */
export const scanOrg = (db: Db, orgId: string) => detectDuplicates(db, orgId, randomUUID());
