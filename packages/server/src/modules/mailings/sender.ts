import { sql } from 'drizzle-orm';
import type { EmailTransport, SendOutcome } from '../../adapters/email/index.ts';
import type { Config } from '../../config/config.ts';
import type { Db } from '../../db/client.ts';
import type { ClaimedCopy } from '../outreach/index.ts';
import { deliverable, type Deliverable } from './audience.ts';
import { compileMailing } from './content.ts';
import { personalize } from './personalize.ts';
import * as repo from './repo.ts';

export interface SenderDeps {
  db: Db;
  config: Pick<Config, 'PUBLIC_URL' | 'SECRET_KEY' | 'EMAIL_FROM'>;
  email?: EmailTransport;
}

export interface SendOptions {
  /** Copies claimed, checked and sent together. */
  batchSize?: number;
  /** Rounds of tries for a copy whose transport gave up on a temporary failure. */
  maxRounds?: number;
  /** How long a temporary failure waits before its next round. */
  retryDelaySeconds?: number;
  /** A run hands over after this long (a job is not meant to run for an hour); the job queues the next. */
  budgetMs?: number;
  /** How many senders the mailing may have at once (MAILING_SENDERS); this run takes a free slot. */
  senders?: number;
}

/**
 * What a run ended with: all done; paused or cancelled; waiting for retries; another sender holds it;
 * or its time is up with copies still to send. 'busy': every slot has a live sender.
 */
export type RunResult = 'finished' | 'stopped' | 'waiting' | 'busy' | 'continue';

const LEASE_SECONDS = 120;

interface Settled {
  contactId: number;
  status: 'sent' | 'failed' | 'bounced' | 'skipped' | 'pending';
  reason: string | null;
  retry: boolean;
}

/** Every copy of the batch leaves `sending` in one statement. */
async function settle(db: Db, orgId: string, mailingId: number, settled: Settled[], retryDelaySeconds: number) {
  if (settled.length === 0) return;
  await db.execute(sql`
    update mailing_recipients r set
      status = s.status,
      reason = s.reason,
      sent_at = case when s.status = 'sent' then now() else r.sent_at end,
      retry_at = case when s.retry then now() + make_interval(secs => ${retryDelaySeconds} * r.attempts) else null end
    from jsonb_to_recordset(${JSON.stringify(settled)}::jsonb)
      as s("contactId" bigint, status text, reason text, retry boolean)
    where r.org_id = ${orgId} and r.mailing_id = ${mailingId} and r.contact_id = s."contactId"
      and r.status = 'sending'`);
  const bounced = settled.filter((s) => s.status === 'bounced').map((s) => s.contactId);
  if (bounced.length > 0) await repo.suppressBounced(db, orgId, mailingId, bounced, 'send');
}

const failureText = (outcome: Extract<SendOutcome, { status: 'failed' }>) =>
  `${outcome.failure.reason}: ${outcome.failure.message}`.slice(0, 500);

function outcomeOf(claimed: ClaimedCopy, outcome: SendOutcome, maxRounds: number): Settled {
  const { contactId } = claimed;
  if (outcome.status === 'sent') return { contactId, status: 'sent', reason: null, retry: false };
  const reason = failureText(outcome);
  // A 5xx from the server is a hard bounce: the address is suppressed for every later mailing.
  if (outcome.failure.reason === 'rejected') return { contactId, status: 'bounced', reason, retry: false };
  if (outcome.failure.kind === 'permanent' || claimed.attempts >= maxRounds)
    return { contactId, status: 'failed', reason, retry: false };
  return { contactId, status: 'pending', reason, retry: true };
}

/**
 * Sends a mailing that is `sending` until it is done, paused or cancelled. Up to `senders` runs (in as
 * many processes, each with its own SMTP connections) send it at once, each holding one slot of the
 * mailing's lease; they claim disjoint batches. Copies are claimed (`sending`, with the slot) before they
 * go out and settled after, so a run that stops anywhere is resumed by the next one; a copy a crashed run
 * left in flight is marked `uncertain` and never sent again, so no one gets the same mailing twice.
 */
export async function runMailing(
  deps: SenderDeps,
  orgId: string,
  mailingId: number,
  options: SendOptions = {},
): Promise<RunResult> {
  const { batchSize = 200, maxRounds = 3, retryDelaySeconds = 300, budgetMs = 5 * 60_000, senders = 1 } = options;
  const deadline = Date.now() + budgetMs;
  const transport = deps.email;
  if (!transport) return 'waiting';
  const lease = await repo.takeLease(deps.db, orgId, mailingId, LEASE_SECONDS, senders);
  if (!lease) return 'busy';
  const mailing = (await repo.findMailing(deps.db, orgId, mailingId))!;
  try {
    await repo.markInFlightUncertain(deps.db, orgId, mailingId, lease);
    const template = compileMailing(mailing.subject, mailing.content);
    const org = await repo.senderOf(deps.db, orgId);
    // Two batches overlap: the next is claimed and checked while the last is still on the wire, so the
    // SMTP connections never wait for the database.
    let onTheWire: Promise<void> = Promise.resolve();
    try {
      for (;;) {
        if (!(await repo.renewLease(deps.db, orgId, mailingId, lease, LEASE_SECONDS))) return 'stopped';
        const claimed = await repo.claimBatch(deps.db, orgId, mailingId, lease, batchSize);
        if (claimed.length === 0) {
          await onTheWire;
          return (await repo.finishIfDone(deps.db, orgId, mailingId)) ? 'finished' : 'waiting';
        }
        const checked = new Map<number, Deliverable>(
          (
            await deliverable(
              deps.db,
              orgId,
              mailingId,
              mailing.purpose,
              claimed.map((c) => c.contactId),
            )
          ).map((d) => [Number(d.contactId), d]),
        );
        const batch = Promise.all(
          claimed.map(async (c): Promise<Settled> => {
            const d = checked.get(Number(c.contactId));
            if (!d || d.skip)
              return { contactId: c.contactId, status: 'skipped', reason: d?.skip ?? 'contact gone', retry: false };
            const email = personalize(deps.config, { org, mailing, template }, d);
            return outcomeOf(c, await transport.send(email), maxRounds);
          }),
        ).then((settled) => settle(deps.db, orgId, mailingId, settled, retryDelaySeconds));
        // Handled here so a failure while the previous batch is awaited is not reported as unhandled.
        batch.catch(() => undefined);
        await onTheWire;
        onTheWire = batch;
        if (Date.now() > deadline) return 'continue';
      }
    } finally {
      // A batch still on the wire is settled before the lease goes, whatever stopped the loop.
      await onTheWire;
    }
  } finally {
    await repo.releaseLease(deps.db, orgId, mailingId, lease);
  }
}
