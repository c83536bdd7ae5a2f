import type { Db } from '../../db/client.ts';
import { AppError } from '../../errors/app-error.ts';
import type { OrgContext } from '../../http/authorize.ts';
import { recordAudit } from '../audit/index.ts';
import { and, eq, sql } from 'drizzle-orm';
import type { Mapping } from './mapping.ts';
import * as repo from './repo.ts';
import { importMappings } from './tables.ts';

export interface SavedMappingInput {
  name: string;
  mapping: Mapping;
}

const nameTaken = (error: unknown) => {
  const e = error as { code?: string; cause?: { code?: string } };
  return (e.cause?.code ?? e.code) === '23505';
};
const taken = () =>
  new AppError('CONFLICT', 'A saved mapping with this name already exists', [
    { path: 'name', message: 'already used' },
  ]);

export async function createSavedMapping(db: Db, ctx: OrgContext, input: SavedMappingInput) {
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(importMappings)
        .values({ orgId: ctx.org.id, name: input.name, mapping: input.mapping })
        .returning();
      await recordAudit(tx, ctx, {
        action: 'import_mapping.create',
        subjectType: 'import_mapping',
        subjectId: row!.id,
        data: { name: input.name },
      });
      return row!;
    });
  } catch (error) {
    if (nameTaken(error)) throw taken();
    throw error;
  }
}

export async function updateSavedMapping(db: Db, ctx: OrgContext, id: number, input: SavedMappingInput) {
  try {
    return await db.transaction(async (tx) => {
      await repo.findSavedMapping(tx, ctx.org.id, id);
      const [row] = await tx
        .update(importMappings)
        .set({ name: input.name, mapping: input.mapping, updatedAt: sql`now()` })
        .where(and(eq(importMappings.orgId, ctx.org.id), eq(importMappings.id, id)))
        .returning();
      await recordAudit(tx, ctx, {
        action: 'import_mapping.update',
        subjectType: 'import_mapping',
        subjectId: id,
        data: { name: input.name },
      });
      return row!;
    });
  } catch (error) {
    if (nameTaken(error)) throw taken();
    throw error;
  }
}

export async function deleteSavedMapping(db: Db, ctx: OrgContext, id: number) {
  await db.transaction(async (tx) => {
    const row = await repo.findSavedMapping(tx, ctx.org.id, id);
    await tx.delete(importMappings).where(and(eq(importMappings.orgId, ctx.org.id), eq(importMappings.id, id)));
    await recordAudit(tx, ctx, {
      action: 'import_mapping.delete',
      subjectType: 'import_mapping',
      subjectId: id,
      data: { name: row.name },
    });
  });
}
