import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { auditEvents } from '../modules/audit/tables.ts';
import { consents } from '../modules/consent/tables.ts';
import {
  contactActivities,
  contacts,
  contactTags,
  customFields,
  notes,
  relationships,
  tags,
} from '../modules/contacts/tables.ts';
import { gifts } from '../modules/gifts/tables.ts';
import { bulkInsert } from '../modules/backup/bulk.ts';
import { donationReceivedPayload, ledgerEntries, newSalt } from '../modules/ledger/index.ts';
import type { DemoData } from './generate.ts';

export type SeedCounts = Record<
  | 'contacts'
  | 'tags'
  | 'contactTags'
  | 'customFields'
  | 'relationships'
  | 'notes'
  | 'activities'
  | 'gifts'
  | 'consents',
  number
>;

/** Takes `count` ids from a table's identity sequence, so rows can be inserted with known ids. */
async function allocateIds(db: Db, table: 'contacts' | 'tags' | 'gifts', count: number): Promise<number[]> {
  if (count === 0) return [];
  // Both drivers answer execute() with { rows }; Drizzle's generic result type does not say so.
  const result = (await db.execute(
    sql`select nextval(pg_get_serial_sequence(${table}, 'id')) as id from generate_series(1, ${count}::int)`,
  )) as unknown as { rows: { id: number }[] };
  return result.rows.map((r) => Number(r.id)).sort((a, b) => a - b);
}

export interface DemoIds {
  contacts: number[];
  tags: number[];
  gifts: number[];
}

/** One table's rows, keyed as Drizzle's insert() takes them. */
export type DemoTableRows = {
  [K in keyof DemoTables]: { table: DemoTables[K]; rows: DemoTables[K]['$inferInsert'][] };
}[keyof DemoTables];
interface DemoTables {
  contacts: typeof contacts;
  tags: typeof tags;
  customFields: typeof customFields;
  contactTags: typeof contactTags;
  relationships: typeof relationships;
  gifts: typeof gifts;
  consents: typeof consents;
  notes: typeof notes;
  contactActivities: typeof contactActivities;
}

/**
 * The rows seeding writes, table by table in foreign-key order, with ids resolved. Kept apart from
 * the inserts so that the benchmark can load exactly the same rows another way.
 */
export function demoRows(
  orgId: string,
  data: DemoData,
  ids: DemoIds,
  staffUserIds: (string | null)[] = [],
): DemoTableRows[] {
  const contact = (i: number) => ids.contacts[i]!;
  const author = (i: number | null) => (i === null ? null : (staffUserIds[i] ?? null));
  return [
    { table: contacts, rows: data.contacts.map((c, i) => ({ ...c, orgId, id: contact(i) })) },
    { table: tags, rows: data.tags.map((t, i) => ({ ...t, orgId, id: ids.tags[i]! })) },
    { table: customFields, rows: data.customFields.map((f) => ({ ...f, orgId })) },
    {
      table: contactTags,
      rows: data.contactTags.map((t) => ({ orgId, contactId: contact(t.contact), tagId: ids.tags[t.tag]! })),
    },
    {
      table: relationships,
      rows: data.relationships.map((r) => ({
        orgId,
        contactId: contact(r.contact),
        relatedContactId: contact(r.related),
        type: r.type,
        note: r.note,
      })),
    },
    {
      table: gifts,
      rows: data.gifts.map(({ contact: c, ...g }, i) => ({ ...g, orgId, id: ids.gifts[i]!, contactId: contact(c) })),
    },
    {
      table: consents,
      rows: data.consents.map(({ contact: c, ...r }) => ({ ...r, orgId, contactId: contact(c), recordedBy: null })),
    },
    {
      table: notes,
      rows: data.notes.map((n) => ({
        orgId,
        contactId: contact(n.contact),
        body: n.body,
        authorUserId: author(n.author),
        createdAt: n.createdAt,
      })),
    },
    {
      table: contactActivities,
      rows: data.activities.map((a) => ({
        orgId,
        contactId: contact(a.contact),
        at: a.at,
        type: a.type,
        summary: a.summary,
        data: a.gift === undefined ? a.data : { ...a.data, giftId: ids.gifts[a.gift]! },
      })),
    },
  ];
}

/** Every demo gift's donation.received entry, as recordGift() would have written it. */
function demoGiftEntries(orgId: string, data: DemoData, ids: DemoIds): (typeof ledgerEntries.$inferInsert)[] {
  return data.gifts.map((g, i) => {
    const donorSalt = newSalt();
    return {
      orgId,
      type: 'donation.received',
      subjectType: 'gift',
      subjectId: ids.gifts[i]!,
      payload: donationReceivedPayload({ ...g, contactId: ids.contacts[g.contact]! }, donorSalt),
      openings: { donor: donorSalt },
    };
  });
}

/** Ids for the demo's referenced rows, taken from the tables' own identity sequences. */
export async function allocateDemoIds(db: Db, data: DemoData): Promise<DemoIds> {
  return {
    contacts: await allocateIds(db, 'contacts', data.contacts.length),
    tags: await allocateIds(db, 'tags', data.tags.length),
    gifts: await allocateIds(db, 'gifts', data.gifts.length),
  };
}

/**
 * Writes generated demo data into an organization, in the caller's transaction. `staffUserIds[i]`
 * is the author of notes written by staff member i (null when absent).
 */
export async function seedDemoData(
  db: Db,
  orgId: string,
  data: DemoData,
  staffUserIds: (string | null)[] = [],
): Promise<SeedCounts> {
  const ids = await allocateDemoIds(db, data);
  // Rows go in as one JSON parameter per few thousand (see bulkInsert): on PGlite that is what
  // keeps the first start within seconds.
  for (const { table, rows } of demoRows(orgId, data, ids, staffUserIds)) {
    await bulkInsert(db, table, rows as never[]);
  }
  await bulkInsert(db, ledgerEntries, demoGiftEntries(orgId, data, ids));
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
