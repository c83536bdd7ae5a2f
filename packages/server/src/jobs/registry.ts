import type PgBoss from 'pg-boss';
import type { AppDeps } from '../http/deps.ts';

/** A background job: a queue name and the work for one job's data. Jobs are idempotent and resumable. */
export interface JobDefinition<Data extends object = object> {
  queue: string;
  work(deps: AppDeps, data: Data): Promise<void>;
  batchSize?: number;
  /** A cron expression (minute resolution) for jobs pg-boss runs on a schedule, whoever is running. */
  schedule?: string;
}

const definitions: JobDefinition[] = [];

export function defineJob<Data extends object>(job: JobDefinition<Data>): JobDefinition<Data> {
  definitions.push(job as unknown as JobDefinition);
  return job;
}

/** Creates every queue and its schedule; safe to call on each start. */
export async function createQueues(boss: PgBoss): Promise<void> {
  for (const job of definitions) {
    await boss.createQueue(job.queue);
    if (job.schedule) await boss.schedule(job.queue, job.schedule, {}, { tz: 'UTC' });
  }
}

/** Starts workers for every queue in this process. */
export async function startWorkers(boss: PgBoss, deps: AppDeps): Promise<void> {
  for (const job of definitions) {
    await boss.work<object>(job.queue, { batchSize: job.batchSize ?? 1, pollingIntervalSeconds: 0.5 }, async (jobs) => {
      for (const one of jobs) await job.work(deps, one.data);
    });
  }
}
