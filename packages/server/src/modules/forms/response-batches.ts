import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/client.ts';
import { GroupCommit } from '../../db/group-commit.ts';
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
}

/**
 * Group commit for a form's public submissions (db/group-commit.ts), one queue per form: while one
 * transaction records a batch, the submissions that arrive wait and go together in the next, so a busy
 * form costs a few statements and one commit per batch rather than per answer. A lone submission goes
 * at once. Each caller is answered once its response is committed, or with its own refusal (closed,
 * full, answers to correct), which never holds up the others. One batch at a time per form, as for
 * paid notices: answers to a limited form wait on its lock anyway.
 */
export class ResponseQueue {
  private readonly forms = new Map<string, GroupCommit<Waiting, Outcome>>();

  constructor(private readonly db: Db) {}

  async submit(target: Target, submission: Submission, log: Waiting['log']): Promise<ResponseRow> {
    const key = `${target.org.id}:${target.formId}`;
    let queue = this.forms.get(key);
    if (!queue) this.forms.set(key, (queue = this.formQueue()));
    const outcome = await queue.add({ target, submission, log });
    if (outcome instanceof AppError) throw outcome;
    return outcome;
  }

  private formQueue() {
    return new GroupCommit<Waiting, Outcome>({
      max: MAX_BATCH,
      batch: (batch) =>
        this.db.transaction((tx) =>
          recordSubmissions(
            tx,
            batch[0]!.target.org,
            batch[0]!.target.formId,
            batch.map((w) => w.submission),
          ),
        ),
      alone: ({ target, submission: s }) => submitResponse(this.db, target, s.raw, s.now, s.prefix, s.upload),
      // Whatever failed the batch must not fail the others with it: each goes again on its own, and is
      // answered as it alone decides.
      failed: (error, batch) =>
        batch[0]!.log.warn({ err: error, submissions: batch.length }, 'form submissions recorded one by one'),
    });
  }
}

const queues = new WeakMap<Db, ResponseQueue>();

/** The process's queue of public submissions for a database. */
export function responseQueue(db: Db): ResponseQueue {
  let queue = queues.get(db);
  if (!queue) queues.set(db, (queue = new ResponseQueue(db)));
  return queue;
}
