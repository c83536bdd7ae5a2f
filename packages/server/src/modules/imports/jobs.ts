import { defineJob } from '../../jobs/registry.ts';
import { jobContext } from '../../http/system-context.ts';
import * as repo from './repo.ts';
import { IMPORT_FAILED_QUEUE, IMPORT_QUEUE, failImport, runImport } from './run.ts';

/** Stages and applies an import in the background; resumable after a crash. */
export const importJob = defineJob<{ orgId: string; importId: number }>({
  queue: IMPORT_QUEUE,
  async work(deps, data) {
    const row = await repo.findImport(deps.db, data.orgId, data.importId);
    const ctx = await jobContext(deps.db, data.orgId, row.createdBy);
    await runImport(deps, ctx, data.importId);
  },
});

/**
 * pg-boss dead-letters an import job here once its retries have run out (or it expired): the
 * import ends `failed` with a readable error instead of staying in staging or applying.
 */
export const importFailedJob = defineJob<{ orgId: string; importId: number }>({
  queue: IMPORT_FAILED_QUEUE,
  async work(deps, data) {
    const row = await repo.findImport(deps.db, data.orgId, data.importId);
    const ctx = await jobContext(deps.db, data.orgId, row.createdBy);
    await failImport(deps, ctx, data.importId);
  },
});
