import { and, asc, desc, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { notFound } from '../../errors/app-error.ts';
// The import reads the organization's custom field definitions to map and check columns.
import { customFields } from '../contacts/tables.ts';
import type { CustomFieldDef } from './normalize-row.ts';
import { importMappings, importRejections, importRows, imports } from './tables.ts';

export type ImportRow = typeof imports.$inferSelect;
export type SavedMappingRow = typeof importMappings.$inferSelect;

export async function findImport(db: Db, orgId: string, id: number): Promise<ImportRow> {
  const [row] = await db
    .select()
    .from(imports)
    .where(and(eq(imports.orgId, orgId), eq(imports.id, id)));
  if (!row) throw notFound('Import');
  return row;
}

export const listImports = (db: Db, orgId: string, limit: number) =>
  db
    .select()
    .from(imports)
    .where(eq(imports.orgId, orgId))
    .orderBy(desc(imports.createdAt), desc(imports.id))
    .limit(limit);

export async function insertImport(db: Db, values: typeof imports.$inferInsert): Promise<ImportRow> {
  const [row] = await db.insert(imports).values(values).returning();
  return row!;
}

export async function updateImport(db: Db, orgId: string, id: number, values: Partial<typeof imports.$inferInsert>) {
  const [row] = await db
    .update(imports)
    .set(values)
    .where(and(eq(imports.orgId, orgId), eq(imports.id, id)))
    .returning();
  return row!;
}

/** Moves an import from one of `from` to `to`; undefined when another request moved it first. */
export async function transitionImport(
  db: Db,
  orgId: string,
  id: number,
  from: ImportRow['status'][],
  values: Partial<typeof imports.$inferInsert>,
): Promise<ImportRow | undefined> {
  const [row] = await db
    .update(imports)
    .set(values)
    .where(and(eq(imports.orgId, orgId), eq(imports.id, id), sql`${imports.status} in ${from}`))
    .returning();
  return row;
}

export async function customFieldDefs(db: Db, orgId: string): Promise<Map<string, CustomFieldDef>> {
  const rows = await db
    .select({
      key: customFields.key,
      label: customFields.label,
      type: customFields.type,
      options: customFields.options,
    })
    .from(customFields)
    .where(eq(customFields.orgId, orgId));
  return new Map(rows.map((r) => [r.key, r]));
}

export const clearStaging = (db: Db, orgId: string, importId: number) =>
  db.delete(importRows).where(and(eq(importRows.orgId, orgId), eq(importRows.importId, importId)));

export const clearRejections = (db: Db, orgId: string, importId: number, dryRun: boolean) =>
  db
    .delete(importRejections)
    .where(
      and(
        eq(importRejections.orgId, orgId),
        eq(importRejections.importId, importId),
        eq(importRejections.dryRun, dryRun),
      ),
    );

/** One page of rejections after a line, for streaming the CSV download. */
export const rejectionPage = (
  db: Db,
  orgId: string,
  importId: number,
  dryRun: boolean,
  afterLine: number,
  limit: number,
) =>
  db
    .select()
    .from(importRejections)
    .where(
      and(
        eq(importRejections.orgId, orgId),
        eq(importRejections.importId, importId),
        eq(importRejections.dryRun, dryRun),
        gt(importRejections.line, afterLine),
      ),
    )
    .orderBy(asc(importRejections.line))
    .limit(limit);

export const listSavedMappings = (db: Db, orgId: string) =>
  db.select().from(importMappings).where(eq(importMappings.orgId, orgId)).orderBy(asc(importMappings.name));

export async function findSavedMapping(db: Db, orgId: string, id: number): Promise<SavedMappingRow> {
  const [row] = await db
    .select()
    .from(importMappings)
    .where(and(eq(importMappings.orgId, orgId), eq(importMappings.id, id)));
  if (!row) throw notFound('Saved mapping');
  return row;
}
