import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { OrgContext } from '../../http/authorize.ts';
import { recordAudit } from '../audit/index.ts';
import { users } from '../platform/tables.ts';
import * as repo from './repo.ts';
import { actorUserId, auditContactRead, loadContact, loadWritableContact } from './service.ts';
import { notes } from './tables.ts';

export async function noteRows(db: Db, orgId: string, contactId: number) {
  return db
    .select({
      id: notes.id,
      body: notes.body,
      authorUserId: notes.authorUserId,
      authorName: users.name,
      createdAt: notes.createdAt,
    })
    .from(notes)
    .leftJoin(users, eq(users.id, notes.authorUserId))
    .where(and(eq(notes.orgId, orgId), eq(notes.contactId, contactId)))
    .orderBy(desc(notes.createdAt), desc(notes.id));
}
export type NoteRow = Awaited<ReturnType<typeof noteRows>>[number];

export async function listNotes(db: Db, ctx: OrgContext, contactId: number) {
  return db.transaction(async (tx) => {
    await loadContact(tx, ctx.org.id, contactId);
    await auditContactRead(tx, ctx, contactId, 'notes');
    return noteRows(tx, ctx.org.id, contactId);
  });
}

/** Adds a note. The timeline and audit say that a note was added, not what it says. */
export async function addNote(db: Db, ctx: OrgContext, contactId: number, body: string) {
  return db.transaction(async (tx) => {
    await loadWritableContact(tx, ctx.org.id, contactId);
    const author = actorUserId(ctx);
    const [row] = await tx
      .insert(notes)
      .values({ orgId: ctx.org.id, contactId, body, authorUserId: author })
      .returning();
    await repo.insertActivity(tx, ctx.org.id, contactId, {
      type: 'note',
      summary: 'Note added',
      data: { noteId: row!.id },
      actorUserId: author,
    });
    await recordAudit(tx, ctx, {
      action: 'contact.note',
      subjectType: 'contact',
      subjectId: contactId,
      data: { noteId: row!.id },
    });
    return (await noteRows(tx, ctx.org.id, contactId)).find((n) => n.id === row!.id)!;
  });
}
