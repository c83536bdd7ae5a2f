import type { FastifyPluginAsync } from 'fastify';
import { goodsRoutes } from './goods-routes.ts';
import { moneyFlowRoutes } from './routes.ts';
import { voidRoutes } from './void-routes.ts';

/** Every fund-flow route: refunds, allocations, expenses, transfers, attachments, goods, deliveries. */
export const flowRoutes: FastifyPluginAsync = async (app) => {
  await app.register(moneyFlowRoutes);
  await app.register(goodsRoutes);
  await app.register(voidRoutes);
};

/** `commonweal ledger audit`: every financial row checked against its log entry. */
export { auditLedger, type AuditFinding } from './audit.ts';
/** The public side of follow-the-money: a gift's journey and a project's accounts. */
export { giftJourney, type JourneyStep } from './journey.ts';
export { projectTransparency, type ProjectTransparency } from './transparency.ts';
export { matchFifo } from './fifo.ts';
/** Recording movements outside HTTP (the demo organization): the same services the routes call. */
export { recordAllocation, recordRefund } from './money.ts';
export { recordExpense } from './spending.ts';
export { recordGoods, recordDelivery } from './goods.ts';
export { storeAttachment } from './attachments.ts';
/** The flows tables, for reads across modules. */
export { allocations, allocationSources } from './tables.ts';
