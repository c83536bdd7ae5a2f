import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { OrgContext } from '../../http/authorize.ts';
import { users } from '../platform/tables.ts';
import { afterCursor, decodeCursor, microsOf, pageOf } from './cursor.ts';
import { auditContactRead, loadContact } from './service.ts';
import { contactActivities as a } from './tables.ts';

/** Timeline rows for a contact, newest first (no audit: callers decide). */
export async function timelineRows(db: Db, orgId: string, contactId: number, page: { limit: number; cursor?: string }) {
  const after = page.cursor ? afterCursor(a.at, a.id, decodeCursor(page.cursor)) : undefined;
  const rows = await db
    .select({
      id: a.id,
      at: a.at,
      micros: microsOf(a.at),
      type: a.type,
      summary: a.summary,
      data: a.data,
      actorUserId: a.actorUserId,
      actorName: users.name,
    })
    .from(a)
    .leftJoin(users, eq(users.id, a.actorUserId))
    .where(and(eq(a.orgId, orgId), eq(a.contactId, contactId), after))
    .orderBy(desc(a.at), desc(a.id))
    .limit(page.limit + 1);
  return pageOf(rows, page.limit);
}

/** A page of the contact's timeline; an audited read. */
export async function readTimeline(
  db: Db,
  ctx: OrgContext,
  contactId: number,
  page: { limit: number; cursor?: string },
) {
  return db.transaction(async (tx) => {
    await loadContact(tx, ctx.org.id, contactId);
    await auditContactRead(tx, ctx, contactId, 'timeline');
    return timelineRows(tx, ctx.org.id, contactId, page);
  });
}
