import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudits } from '../modules/audit/service.ts';
import { auditEvents } from '../modules/audit/tables.ts';
import { insertActivities } from '../modules/contacts/repo.ts';
import { contactActivities, contacts } from '../modules/contacts/tables.ts';
import { organizations } from '../modules/platform/tables.ts';
import { systemContext } from '../http/system-context.ts';
import { freshDatabase } from '../testing/database.ts';
import type { Database, Db } from './client.ts';
import { insertsAtEnd } from './later-inserts.ts';

let database: Database;
let orgId: string;
let contactId: number;

beforeAll(async () => {
  database = await freshDatabase();
  const [org] = await database.db.insert(organizations).values({ slug: 'later-inserts', name: '稍后写入' }).returning();
  orgId = org!.id;
  const [contact] = await database.db.insert(contacts).values({ orgId, name: '李雷' }).returning();
  contactId = contact!.id;
});
afterAll(() => database?.close());

const countOf = async (db: Db, action: string) => {
  const [audits] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(auditEvents)
    .where(and(eq(auditEvents.orgId, orgId), eq(auditEvents.action, action)));
  const [lines] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(contactActivities)
    .where(and(eq(contactActivities.orgId, orgId), eq(contactActivities.type, action)));
  return { audits: audits!.n, lines: lines!.n };
};

async function writeBoth(tx: Db, action: string) {
  const ctx = await systemContext(tx, { id: orgId }, 'test', 'provider');
  await recordAudits(tx, ctx, [{ action, subjectType: 'contact', subjectId: contactId, data: { n: 1 } }]);
  await insertActivities(tx, orgId, [{ contactId, type: action, summary: '第一行' }]);
  await recordAudits(tx, ctx, [{ action, subjectType: 'contact', subjectId: contactId, data: { n: 2 } }]);
  await insertActivities(tx, orgId, [{ contactId, type: action, summary: '第二行' }]);
}

describe('insertsAtEnd', () => {
  it('holds audit events and timeline lines until the work is done, then writes them all, in order', async () => {
    await database.db.transaction((tx) =>
      insertsAtEnd(tx, async () => {
        await writeBoth(tx, 'later.held');
        expect(await countOf(tx, 'later.held')).toEqual({ audits: 0, lines: 0 });
      }),
    );
    expect(await countOf(database.db, 'later.held')).toEqual({ audits: 2, lines: 2 });
    const lines = await database.db
      .select({ summary: contactActivities.summary })
      .from(contactActivities)
      .where(and(eq(contactActivities.orgId, orgId), eq(contactActivities.type, 'later.held')))
      .orderBy(contactActivities.id);
    expect(lines.map((l) => l.summary)).toEqual(['第一行', '第二行']);
    const audits = await database.db
      .select({ data: auditEvents.data, label: auditEvents.actorLabel })
      .from(auditEvents)
      .where(and(eq(auditEvents.orgId, orgId), eq(auditEvents.action, 'later.held')))
      .orderBy(auditEvents.id);
    expect(audits).toEqual([
      { data: { n: 1 }, label: 'token:test' },
      { data: { n: 2 }, label: 'token:test' },
    ]);
  });

  it('writes at once outside it, and nothing at all when the work fails', async () => {
    await database.db.transaction(async (tx) => {
      await writeBoth(tx, 'later.direct');
      expect(await countOf(tx, 'later.direct')).toEqual({ audits: 2, lines: 2 });
    });
    await expect(
      database.db.transaction((tx) =>
        insertsAtEnd(tx, async () => {
          await writeBoth(tx, 'later.failed');
          throw new Error('the batch failed');
        }),
      ),
    ).rejects.toThrow('the batch failed');
    expect(await countOf(database.db, 'later.failed')).toEqual({ audits: 0, lines: 0 });
  });
});
