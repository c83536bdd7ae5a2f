import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { ConsentChannel } from './rules.ts';
import { consents } from './tables.ts';

export type ConsentRow = typeof consents.$inferSelect;

export async function insertConsent(db: Db, orgId: string, values: Omit<typeof consents.$inferInsert, 'orgId' | 'id'>) {
  const [row] = await db
    .insert(consents)
    .values({ ...values, orgId })
    .returning();
  return row!;
}

/** Every record of a contact, newest first; optionally one channel and purpose. */
export async function consentRecords(
  db: Db,
  orgId: string,
  contactId: number,
  only?: { channel: ConsentChannel; purpose: string },
) {
  return db
    .select()
    .from(consents)
    .where(
      and(
        eq(consents.orgId, orgId),
        eq(consents.contactId, contactId),
        only ? eq(consents.channel, only.channel) : undefined,
        only ? eq(consents.purpose, only.purpose) : undefined,
      ),
    )
    .orderBy(desc(consents.recordedAt), desc(consents.id));
}
