import type { FastifyBaseLogger } from 'fastify';
import type { PaymentEvent, PaymentProvider } from '../../adapters/payments/index.ts';
import { checkEventAmount } from '../../adapters/payments/index.ts';
import type { Db } from '../../db/client.ts';
import { GroupCommit } from '../../db/group-commit.ts';
import { insertsAtEnd } from '../../db/later-inserts.ts';
import { systemContextOf } from '../../http/system-context.ts';
import type { CallbackOutcome } from './callbacks.ts';
import { recordPaidOrders, type PaidOrder } from './record-payment.ts';
import * as repo from './repo.ts';

type ProviderName = PaymentProvider['name'];

/** A verified payment notice, as a provider's callback carried it. */
export interface PaidNotice {
  provider: ProviderName;
  event: PaymentEvent;
}

export const notificationIdOf = (event: PaymentEvent) => event.notificationId ?? `${event.kind}:${event.transactionId}`;

/**
 * Records the plain case of many paid notices in one transaction: the first notice of an order still
 * unpaid, for its full amount. Answers an outcome per notice, or undefined for the notices it left
 * alone (an unknown order, a second notice, a different amount, an order already paid): those go
 * through applyPaymentEvent one by one, after this commits, and are answered as it decides. The
 * batch's audit events and timeline lines are written together at its end (later-inserts.ts).
 */
export async function recordPaidNotices(
  db: Db,
  notices: readonly PaidNotice[],
): Promise<(CallbackOutcome | undefined)[]> {
  return db.transaction((tx) => insertsAtEnd(tx, () => recordPlainNotices(tx, notices)));
}

async function recordPlainNotices(tx: Db, notices: readonly PaidNotice[]): Promise<(CallbackOutcome | undefined)[]> {
  const orders = await repo.lockOrdersByNumber(tx, [...new Set(notices.map((n) => n.event.orderNo))]);
  const byNumber = new Map(orders.map(({ order }) => [order.orderNo, order]));
  const orgs = new Map(orders.map(({ org }) => [org.id, org]));
  const taken = new Set<string>();
  const plain = notices.flatMap(({ provider, event }, index) => {
    const order = byNumber.get(event.orderNo);
    if (!order || taken.has(order.orderNo) || event.kind !== 'paid') return [];
    if (order.provider !== provider || order.status === 'paid') return [];
    if (!checkEventAmount(event, { amount: order.amount, currency: order.currency }).ok) return [];
    taken.add(order.orderNo);
    return [{ index, order, event, provider, notificationId: notificationIdOf(event) }];
  });
  const first = await repo.recordNotifications(
    tx,
    plain.map(({ order, event, provider, notificationId }) => ({
      orgId: order.orgId,
      provider,
      notificationId,
      orderNo: order.orderNo,
      kind: event.kind,
      outcome: 'recorded' as const,
    })),
  );
  const groups = new Map<string, (PaidOrder & { index: number; provider: ProviderName })[]>();
  for (const notice of plain) {
    if (!first.has(notice.notificationId)) continue;
    const key = `${notice.order.orgId}\n${notice.provider}`;
    groups.set(key, [...(groups.get(key) ?? []), notice]);
  }
  const outcomes: (CallbackOutcome | undefined)[] = notices.map(() => undefined);
  for (const group of groups.values()) {
    const ctx = systemContextOf(orgs.get(group[0]!.order.orgId)!, `payments:${group[0]!.provider}`, 'provider');
    await recordPaidOrders(tx, ctx, group);
    for (const { index, order } of group) outcomes[index] = { status: 'recorded', orderNo: order.orderNo };
  }
  return outcomes;
}

/** The most notices one transaction records. */
const MAX_BATCH = 200;

type OneByOne = (db: Db, provider: ProviderName, event: PaymentEvent) => Promise<CallbackOutcome>;

type Waiting = PaidNotice & { log: Pick<FastifyBaseLogger, 'warn'> };

/**
 * Group commit for paid notices (db/group-commit.ts): while one transaction records a batch, the
 * notices that arrive wait and go together in the next, so a campaign day's callbacks cost a few
 * statements and one commit per batch rather than per gift. A lone notice goes at once. Each caller is
 * answered once its notice is committed. One batch at a time: two at once measured no faster (smaller
 * batches, waits on the same rows).
 */
export class PaidNoticeQueue {
  private readonly queue: GroupCommit<Waiting, CallbackOutcome>;

  constructor(db: Db, oneByOne: OneByOne) {
    this.queue = new GroupCommit<Waiting, CallbackOutcome>({
      max: MAX_BATCH,
      batch: (notices) => recordPaidNotices(db, notices),
      alone: (notice) => oneByOne(db, notice.provider, notice.event),
      // One notice the plain path cannot take (a transaction id already recorded, say) must not hold up
      // the others: the whole batch goes one by one, where each is decided on its own.
      failed: (error, notices) =>
        notices[0]!.log.warn({ err: error, notices: notices.length }, 'paid notices recorded one by one'),
    });
  }

  record(notice: PaidNotice, log: Waiting['log']): Promise<CallbackOutcome> {
    return this.queue.add({ ...notice, log });
  }
}

const queues = new WeakMap<Db, PaidNoticeQueue>();

/** The process's queue for a database. */
export function paidNoticeQueue(db: Db, oneByOne: OneByOne): PaidNoticeQueue {
  let queue = queues.get(db);
  if (!queue) queues.set(db, (queue = new PaidNoticeQueue(db, oneByOne)));
  return queue;
}
