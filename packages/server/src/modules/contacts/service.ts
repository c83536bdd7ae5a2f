import type { Db } from '../../db/client.ts';
import { AppError, notFound, type FieldProblem } from '../../errors/app-error.ts';
import type { OrgContext } from '../../http/authorize.ts';
import { diffFields, recordAudit, type AuditEntry } from '../audit/index.ts';
import { normalizeContactInput, type NormalizedContact } from './contact-input.ts';
import { mergeCustom } from './custom-values.ts';
import * as repo from './repo.ts';
import type { ContactInput, ContactPatch } from './schemas.ts';

export const actorUserId = (ctx: OrgContext) => (ctx.actor.kind === 'user' ? ctx.actor.userId : null);

/** Field problems from normalization, as a 400 pointing into the request body. */
export const bodyProblems = (problems: FieldProblem[]) =>
  new AppError(
    'VALIDATION_FAILED',
    'Some fields are not valid',
    problems.map((p) => ({ path: `body.${p.path}`, message: p.message })),
  );

/** The contact, locked for this transaction; 404 outside the org, 409 once erased. */
export async function loadWritableContact(db: Db, orgId: string, id: number) {
  const row = await repo.lockContact(db, orgId, id);
  if (!row) throw notFound('Contact');
  if (row.erasedAt) throw new AppError('CONTACT_ERASED', 'This contact has been erased and can no longer be changed');
  if (row.mergedIntoId !== null) {
    throw new AppError(
      'CONTACT_MERGED',
      `This contact was merged into contact #${row.mergedIntoId}; make changes there, or undo the merge first`,
    );
  }
  return row;
}

export async function loadContact(db: Db, orgId: string, id: number) {
  const row = await repo.findContact(db, orgId, id);
  if (!row) throw notFound('Contact');
  return row;
}

/** Records that someone looked at a contact's personal details. */
export const auditContactRead = (db: Db, ctx: OrgContext, contactId: number, section = 'profile') =>
  recordAudit(db, ctx, { action: 'contact.read', subjectType: 'contact', subjectId: contactId, data: { section } });

export async function contactDetail(db: Db, row: repo.ContactRow) {
  const [tags, summary] = await Promise.all([
    repo.tagsOf(db, row.orgId, row.id),
    repo.giftSummary(db, row.orgId, row.id),
  ]);
  return { contact: row, tags, summary };
}
export type ContactDetail = Awaited<ReturnType<typeof contactDetail>>;

/** Tag names as stored: NFKC, trimmed, each once. */
export const uniqueNames = (names: readonly string[]) => [...new Set(names.map((n) => n.normalize('NFKC').trim()))];

/** Makes the contact's tags exactly `names`, creating missing tags; one activity per change. */
export async function replaceTags(db: Db, ctx: OrgContext, contactId: number, names: readonly string[]) {
  const orgId = ctx.org.id;
  const wanted = await repo.ensureTags(db, orgId, uniqueNames(names));
  const current = await repo.tagsOf(db, orgId, contactId);
  const added = wanted.filter((t) => !current.some((c) => c.id === t.id));
  const removed = current.filter((c) => !wanted.some((t) => t.id === c.id));
  await repo.addContactTags(
    db,
    orgId,
    contactId,
    added.map((t) => t.id),
  );
  await repo.removeContactTags(
    db,
    orgId,
    contactId,
    removed.map((t) => t.id),
  );
  const actor = actorUserId(ctx);
  for (const tag of added) {
    await repo.insertActivity(db, orgId, contactId, {
      type: 'tag_added',
      summary: `Tag added: ${tag.name}`,
      data: { tagId: tag.id, tag: tag.name },
      actorUserId: actor,
    });
  }
  for (const tag of removed) {
    await repo.insertActivity(db, orgId, contactId, {
      type: 'tag_removed',
      summary: `Tag removed: ${tag.name}`,
      data: { tagId: tag.id, tag: tag.name },
      actorUserId: actor,
    });
  }
  return { added: added.map((t) => t.name), removed: removed.map((t) => t.name) };
}

async function normalizeOrThrow(db: Db, orgId: string, input: ContactInput | ContactPatch, mode: 'create' | 'update') {
  const { tags: _tags, ...fields } = input;
  const customFields = fields.custom === undefined ? [] : await repo.listCustomFields(db, orgId);
  const result = normalizeContactInput(fields, { customFields, mode });
  if (!result.ok) throw bodyProblems(result.problems);
  return result.values;
}

