import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { authorize } from '../../http/authorize.ts';
import type { Permission } from '../platform/index.ts';
import { presentVoided } from './present.ts';
import {
  allocationParams,
  deliveryParams,
  expenseParams,
  goodsParams,
  refundParams,
  transferParams,
  voidedSchema,
  voidInput,
} from './schemas.ts';
import { voidFlow, type VoidableKind } from './void.ts';

type IdParams = z.ZodObject;

const voidable: { kind: VoidableKind; path: string; params: IdParams; id: string; permission: Permission }[] = [
  {
    kind: 'refund',
    path: '/orgs/:org/refunds/:refundId/void',
    params: refundParams,
    id: 'refundId',
    permission: 'funds:write',
  },
  {
    kind: 'allocation',
    path: '/orgs/:org/allocations/:allocationId/void',
    params: allocationParams,
    id: 'allocationId',
    permission: 'funds:write',
  },
  {
    kind: 'expense',
    path: '/orgs/:org/expenses/:expenseId/void',
    params: expenseParams,
    id: 'expenseId',
    permission: 'funds:write',
  },
  {
    kind: 'transfer',
    path: '/orgs/:org/transfers/:transferId/void',
    params: transferParams,
    id: 'transferId',
    permission: 'funds:write',
  },
  {
    kind: 'goods',
    path: '/orgs/:org/goods/:movementId/void',
    params: goodsParams,
    id: 'movementId',
    permission: 'goods:write',
  },
  {
    kind: 'delivery',
    path: '/orgs/:org/deliveries/:deliveryId/void',
    params: deliveryParams,
    id: 'deliveryId',
    permission: 'goods:write',
  },
];

/** Corrections instead of edits: each kind of movement can be voided, never changed or deleted. */
export const voidRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;
  for (const route of voidable) {
    app.post(
      route.path,
      {
        schema: {
          tags: ['fund flows'],
          summary: `Void a ${route.kind} recorded by mistake (a correction entry; the record stays)`,
          params: route.params,
          body: voidInput,
          response: { 200: voidedSchema },
        },
      },
      async (request) => {
        const ctx = await authorize(request, route.permission);
        const id = (request.params as Record<string, number>)[route.id]!;
        return presentVoided(await voidFlow(db, ctx, route.kind, id, request.body.reason ?? null));
      },
    );
  }
};
