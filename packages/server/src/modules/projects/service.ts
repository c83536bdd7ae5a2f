import type { Db } from '../../db/client.ts';
import { AppError, notFound } from '../../errors/app-error.ts';
import type { OrgContext } from '../../http/authorize.ts';
import { diffFields, recordAudit } from '../audit/index.ts';
import * as repo from './repo.ts';
import type { BudgetLineInput, ProjectInput, ProjectPatch } from './schemas.ts';
import { isUniqueViolation } from '../../db/errors.ts';

const slugTaken = () =>
  new AppError('SLUG_TAKEN', 'Another project already has this address', [
    { path: 'body.slug', message: 'already taken' },
  ]);

/** Creates a project with its budget lines. */
export async function createProject(db: Db, ctx: OrgContext, input: ProjectInput) {
  try {
    return await db.transaction(async (tx) => {
      if (await repo.projectBySlug(tx, ctx.org.id, input.slug)) throw slugTaken();
      const project = await repo.insertProject(tx, ctx.org.id, {
        slug: input.slug,
        name: input.name,
        description: input.description ?? null,
        currency: input.currency ?? ctx.org.currency,
      });
      const budgetLines = await repo.insertBudgetLines(tx, ctx.org.id, project.id, input.budgetLines);
      await recordAudit(tx, ctx, {
        action: 'project.create',
        subjectType: 'project',
        subjectId: project.id,
        data: { slug: project.slug, currency: project.currency, budgetLines: input.budgetLines },
      });
      return { ...project, budgetLines };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw slugTaken();
    throw error;
  }
}

/** A project of the organization with its budget lines, or NOT_FOUND. */
export async function getProject(db: Db, ctx: OrgContext, projectId: number) {
  const project = await repo.findProject(db, ctx.org.id, projectId);
  if (!project) throw notFound('Project');
  return { ...project, budgetLines: await repo.budgetLinesOf(db, ctx.org.id, projectId) };
}

export async function listProjects(db: Db, ctx: OrgContext) {
  const [projects, lines] = await Promise.all([repo.listProjects(db, ctx.org.id), repo.budgetLinesOf(db, ctx.org.id)]);
  return projects.map((p) => ({ ...p, budgetLines: lines.filter((l) => l.projectId === p.id) }));
}

/** Renames, describes, closes or reopens a project. Its slug and currency never change. */
export async function updateProject(db: Db, ctx: OrgContext, projectId: number, patch: ProjectPatch) {
  return db.transaction(async (tx) => {
    const before = await repo.findProject(tx, ctx.org.id, projectId);
    if (!before) throw notFound('Project');
    const changes = diffFields(before, patch);
    const project = Object.keys(changes).length ? await repo.updateProject(tx, ctx.org.id, projectId, patch) : before;
    if (Object.keys(changes).length) {
      await recordAudit(tx, ctx, {
        action: 'project.update',
        subjectType: 'project',
        subjectId: projectId,
        data: changes,
      });
    }
    return { ...project!, budgetLines: await repo.budgetLinesOf(tx, ctx.org.id, projectId) };
  });
}

export async function addBudgetLine(db: Db, ctx: OrgContext, projectId: number, input: BudgetLineInput) {
  return db.transaction(async (tx) => {
    const project = await repo.findProject(tx, ctx.org.id, projectId);
    if (!project) throw notFound('Project');
    const [line] = await repo.insertBudgetLines(tx, ctx.org.id, projectId, [input]);
    await recordAudit(tx, ctx, {
      action: 'budget_line.create',
      subjectType: 'project',
      subjectId: projectId,
      data: { budgetLineId: line!.id, ...input },
    });
    return line!;
  });
}
