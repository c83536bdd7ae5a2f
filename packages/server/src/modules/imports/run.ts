import { and, asc, count, eq } from 'drizzle-orm';
import type PgBoss from 'pg-boss';
import type { Database } from '../../db/client.ts';
import { AppError } from '../../errors/app-error.ts';
import type { OrgContext } from '../../http/authorize.ts';
import { recordAudit } from '../audit/index.ts';
import { applyStaged, type ApplyCounts } from './apply.ts';
import { mappingSchema } from './mapping.ts';
import * as repo from './repo.ts';
import { checkMapping, sniffedOf, type ImportDeps } from './service.ts';
import { stageFile } from './stage.ts';
import { importRejections } from './tables.ts';
import { timed, type PhaseTimings } from './timings.ts';

export const IMPORT_QUEUE = 'imports.run';
/** Where pg-boss sends an import job whose retries have run out (see jobs.ts). */
export const IMPORT_FAILED_QUEUE = 'imports.failed';

/** How often pg-boss retries a failed import job, and after how many seconds. Tests shorten it. */
export const importRetry = { retryLimit: 3, retryDelay: 5 };

export interface RunDeps extends ImportDeps {
  database: Database;
  /** Per-phase timers (the bench); absent in production. */
  timings?: PhaseTimings;
}

export interface ImportReport extends ApplyCounts {
  dryRun: boolean;
  rows: { total: number; staged: number; rejected: number };
  sampleRejections: { line: number; endLine: number | null; reason: string }[];
}

/** PostgreSQL has memory to spare for one big transaction; the embedded database shares the app's 1 GB budget. */
const applyWorkMem = (database: Database) => (database.kind === 'postgres' ? '256MB' : '32MB');

class DryRunRollback extends Error {
  constructor(readonly counts: ApplyCounts) {
    super('dry run');
  }
}

async function prepared(deps: RunDeps, ctx: OrgContext, row: repo.ImportRow) {
  const mapping = mappingSchema.parse(row.mapping ?? {});
  const customFields = await repo.customFieldDefs(deps.db, ctx.org.id);
  checkMapping(mapping, row.headers, customFields);
  return { mapping, customFields };
}

const notReady = (row: repo.ImportRow) =>
  new AppError('IMPORT_NOT_READY', `This import is ${row.status}; only an import that has not started can do this`);

/**
 * Everything the import would do, without doing it: the rows are staged and the apply runs in a
 * transaction that is rolled back. The report and the rejected rows are kept with the import.
 */
export async function dryRun(deps: RunDeps, ctx: OrgContext, id: number): Promise<ImportReport> {
  const row = await repo.findImport(deps.db, ctx.org.id, id);
  const { mapping, customFields } = await prepared(deps, ctx, row);
  if (!(await repo.transitionImport(deps.db, ctx.org.id, id, ['uploaded'], { status: 'checking' })))
    throw notReady(row);
  try {
    await repo.clearStaging(deps.db, ctx.org.id, id);
    await repo.clearRejections(deps.db, ctx.org.id, id, true);
    const staged = await stageFile(deps.database, deps.files, {
      orgId: ctx.org.id,
      importId: id,
      fileKey: row.fileKey,
      sniffed: sniffedOf(row),
      headers: row.headers,
      mapping,
      customFields,
      dryRun: true,
      resumeAfterLine: 0,
    });
    let counts: ApplyCounts | undefined;
    try {
      await deps.db.transaction(async (tx) => {
        const applied = await applyStaged(tx, {
          orgId: ctx.org.id,
          importId: id,
          fileName: row.fileName,
          timezone: ctx.org.timezone,
          mapping,
          actorUserId: null,
          workMem: applyWorkMem(deps.database),
        });
        throw new DryRunRollback(applied);
      });
    } catch (error) {
      if (!(error instanceof DryRunRollback)) throw error;
      counts = error.counts;
    }
    const report: ImportReport = {
      dryRun: true,
      rows: { total: staged.rows, staged: staged.staged, rejected: staged.rejected },
      ...counts!,
      sampleRejections: staged.sampleRejections,
    };
    await repo.updateImport(deps.db, ctx.org.id, id, { dryRunReport: { ...report } });
    return report;
  } finally {
    await repo.clearStaging(deps.db, ctx.org.id, id);
    await repo.transitionImport(deps.db, ctx.org.id, id, ['checking'], { status: 'uploaded' });
  }
}

/** Queues the import; the job stages and applies it in the background. */
export async function startImport(deps: RunDeps & { boss: PgBoss }, ctx: OrgContext, id: number) {
  const row = await repo.findImport(deps.db, ctx.org.id, id);
  await prepared(deps, ctx, row);
  const queued = await deps.db.transaction(async (tx) => {
    const moved = await repo.transitionImport(tx, ctx.org.id, id, ['uploaded'], {
      status: 'queued',
      stagedThroughLine: 0,
      processedRows: 0,
      bytesRead: 0,
      error: null,
    });
    if (!moved) throw notReady(row);
    await recordAudit(tx, ctx, {
      action: 'import.start',
      subjectType: 'import',
      subjectId: id,
      data: { fileName: row.fileName },
    });
    return moved;
  });
  await repo.clearStaging(deps.db, ctx.org.id, id);
  await repo.clearRejections(deps.db, ctx.org.id, id, false);
  try {
    // Sent after the commit: on the embedded database pg-boss shares the one connection.
    await deps.boss.send(
      IMPORT_QUEUE,
      { orgId: ctx.org.id, importId: id },
      {
        ...importRetry,
        deadLetter: IMPORT_FAILED_QUEUE,
        expireInSeconds: 6 * 3600,
        singletonKey: `import:${ctx.org.id}:${id}`,
      },
    );
  } catch (error) {
    await repo.transitionImport(deps.db, ctx.org.id, id, ['queued'], { status: 'uploaded' });
    throw error;
  }
  return queued;
}

