import { and, eq } from 'drizzle-orm';
import type PgBoss from 'pg-boss';
import type { Db } from '../../db/client.ts';
import { notFound } from '../../errors/app-error.ts';
import type { OrgContext } from '../../http/authorize.ts';
import { defineJob } from '../../jobs/registry.ts';
import { recordAudit } from '../audit/index.ts';
import { detectDuplicates } from './detect.ts';
import { duplicateScans } from './tables.ts';

export type Scan = typeof duplicateScans.$inferSelect;

export const SCAN_QUEUE = 'duplicates.scan';

const userOf = (ctx: OrgContext) => (ctx.actor.kind === 'user' ? ctx.actor.userId : null);

/** Runs one recorded scan; a scan that already finished is left alone, so the job is idempotent. */
export async function runScan(db: Db, orgId: string, scanId: string): Promise<Scan> {
  const scan = await findScan(db, orgId, scanId);
  if (scan.status === 'succeeded') return scan;
  const started = Date.now();
  await db
    .update(duplicateScans)
    .set({ status: 'running', startedAt: new Date(), error: null })
    .where(and(eq(duplicateScans.orgId, orgId), eq(duplicateScans.id, scanId)));
  try {
    const pairsFound = await detectDuplicates(db, orgId, scanId);
    const [done] = await db
      .update(duplicateScans)
      .set({ status: 'succeeded', pairsFound, finishedAt: new Date(), stats: { durationMs: Date.now() - started } })
      .where(and(eq(duplicateScans.orgId, orgId), eq(duplicateScans.id, scanId)))
      .returning();
    return done!;
  } catch (error) {
    // Drizzle wraps the driver's error in one that repeats the whole query; keep the cause.
    const cause = (error as Error).cause;
    const message = cause instanceof Error ? cause.message : (error as Error).message;
    const [failed] = await db
      .update(duplicateScans)
      .set({ status: 'failed', error: message.slice(0, 500), finishedAt: new Date() })
      .where(and(eq(duplicateScans.orgId, orgId), eq(duplicateScans.id, scanId)))
      .returning();
    return failed!;
  }
}

export const scanJob = defineJob<{ orgId: string; scanId: string }>({
  queue: SCAN_QUEUE,
  async work(deps, data) {
    await runScan(deps.db, data.orgId, data.scanId);
  },
});

async function createScan(db: Db, ctx: OrgContext): Promise<Scan> {
  return db.transaction(async (tx) => {
    const [scan] = await tx
      .insert(duplicateScans)
      .values({ orgId: ctx.org.id, requestedBy: userOf(ctx) })
      .returning();
    await recordAudit(tx, ctx, { action: 'duplicates.scan', subjectType: 'duplicate_scan', subjectId: scan!.id });
    return scan!;
  });
}

/** Records a scan and queues it as a background job. */
export async function requestScan(deps: { db: Db; boss: PgBoss }, ctx: OrgContext): Promise<Scan> {
  const scan = await createScan(deps.db, ctx);
  const where = and(eq(duplicateScans.orgId, ctx.org.id), eq(duplicateScans.id, scan.id));
  try {
    const jobId = await deps.boss.send(SCAN_QUEUE, { orgId: ctx.org.id, scanId: scan.id });
    const [queued] = await deps.db.update(duplicateScans).set({ jobId }).where(where).returning();
    return queued!;
  } catch (error) {
    await deps.db
      .update(duplicateScans)
      .set({ status: 'failed', error: `could not queue the scan: ${(error as Error).message}`.slice(0, 500) })
      .where(where);
    throw error;
  }
}

/** Runs a scan now, in this request (tests, the CLI, small organizations). */
export async function scanNow(db: Db, ctx: OrgContext): Promise<Scan> {
  const scan = await createScan(db, ctx);
  return runScan(db, ctx.org.id, scan.id);
}

export async function findScan(db: Db, orgId: string, scanId: string): Promise<Scan> {
  const [scan] = await db
    .select()
    .from(duplicateScans)
    .where(and(eq(duplicateScans.orgId, orgId), eq(duplicateScans.id, scanId)));
  if (!scan) throw notFound('Scan');
  return scan;
}
