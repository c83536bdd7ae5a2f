import type { Db } from '../../db/client.ts';
import { GroupCommit } from '../../db/group-commit.ts';
import { insertRows } from '../../db/insert-rows.ts';
import { insertOrderOnce, type OrderRow } from './repo.ts';
import { donationOrders } from './tables.ts';

type NewOrder = { orgId: string; values: Omit<typeof donationOrders.$inferInsert, 'orgId'> };

const queues = new WeakMap<Db, GroupCommit<NewOrder, { row: OrderRow | undefined }>>();

/**
 * insertOrderOnce() for the donors of a busy campaign: the orders that arrive while one INSERT runs
 * go together in the next, one statement for them all. Answers the order, or undefined when its form
 * token was used already (a second submit). Every order of a batch must give the same columns.
 */
export function insertNewOrder(db: Db, orgId: string, values: NewOrder['values']): Promise<OrderRow | undefined> {
  let queue = queues.get(db);
  if (!queue) {
    queue = new GroupCommit({
      max: 200,
      async batch(orders) {
        const rows = await insertRows(
          db,
          donationOrders,
          orders.map((o) => ({ ...o.values, orgId: o.orgId })),
          { onConflictDoNothing: [donationOrders.orgId, donationOrders.submitToken] },
        );
        const byNumber = new Map(rows.map((row) => [row.orderNo, row]));
        return orders.map((o) => ({ row: byNumber.get(o.values.orderNo) }));
      },
      alone: async (o) => ({ row: await insertOrderOnce(db, o.orgId, o.values) }),
    });
    queues.set(db, queue);
  }
  return queue.add({ orgId, values }).then((outcome) => outcome.row);
}
