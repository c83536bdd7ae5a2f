import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { insertRows } from '../../db/insert-rows.ts';
import { contacts } from '../contacts/tables.ts';
import { formResponses, forms } from './tables.ts';

export type FormRow = typeof forms.$inferSelect;
export type ResponseRow = typeof formResponses.$inferSelect;

export async function findForm(db: Db, orgId: string, id: number, lock = false) {
  const query = db
    .select()
    .from(forms)
    .where(and(eq(forms.orgId, orgId), eq(forms.id, id)));
  const [row] = await (lock ? query.for('update') : query);
  return row;
}

export async function formBySlug(db: Db, orgId: string, slug: string, lock = false) {
  const query = db
    .select()
    .from(forms)
    .where(and(eq(forms.orgId, orgId), eq(forms.slug, slug)));
  const [row] = await (lock ? query.for('update') : query);
  return row;
}

export async function insertForm(db: Db, orgId: string, values: Omit<typeof forms.$inferInsert, 'orgId'>) {
  const [row] = await db
    .insert(forms)
    .values({ ...values, orgId })
    .returning();
  return row!;
}

export async function updateForm(db: Db, orgId: string, id: number, values: Partial<FormRow>) {
  const [row] = await db
    .update(forms)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(forms.orgId, orgId), eq(forms.id, id)))
    .returning();
  return row!;
}

/** Each form with how many responses it has. */
export async function listForms(db: Db, orgId: string) {
  return db
    .select({
      form: forms,
      // Qualified by hand: drizzle writes a column of the outer table unqualified, which inside the
      // subquery would mean the response's own.
      responseCount: sql<number>`(select count(*)::int from form_responses r where r.org_id = "forms"."org_id" and r.form_id = "forms"."id")`,
    })
    .from(forms)
    .where(eq(forms.orgId, orgId))
    .orderBy(desc(forms.id));
}

export async function countResponses(db: Db, orgId: string, formId: number) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(formResponses)
    .where(and(eq(formResponses.orgId, orgId), eq(formResponses.formId, formId)));
  return row?.n ?? 0;
}

/** Responses in one statement, in the order given. */
export async function insertResponses(
  db: Db,
  orgId: string,
  values: readonly Omit<typeof formResponses.$inferInsert, 'orgId'>[],
) {
  return insertRows(
    db,
    formResponses,
    values.map((v) => ({ ...v, orgId })),
  );
}

export async function findResponse(db: Db, orgId: string, formId: number, id: number, lock = false) {
  const query = db
    .select()
    .from(formResponses)
    .where(and(eq(formResponses.orgId, orgId), eq(formResponses.formId, formId), eq(formResponses.id, id)));
  const [row] = await (lock ? query.for('update') : query);
  return row;
}

export async function updateResponse(db: Db, orgId: string, id: number, values: Partial<ResponseRow>) {
  const [row] = await db
    .update(formResponses)
    .set(values)
    .where(and(eq(formResponses.orgId, orgId), eq(formResponses.id, id)))
    .returning();
  return row!;
}

/** A form's responses, newest first, with the names of the contacts they went to or matched. */
export async function listResponses(db: Db, orgId: string, formId: number, limit = 5000) {
  const rows = await db
    .select({ response: formResponses })
    .from(formResponses)
    .where(and(eq(formResponses.orgId, orgId), eq(formResponses.formId, formId)))
    .orderBy(desc(formResponses.id))
    .limit(limit);
  const ids = [
    ...new Set(rows.flatMap(({ response: r }) => [r.contactId, r.matchedContactId]).filter((v) => v !== null)),
  ];
  const names = new Map<number, string>();
  if (ids.length) {
    const found = await db
      .select({ id: contacts.id, name: contacts.name })
      .from(contacts)
      .where(and(eq(contacts.orgId, orgId), inArray(contacts.id, ids)));
    for (const c of found) names.set(c.id, c.name);
  }
  return rows.map(({ response }) => ({
    response,
    contactName: response.contactId === null ? null : (names.get(response.contactId) ?? null),
    matchedContactName: response.matchedContactId === null ? null : (names.get(response.matchedContactId) ?? null),
  }));
}
