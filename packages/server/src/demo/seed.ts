import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { auditEvents } from '../modules/audit/tables.ts';
import { consents } from '../modules/consent/tables.ts';
import { contactActivities, contacts, contactTags, customFields, notes, relationships, tags } from '../modules/contacts/tables.ts';
import { gifts } from '../modules/gifts/tables.ts';
import { bulkInsert } from '../modules/backup/bulk.ts';
import type { DemoData } from './generate.ts';

export type SeedCounts = Record<'contacts' | 'tags' | 'contactTags' | 'customFields' | 'relationships' | 'notes' | 'activities' | 'gifts' | 'consents', number>;

/** Takes `count` ids from a table's identity sequence, so rows can be inserted with known ids. */
async function allocateIds(db: Db, table: 'contacts' | 'tags' | 'gifts', count: number): Promise<number[]> {
  if (count === 0) return [];
  // Both drivers answer execute() with { rows }; Drizzle's generic result type does not say so.
  const result = (await db.execute(
    sql`select nextval(pg_get_serial_sequence(${table}, 'id')) as id from generate_series(1, ${count}::int)`,
  )) as unknown as { rows: { id: number }[] };
  return result.rows.map((r) => Number(r.id)).sort((a, b) => a - b);
}

/**
 * Writes generated demo data into an organization, in the caller's transaction. `staffUserIds[i]`
 * is the author of notes written by staff member i (null when absent).
 */
export async function seedDemoData(db: Db, orgId: string, data: DemoData, staffUserIds: (string | null)[] = []): Promise<SeedCounts> {
  const contactIds = await allocateIds(db, 'contacts', data.contacts.length);
  const tagIds = await allocateIds(db, 'tags', data.tags.length);
  const giftIds = await allocateIds(db, 'gifts', data.gifts.length);
  const contact = (i: number) => contactIds[i]!;

  const author = (i: number | null) => (i === null ? null : (staffUserIds[i] ?? null));

  // Rows go in as one JSON parameter per few thousand (see bulkInsert): on PGlite that is what
  // keeps the first start within seconds.
  await bulkInsert(db, contacts, data.contacts.map((c, i) => ({ ...c, orgId, id: contact(i) })));
  await bulkInsert(db, tags, data.tags.map((t, i) => ({ ...t, orgId, id: tagIds[i]! })));
  await bulkInsert(db, customFields, data.customFields.map((f) => ({ ...f, orgId })));
  await bulkInsert(db, contactTags, data.contactTags.map((t) => ({ orgId, contactId: contact(t.contact), tagId: tagIds[t.tag]! })));
  await bulkInsert(
    db,
    relationships,
    data.relationships.map((r) => ({ orgId, contactId: contact(r.contact), relatedContactId: contact(r.related), type: r.type, note: r.note })),
  );
  await bulkInsert(db, gifts, data.gifts.map(({ contact: c, ...g }, i) => ({ ...g, orgId, id: giftIds[i]!, contactId: contact(c) })));
  await bulkInsert(db, consents, data.consents.map(({ contact: c, ...r }) => ({ ...r, orgId, contactId: contact(c), recordedBy: null })));
  await bulkInsert(
    db,
    notes,
    data.notes.map((n) => ({ orgId, contactId: contact(n.contact), body: n.body, authorUserId: author(n.author), createdAt: n.createdAt })),
  );
  await bulkInsert(
    db,
    contactActivities,
    data.activities.map((a) => ({
      orgId,
      contactId: contact(a.contact),
      at: a.at,
      type: a.type,
      summary: a.summary,
      data: a.gift === undefined ? a.data : { ...a.data, giftId: giftIds[a.gift]! },
    })),
  );
  const counts: SeedCounts = {
    contacts: data.contacts.length,
    tags: data.tags.length,
    contactTags: data.contactTags.length,
    customFields: data.customFields.length,
    relationships: data.relationships.length,
    notes: data.notes.length,
    activities: data.activities.length,
    gifts: data.gifts.length,
    consents: data.consents.length,
  };
  await db.insert(auditEvents).values({
    orgId,
    actorLabel: 'system',
    action: 'demo.seed',
    subjectType: 'organization',
    subjectId: orgId,
    data: { counts },
  });
  return counts;
}