/** Creates a contact with its tags, its "created" activity and an audit event, in one transaction. */
export async function createContact(db: Db, ctx: OrgContext, input: ContactInput) {
  return db.transaction(async (tx) => {
    const values = await normalizeOrThrow(tx, ctx.org.id, input, 'create');
    const row = await repo.insertContact(tx, ctx.org.id, {
      ...values,
      name: values.name!,
      custom: mergeCustom({}, values.custom ?? {}),
    });
    const tagChanges = input.tags ? await replaceTags(tx, ctx, row.id, input.tags) : undefined;
    await repo.insertActivity(tx, ctx.org.id, row.id, createdActivity(ctx, row));
    await recordAudit(tx, ctx, createdAudit(row, values, tagChanges?.added ?? []));
    return contactDetail(tx, row);
  });
}

/** The "created" line that opens a new contact's timeline. */
export const createdActivity = (ctx: OrgContext, row: repo.ContactRow): repo.ActivityInput => ({
  type: 'created',
  summary: 'Contact created',
  data: { source: row.source },
  actorUserId: actorUserId(ctx),
});

/** The audit event of a new contact: which fields it was given, never their values. */
export const createdAudit = (row: repo.ContactRow, values: NormalizedContact, tags: string[]): AuditEntry => ({
  action: 'contact.create',
  subjectType: 'contact',
  subjectId: row.id,
  data: { fields: Object.keys(values).filter((k) => values[k as keyof NormalizedContact] != null), tags },
});

/** A contact with tags and gift totals; records a `contact.read` audit event. */
export async function readContact(db: Db, ctx: OrgContext, id: number) {
  return db.transaction(async (tx) => {
    const row = await loadContact(tx, ctx.org.id, id);
    await auditContactRead(tx, ctx, id);
    return contactDetail(tx, row);
  });
}

// Derived columns change with the name; the audit diff shows the name itself.
const derived = new Set(['namePinyin', 'nameInitials']);

/** Changes some fields (and optionally the tags); the audit event holds the before/after diff. */
export async function updateContact(db: Db, ctx: OrgContext, id: number, patch: ContactPatch) {
  return db.transaction(async (tx) => {
    const before = await loadWritableContact(tx, ctx.org.id, id);
    const values = await normalizeOrThrow(tx, ctx.org.id, patch, 'update');
    const next = { ...values, ...(values.custom ? { custom: mergeCustom(before.custom, values.custom) } : {}) };
    const changes = Object.fromEntries(Object.entries(diffFields(before, next)).filter(([key]) => !derived.has(key)));
    const row = Object.keys(changes).length > 0 ? await repo.updateContact(tx, ctx.org.id, id, next) : before;
    const tagChanges = patch.tags ? await replaceTags(tx, ctx, id, patch.tags) : { added: [], removed: [] };
    const changed = Object.keys(changes);
    if (changed.length > 0) {
      await repo.insertActivity(tx, ctx.org.id, id, {
        type: 'updated',
        summary: `Updated: ${changed.join(', ')}`,
        data: { fields: changed },
        actorUserId: actorUserId(ctx),
      });
    }
    if (changed.length > 0 || tagChanges.added.length > 0 || tagChanges.removed.length > 0) {
      await recordAudit(tx, ctx, {
        action: 'contact.update',
        subjectType: 'contact',
        subjectId: id,
        data: { ...changes, ...(patch.tags ? { tags: tagChanges } : {}) },
      });
    }
    return contactDetail(tx, row);
  });
}

/** PUT semantics for a contact's tags. */
export async function setContactTags(db: Db, ctx: OrgContext, id: number, names: readonly string[]) {
  return db.transaction(async (tx) => {
    await loadWritableContact(tx, ctx.org.id, id);
    const changes = await replaceTags(tx, ctx, id, names);
    if (changes.added.length > 0 || changes.removed.length > 0) {
      await recordAudit(tx, ctx, { action: 'contact.tags', subjectType: 'contact', subjectId: id, data: changes });
    }
    return repo.tagsOf(tx, ctx.org.id, id);
  });
}

/** For other modules: one line on the contact's timeline, written in the caller's transaction. */
export async function addActivity(db: Db, orgId: string, contactId: number, activity: repo.ActivityInput) {
  await repo.insertActivity(db, orgId, contactId, activity);
}

/** For other modules: timeline lines of several contacts, in one statement of the caller's transaction. */
export const insertActivities = repo.insertActivities;
