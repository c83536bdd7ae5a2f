import type { Clock } from '../../adapters/clock.ts';
import type { Db } from '../../db/client.ts';
import type { ErrorCode } from '../../errors/codes.ts';
import { AppError, notFound } from '../../errors/app-error.ts';
import type { OrgContext } from '../../http/authorize.ts';
import { recordAudit } from '../audit/index.ts';
import type { sendStatuses } from './enums.ts';

export type SendStatus = (typeof sendStatuses)[number];

/** What a lifecycle step writes to the send besides its status. */
export interface SendChange {
  status: SendStatus;
  scheduledAt?: Date | null;
  startedAt?: Date;
  finishedAt?: Date;
  waitUntil?: null;
}

interface SendRecord {
  id: number;
  status: SendStatus;
}

/** A kind of send (a mailing, an SMS send): its names, and where and how its rows and copies are kept. */
export interface SendKind<Row extends SendRecord> {
  /** As the errors name it: "Mailing", "SMS send". */
  noun: string;
  stateCode: ErrorCode;
  /** Audit actions are `${auditPrefix}.send`, `.schedule`, `.pause`… on the subject type. */
  auditPrefix: string;
  subjectType: string;
  /** Why a cancelled send's pending copies were skipped. */
  cancelledReason: string;
  /** Who could have received it: what an empty audience is told it lacks. */
  reachableMeans: string;
  /** The send keeps a wait_until (quiet hours, retries), which resuming clears. */
  waits?: boolean;
  find(db: Db, orgId: string, id: number): Promise<Row | undefined>;
  /** Moves the send only from one of the given states; undefined when it was in none of them. */
  transition(
    db: Db,
    orgId: string,
    id: number,
    from: readonly SendStatus[],
    change: SendChange,
  ): Promise<Row | undefined>;
  /** How many contacts in the send's audience may receive it now. */
  countReachable(db: Db, clock: Clock, ctx: OrgContext, row: Row): Promise<number>;
  /** Writes one pending copy per contact who may receive it now; returns the send as it then stands. */
  listRecipients(tx: Db, clock: Clock, ctx: OrgContext, row: Row): Promise<Row | undefined>;
  skipPending(db: Db, orgId: string, id: number, reason: string): Promise<unknown>;
}

export type SendMove = 'pause' | 'resume' | 'cancel' | 'unschedule';

const moves: Record<SendMove, { from: SendStatus[]; to: SendStatus; verb: string }> = {
  pause: { from: ['sending'], to: 'paused', verb: 'paused' },
  unschedule: { from: ['scheduled'], to: 'draft', verb: 'unscheduled' },
  resume: { from: ['paused'], to: 'sending', verb: 'resumed' },
  cancel: { from: ['draft', 'scheduled', 'sending', 'paused'], to: 'cancelled', verb: 'cancelled' },
};

/** Only drafts and scheduled sends may still change or be sent; afterwards the copies are out. */
export const editable = (status: SendStatus) => status === 'draft' || status === 'scheduled';

/**
 * How a send moves, shared by mailings and SMS sends: sent now or scheduled, started (its recipients
 * listed), paused, resumed, cancelled, or taken back from scheduled to a draft.
 */
export function sendLifecycle<Row extends SendRecord>(kind: SendKind<Row>) {
  const stateError = (row: Row, action: string) =>
    new AppError(kind.stateCode, `A ${row.status} ${kind.noun.toLowerCase()} cannot be ${action}`, [], {
      status: row.status,
    });

  async function load(db: Db, orgId: string, id: number) {
    const row = await kind.find(db, orgId, id);
    if (!row) throw notFound(kind.noun);
    return row;
  }

  /** Lists the recipients and moves the send to sending, in one transaction. */
  async function startSending(
    deps: { db: Db; clock: Clock },
    ctx: OrgContext,
    id: number,
    from: readonly SendStatus[],
  ) {
    return deps.db.transaction(async (tx) => {
      const row = await kind.transition(tx, ctx.org.id, id, from, { status: 'sending', startedAt: new Date() });
      if (!row) return undefined;
      return kind.listRecipients(tx, deps.clock, ctx, row);
    });
  }

  /**
   * Sends now, or schedules, once `ready` has checked what the kind needs. Sending now writes the
   * recipients at once (who may receive it now), so the count staff confirmed is what goes; a
   * scheduled send lists them when its time comes.
   */
  async function sendOrSchedule(
    deps: { db: Db; clock: Clock },
    ctx: OrgContext,
    row: Row,
    scheduledAt: string | null | undefined,
    ready: () => Promise<void> | void,
  ) {
    if (!editable(row.status)) throw stateError(row, 'sent');
    await ready();
    const reachable = await kind.countReachable(deps.db, deps.clock, ctx, row);
    if (reachable === 0)
      throw new AppError('AUDIENCE_EMPTY', 'No contact in the audience can receive it', [
        { path: 'audience', message: `no contact ${kind.reachableMeans}` },
      ]);
    const later = scheduledAt && new Date(scheduledAt).getTime() > deps.clock.now().getTime();
    const moved = later
      ? await kind.transition(deps.db, ctx.org.id, row.id, ['draft', 'scheduled'], {
          status: 'scheduled',
          scheduledAt: new Date(scheduledAt),
        })
      : await startSending(deps, ctx, row.id, ['draft', 'scheduled']);
    if (!moved) throw stateError(await load(deps.db, ctx.org.id, row.id), 'sent');
    await recordAudit(deps.db, ctx, {
      action: `${kind.auditPrefix}.${later ? 'schedule' : 'send'}`,
      subjectType: kind.subjectType,
      subjectId: row.id,
      data: { scheduledAt: later ? scheduledAt : null, reachable },
    });
    return moved;
  }

  /**
   * Pause stops the sender after its batch; resume goes on where it stopped; cancel skips what is left;
   * unschedule takes a scheduled send back to a draft, to change it or send it another time.
   */
  async function move(db: Db, ctx: OrgContext, id: number, action: SendMove) {
    const { from, to, verb } = moves[action];
    const row = await kind.transition(db, ctx.org.id, id, from, {
      status: to,
      ...(action === 'cancel' ? { finishedAt: new Date() } : {}),
      ...(action === 'unschedule' ? { scheduledAt: null } : {}),
      ...(action === 'resume' && kind.waits ? { waitUntil: null } : {}),
    });
    if (!row) throw stateError(await load(db, ctx.org.id, id), verb);
    if (action === 'cancel') await kind.skipPending(db, ctx.org.id, id, kind.cancelledReason);
    await recordAudit(db, ctx, {
      action: `${kind.auditPrefix}.${action}`,
      subjectType: kind.subjectType,
      subjectId: id,
    });
    return row;
  }

  return { load, stateError, startSending, sendOrSchedule, move };
}
