import type { Db } from '../../db/client.ts';
import { GroupCommit } from '../../db/group-commit.ts';
import { insertOrderOnce, insertOrdersOnce, type NewOrder, type OrderRow } from './repo.ts';

const queues = new WeakMap<Db, GroupCommit<NewOrder, { row: OrderRow | undefined }>>();

/**
 * insertOrderOnce() for the donors of a busy campaign: the orders that arrive while one INSERT runs
 * go together in the next, one statement for them all (insertOrdersOnce). Answers the order, or
 * undefined when its form token was used already (a second submit).
 */
export function insertNewOrder(db: Db, orgId: string, values: NewOrder['values']): Promise<OrderRow | undefined> {
  let queue = queues.get(db);
  if (!queue) {
    queue = new GroupCommit({
      max: 200,
      batch: async (orders) => (await insertOrdersOnce(db, orders)).map((row) => ({ row })),
      alone: async (o) => ({ row: await insertOrderOnce(db, o.orgId, o.values) }),
    });
    queues.set(db, queue);
  }
  return queue.add({ orgId, values }).then((outcome) => outcome.row);
}
