import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../errors/app-error.ts';
import type { OrgContext } from '../../http/authorize.ts';
import { recordSubmissions, type Outcome } from './recording.ts';
import type { ResponseRow } from './repo.ts';
import type { Submission } from './submission.ts';
import { submitResponse } from './submit.ts';

/** The most submissions one transaction records. */
const MAX_BATCH = 200;

type Target = { org: OrgContext['org']; formId: number };

interface Waiting {
  target: Target;
  submission: Submission;
  log: Pick<FastifyBaseLogger, 'warn'>;
  resolve: (response: ResponseRow) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for a form's public submissions: while one transaction records a batch, the
 * submissions that arrive wait and go together in the next, so a busy form costs a few statements and
 * one commit per batch rather than per answer. A lone submission goes at once. Each caller is answered
 * once its response is committed, or with its own refusal (closed, full, answers to correct), which
 * never holds up the others.
 */
export class ResponseQueue {
  private readonly waiting = new Map<string, Waiting[]>();

  constructor(private readonly db: Db) {}

  submit(target: Target, submission: Submission, log: Waiting['log']): Promise<ResponseRow> {
    const key = `${target.org.id}:${target.formId}`;
    return new Promise((resolve, reject) => {
      const queue = this.waiting.get(key);
      const waiting = { target, submission, log, resolve, reject };
      if (queue) return queue.push(waiting);
      this.waiting.set(key, [waiting]);
      void this.drain(key);
    });
  }

  // One batch at a time per form, as for paid notices: answers to a limited form wait on its lock anyway.
  private async drain(key: string) {
    for (;;) {
      const queue = this.waiting.get(key)!;
      if (queue.length === 0) return this.waiting.delete(key);
      await this.run(queue.splice(0, MAX_BATCH));
    }
  }

  private async run(batch: Waiting[]) {
    const { target } = batch[0]!;
    let outcomes: Outcome[] | undefined;
    try {
      outcomes = await this.db.transaction((tx) =>
        recordSubmissions(
          tx,
          target.org,
          target.formId,
          batch.map((w) => w.submission),
        ),
      );
    } catch (error) {
      // Whatever failed the batch must not fail the others with it: each goes again on its own, and is
      // answered as it alone decides.
      batch[0]!.log.warn({ err: error, submissions: batch.length }, 'form submissions recorded one by one');
    }
    for (const [i, { submission: s, resolve, reject }] of batch.entries()) {
      const outcome = outcomes?.[i];
      if (outcome instanceof AppError) reject(outcome);
      else if (outcome) resolve(outcome);
      else submitResponse(this.db, target, s.raw, s.now, s.prefix, s.upload).then(resolve, reject);
    }
  }
}

const queues = new WeakMap<Db, ResponseQueue>();

/** The process's queue of public submissions for a database. */
export function responseQueue(db: Db): ResponseQueue {
  let queue = queues.get(db);
  if (!queue) queues.set(db, (queue = new ResponseQueue(db)));
  return queue;
}
