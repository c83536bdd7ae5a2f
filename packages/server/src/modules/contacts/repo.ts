import { and, asc, count, eq, inArray, isNull, max, min, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { insertRows } from '../../db/insert-rows.ts';
import { insertLater, type JsonInsert } from '../../db/later-inserts.ts';
import { gifts } from '../gifts/tables.ts';
import { contactActivities, contacts, contactTags, customFields, tags } from './tables.ts';

export type ContactRow = typeof contacts.$inferSelect;
export type TagRow = typeof tags.$inferSelect;
export type NewContactValues = Omit<typeof contacts.$inferInsert, 'orgId' | 'id'>;

export async function findContact(db: Db, orgId: string, id: number): Promise<ContactRow | undefined> {
  const [row] = await db
    .select()
    .from(contacts)
    .where(and(eq(contacts.orgId, orgId), eq(contacts.id, id)));
  return row;
}

/**
 * The listed contacts (not merged away, not erased) with any of these E.164 phones or emails, lowest id
 * first, locked until the transaction ends: how gifts from forms find the supporters they belong to.
 */
export async function lockListedByPhonesOrEmails(
  db: Db,
  orgId: string,
  match: { phones: string[]; emails: string[] },
): Promise<Pick<ContactRow, 'id' | 'phone' | 'email'>[]> {
  if (match.phones.length === 0 && match.emails.length === 0) return [];
  return db
    .select({ id: contacts.id, phone: contacts.phone, email: contacts.email })
    .from(contacts)
    .where(
      and(
        eq(contacts.orgId, orgId),
        or(
          match.phones.length > 0 ? inArray(contacts.phone, match.phones) : undefined,
          match.emails.length > 0 ? inArray(contacts.email, match.emails) : undefined,
        ),
        isNull(contacts.mergedIntoId),
        isNull(contacts.erasedAt),
      ),
    )
    .orderBy(asc(contacts.id))
    .for('update');
}

/**
 * Transaction locks on phones and emails of an organization, taken in one order by every caller so
 * that two never wait on each other: whoever holds one decides alone whether that person is new.
 */
export async function lockSupporterKeys(db: Db, orgId: string, keys: string[]) {
  if (keys.length === 0) return;
  await db.execute(sql`
    select pg_advisory_xact_lock(h) from (
      select distinct hashtextextended(${orgId} || ':' || k, 0) as h
      from json_array_elements_text(${JSON.stringify(keys)}::json) as k order by h) locks`);
}

/** The contact row, locked until the transaction ends, so concurrent writes apply one after another. */
export async function lockContact(db: Db, orgId: string, id: number): Promise<ContactRow | undefined> {
  const [row] = await db
    .select()
    .from(contacts)
    .where(and(eq(contacts.orgId, orgId), eq(contacts.id, id)))
    .for('update');
  return row;
}

export async function insertContact(db: Db, orgId: string, values: NewContactValues): Promise<ContactRow> {
  const [row] = await insertContacts(db, orgId, [values]);
  return row!;
}

/** Inserts contacts in one statement; the rows come back in the order given. */
export async function insertContacts(db: Db, orgId: string, values: NewContactValues[]): Promise<ContactRow[]> {
  return insertRows(
    db,
    contacts,
    values.map((v) => ({ ...v, orgId })),
  );
}

export async function updateContact(
  db: Db,
  orgId: string,
  id: number,
  values: Partial<NewContactValues>,
): Promise<ContactRow> {
  const [row] = await db
    .update(contacts)
    .set({ ...values, updatedAt: sql`now()` })
    .where(and(eq(contacts.orgId, orgId), eq(contacts.id, id)))
    .returning();
  return row!;
}

export async function listCustomFields(db: Db, orgId: string) {
  return db.select().from(customFields).where(eq(customFields.orgId, orgId)).orderBy(asc(customFields.id));
}

export async function tagsOf(db: Db, orgId: string, contactId: number): Promise<TagRow[]> {
  return db
    .select({ orgId: tags.orgId, id: tags.id, name: tags.name, color: tags.color, createdAt: tags.createdAt })
    .from(contactTags)
    .innerJoin(tags, and(eq(tags.orgId, contactTags.orgId), eq(tags.id, contactTags.tagId)))
    .where(and(eq(contactTags.orgId, orgId), eq(contactTags.contactId, contactId)))
    .orderBy(asc(tags.name));
}

/** The tags with these names, creating the missing ones. */
export async function ensureTags(db: Db, orgId: string, names: readonly string[]): Promise<TagRow[]> {
  if (names.length === 0) return [];
  await db
    .insert(tags)
    .values(names.map((name) => ({ orgId, name })))
    .onConflictDoNothing();
  return db
    .select()
    .from(tags)
    .where(and(eq(tags.orgId, orgId), inArray(tags.name, [...names])));
}

export async function addContactTags(db: Db, orgId: string, contactId: number, tagIds: readonly number[]) {
  if (tagIds.length === 0) return;
  await db
    .insert(contactTags)
    .values(tagIds.map((tagId) => ({ orgId, contactId, tagId })))
    .onConflictDoNothing();
}

/** Tags for several contacts in one statement. */
export async function addTagsToContacts(db: Db, orgId: string, pairs: readonly { contactId: number; tagId: number }[]) {
  await insertRows(
    db,
    contactTags,
    pairs.map((pair) => ({ ...pair, orgId })),
    { onConflictDoNothing: [contactTags.orgId, contactTags.contactId, contactTags.tagId] },
  );
}

export async function removeContactTags(db: Db, orgId: string, contactId: number, tagIds: readonly number[]) {
  if (tagIds.length === 0) return;
  await db
    .delete(contactTags)
    .where(
      and(eq(contactTags.orgId, orgId), eq(contactTags.contactId, contactId), inArray(contactTags.tagId, [...tagIds])),
    );
}

/** Gift count, first and last gift, and money given per currency (in-kind gifts count but add no money). */
export async function giftSummary(db: Db, orgId: string, contactId: number) {
  const scope = and(eq(gifts.orgId, orgId), eq(gifts.contactId, contactId));
  const [overall] = await db
    .select({ giftCount: count(), firstGiftAt: min(gifts.receivedAt), lastGiftAt: max(gifts.receivedAt) })
    .from(gifts)
    .where(scope);
  const totals = await db
    .select({ currency: gifts.currency, amount: sql<number>`sum(${gifts.amount})::int8`.mapWith(Number) })
    .from(gifts)
    .where(and(scope, eq(gifts.kind, 'money')))
    .groupBy(gifts.currency)
    .orderBy(asc(gifts.currency));
  return {
    giftCount: overall?.giftCount ?? 0,
    firstGiftAt: overall?.firstGiftAt ?? null,
    lastGiftAt: overall?.lastGiftAt ?? null,
    totalGiven: totals,
  };
}

export interface ActivityInput {
  type: string;
  summary: string;
  data?: Record<string, unknown>;
  actorUserId?: string | null;
  at?: Date;
}

export async function insertActivity(db: Db, orgId: string, contactId: number, activity: ActivityInput) {
  await insertActivities(db, orgId, [{ ...activity, contactId }]);
}

const insertLines: JsonInsert = (rowsJson) => sql`
  insert into ${contactActivities} (org_id, contact_id, at, type, summary, data, actor_user_id)
  select a.org_id, a.contact_id, coalesce(a.at, now()), a.type, a.summary, a.data, a.actor_user_id
  from json_to_recordset(${rowsJson}::json)
    as a(org_id uuid, contact_id bigint, at timestamptz, type text, summary text, data jsonb, actor_user_id uuid)`;

/** Timeline lines for several contacts in one statement (one JSON parameter, as audit events). */
export async function insertActivities(db: Db, orgId: string, items: (ActivityInput & { contactId: number })[]) {
  await insertLater(
    db,
    insertLines,
    items.map((activity) => ({
      org_id: orgId,
      contact_id: activity.contactId,
      at: activity.at ?? null,
      type: activity.type,
      summary: activity.summary,
      data: activity.data ?? {},
      actor_user_id: activity.actorUserId ?? null,
    })),
  );
}
