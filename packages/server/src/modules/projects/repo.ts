import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { budgetLines, projects } from './tables.ts';

export type ProjectRow = typeof projects.$inferSelect;
export type BudgetLineRow = typeof budgetLines.$inferSelect;

export async function findProject(db: Db, orgId: string, id: number) {
  const [row] = await db
    .select()
    .from(projects)
    .where(and(eq(projects.orgId, orgId), eq(projects.id, id)));
  return row;
}

export async function projectBySlug(db: Db, orgId: string, slug: string) {
  const [row] = await db
    .select()
    .from(projects)
    .where(and(eq(projects.orgId, orgId), eq(projects.slug, slug)));
  return row;
}

export async function listProjects(db: Db, orgId: string) {
  return db.select().from(projects).where(eq(projects.orgId, orgId)).orderBy(asc(projects.createdAt), asc(projects.id));
}

export async function insertProject(db: Db, orgId: string, values: Omit<typeof projects.$inferInsert, 'orgId'>) {
  const [row] = await db
    .insert(projects)
    .values({ ...values, orgId })
    .returning();
  return row!;
}

export async function updateProject(db: Db, orgId: string, id: number, values: Partial<ProjectRow>) {
  const [row] = await db
    .update(projects)
    .set(values)
    .where(and(eq(projects.orgId, orgId), eq(projects.id, id)))
    .returning();
  return row;
}

export async function budgetLinesOf(db: Db, orgId: string, projectId?: number) {
  return db
    .select()
    .from(budgetLines)
    .where(
      and(eq(budgetLines.orgId, orgId), projectId === undefined ? undefined : eq(budgetLines.projectId, projectId)),
    )
    .orderBy(asc(budgetLines.id));
}

export async function insertBudgetLines(
  db: Db,
  orgId: string,
  projectId: number,
  lines: { name: string; amount: number }[],
) {
  if (lines.length === 0) return [];
  return db
    .insert(budgetLines)
    .values(lines.map((l) => ({ ...l, orgId, projectId })))
    .returning();
}

export async function findBudgetLine(db: Db, orgId: string, id: number) {
  const [row] = await db
    .select()
    .from(budgetLines)
    .where(and(eq(budgetLines.orgId, orgId), eq(budgetLines.id, id)));
  return row;
}
