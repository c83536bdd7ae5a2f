import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { insertRows } from '../../db/insert-rows.ts';
import type { ConsentChannel } from './rules.ts';
import { consents } from './tables.ts';

export type ConsentRow = typeof consents.$inferSelect;

type NewConsent = Omit<typeof consents.$inferInsert, 'orgId' | 'id'>;

/** Inserts records in one statement; the rows come back in the order given. */
export async function insertConsents(db: Db, orgId: string, values: NewConsent[]) {
  return insertRows(
    db,
    consents,
    values.map((v) => ({ ...v, orgId })),
  );
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
