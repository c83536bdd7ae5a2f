import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { AppError, invalidField, notFound } from '../../errors/app-error.ts';
import type { OrgContext } from '../../http/authorize.ts';
import { diffFields, recordAudit } from '../audit/index.ts';
import type { customFieldInput, customFieldPatch } from './schemas.ts';
import { actorUserId } from './service.ts';
import { contactActivities, contacts, customFields } from './tables.ts';

const withOptions = new Set(['select', 'multiselect']);

function checkOptions(type: string, options: string[]) {
  if (withOptions.has(type) && options.length === 0)
    throw invalidField('body.options', `a ${type} field needs options`);
  if (!withOptions.has(type) && options.length > 0)
    throw invalidField('body.options', `a ${type} field has no options`);
  if (new Set(options).size !== options.length)
    throw invalidField('body.options', 'options must be different from each other');
}

async function findField(db: Db, orgId: string, id: number) {
  const [row] = await db
    .select()
    .from(customFields)
    .where(and(eq(customFields.orgId, orgId), eq(customFields.id, id)))
    .for('update');
  if (!row) throw notFound('Custom field');
  return row;
}

export async function createCustomField(db: Db, ctx: OrgContext, input: z.infer<typeof customFieldInput>) {
  checkOptions(input.type, input.options);
  return db.transaction(async (tx) => {
    const [taken] = await tx
      .select({ id: customFields.id })
      .from(customFields)
      .where(and(eq(customFields.orgId, ctx.org.id), eq(customFields.key, input.key)));
    if (taken)
      throw new AppError('CONFLICT', 'A custom field with this key already exists', [
        { path: 'body.key', message: 'already exists' },
      ]);
    const [row] = await tx
      .insert(customFields)
      .values({ ...input, orgId: ctx.org.id })
      .returning();
    await recordAudit(tx, ctx, {
      action: 'custom_field.create',
      subjectType: 'custom_field',
      subjectId: row!.id,
      data: { ...input },
    });
    return row!;
  });
}

/** Label and options may change; key and type may not, since stored values depend on them. */
export async function updateCustomField(db: Db, ctx: OrgContext, id: number, input: z.infer<typeof customFieldPatch>) {
  return db.transaction(async (tx) => {
    const before = await findField(tx, ctx.org.id, id);
    if (input.options) checkOptions(before.type, input.options);
    const [row] = await tx
      .update(customFields)
      .set(input)
      .where(and(eq(customFields.orgId, ctx.org.id), eq(customFields.id, id)))
      .returning();
    await recordAudit(tx, ctx, {
      action: 'custom_field.update',
      subjectType: 'custom_field',
      subjectId: id,
      data: diffFields(before, input),
    });
    return row!;
  });
}

/** Deletes the definition and the values stored under its key. */
export async function deleteCustomField(db: Db, ctx: OrgContext, id: number) {
  return db.transaction(async (tx) => {
    const field = await findField(tx, ctx.org.id, id);
    // Each contact that loses a value gets a timeline line; one statement however many there are.
    const data = JSON.stringify({ fields: [`custom.${field.key}`], customFieldDeleted: true, label: field.label });
    await tx.execute(sql`
      insert into ${contactActivities} (org_id, contact_id, type, summary, data, actor_user_id)
      select org_id, id, 'updated', ${`Custom field deleted: ${field.label}`}, ${data}::jsonb, ${actorUserId(ctx)}::uuid
      from ${contacts} where org_id = ${ctx.org.id} and custom ? ${field.key}::text`);
    await tx
      .update(contacts)
      .set({ custom: sql`${contacts.custom} - ${field.key}::text` })
      .where(and(eq(contacts.orgId, ctx.org.id), sql`${contacts.custom} ? ${field.key}::text`));
    await tx.delete(customFields).where(and(eq(customFields.orgId, ctx.org.id), eq(customFields.id, id)));
    await recordAudit(tx, ctx, {
      action: 'custom_field.delete',
      subjectType: 'custom_field',
      subjectId: id,
      data: { key: field.key, label: field.label },
    });
  });
}