async function rejectionSummary(deps: RunDeps, orgId: string, id: number) {
  const where = and(
    eq(importRejections.orgId, orgId),
    eq(importRejections.importId, id),
    eq(importRejections.dryRun, false),
  );
  const [total] = await deps.db.select({ n: count() }).from(importRejections).where(where);
  const sample = await deps.db
    .select({ line: importRejections.line, endLine: importRejections.endLine, reason: importRejections.reason })
    .from(importRejections)
    .where(where)
    .orderBy(asc(importRejections.line))
    .limit(100);
  return { rejected: total?.n ?? 0, sample };
}

async function markFailed(deps: RunDeps, ctx: OrgContext, id: number, from: repo.ImportRow['status'][], error: string) {
  await deps.db.transaction(async (tx) => {
    const moved = await repo.transitionImport(tx, ctx.org.id, id, from, {
      status: 'failed',
      error,
      finishedAt: new Date(),
    });
    if (moved)
      await recordAudit(tx, ctx, { action: 'import.fail', subjectType: 'import', subjectId: id, data: { error } });
  });
  await repo.clearStaging(deps.db, ctx.org.id, id);
}

/**
 * The end of an import whose job failed every attempt (pg-boss dead-letters it here): the import is
 * marked failed with the last error, its staged rows are dropped, and nothing was applied (the
 * apply is one transaction). An import that completed or failed meanwhile is left alone.
 */
export async function failImport(deps: RunDeps, ctx: OrgContext, id: number): Promise<repo.ImportRow> {
  const row = await repo.findImport(deps.db, ctx.org.id, id);
  if (!['queued', 'staging', 'applying'].includes(row.status)) return row;
  const last = row.error ? ` The last error was: ${row.error}` : '';
  const message =
    `The import stopped with an error ${importRetry.retryLimit + 1} times and was given up; nothing was imported.${last} ` +
    'Check the file and start a new import, or contact your administrator if it happens again.';
  await markFailed(deps, ctx, id, ['queued', 'staging', 'applying'], message.slice(0, 1000));
  return repo.findImport(deps.db, ctx.org.id, id);
}

/**
 * The import job: stage the file (resuming after the last committed batch), then apply everything in
 * one transaction. Safe to run again: a completed import is left alone.
 */
export async function runImport(deps: RunDeps, ctx: OrgContext, id: number): Promise<repo.ImportRow> {
  let row = await repo.findImport(deps.db, ctx.org.id, id);
  if (!['queued', 'staging', 'applying'].includes(row.status)) return row;
  const { mapping, customFields } = await prepared(deps, ctx, row);
  try {
    if (row.status !== 'applying') {
      row = await repo.updateImport(deps.db, ctx.org.id, id, {
        status: 'staging',
        startedAt: row.startedAt ?? new Date(),
      });
      await stageFile(deps.database, deps.files, {
        orgId: ctx.org.id,
        importId: id,
        fileKey: row.fileKey,
        sniffed: sniffedOf(row),
        headers: row.headers,
        mapping,
        customFields,
        dryRun: false,
        resumeAfterLine: row.stagedThroughLine,
        timings: deps.timings,
      });
      row = await repo.findImport(deps.db, ctx.org.id, id);
      row = await repo.updateImport(deps.db, ctx.org.id, id, { status: 'applying', totalRows: row.processedRows });
    }
    const rejections = await rejectionSummary(deps, ctx.org.id, id);
    const applyStarted = performance.now();
    row = await deps.db.transaction(async (tx) => {
      const counts = await applyStaged(tx, {
        orgId: ctx.org.id,
        importId: id,
        fileName: row.fileName,
        timezone: ctx.org.timezone,
        mapping,
        actorUserId: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
        workMem: applyWorkMem(deps.database),
        timings: deps.timings,
      });
      const total = row.totalRows ?? row.processedRows;
      const report: ImportReport = {
        dryRun: false,
        rows: { total, staged: total - rejections.rejected, rejected: rejections.rejected },
        ...counts,
        sampleRejections: rejections.sample,
      };
      const done = await repo.updateImport(tx, ctx.org.id, id, {
        status: 'completed',
        report: { ...report },
        finishedAt: new Date(),
      });
      const { sampleRejections: _sample, ...counted } = report;
      await recordAudit(tx, ctx, {
        action: 'import.complete',
        subjectType: 'import',
        subjectId: id,
        data: {
          fileName: row.fileName,
          format: row.format,
          encoding: row.encoding,
          policy: mapping.policy,
          ...counted,
        },
      });
      return done;
    });
    deps.timings?.add('apply: whole transaction incl. commit', performance.now() - applyStarted);
    await timed(deps.timings, 'clear staging', () => repo.clearStaging(deps.db, ctx.org.id, id));
    return row;
  } catch (error) {
    if (!(error instanceof AppError)) {
      // Left staging or applying: the retried job resumes from the checkpoint.
      await repo.updateImport(deps.db, ctx.org.id, id, { error: String((error as Error).message).slice(0, 500) });
      throw error;
    }
    await markFailed(deps, ctx, id, ['queued', 'staging', 'applying'], error.message);
    return repo.findImport(deps.db, ctx.org.id, id);
  }
}
