import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize } from '../../http/authorize.ts';
import { idParam, orgSlug } from '../../http/params.ts';
import { onlineRefundInput, presentOrderRefund, refundOptions, requestOnlineRefund } from './online-refunds.ts';
import { orderRefundStatuses, paymentProviders } from './tables.ts';

const giftParams = z.object({ org: orgSlug, giftId: idParam });

const orderRefundSchema = z.object({
  id: z.number(),
  refundNo: z.string(),
  provider: z.enum(paymentProviders),
  amount: z.number(),
  currency: z.string(),
  reason: z.string(),
  status: z.enum(orderRefundStatuses),
  error: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** Refunds of online gifts through the provider the donor paid with (原路退款). */
export const refundRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, config, payments, clock } = app.deps;
  const deps = { db, config, payments, now: () => clock.now() };
  const tags = ['fundraising'];

  app.get(
    '/orgs/:org/gifts/:giftId/refund-options',
    {
      schema: {
        tags,
        summary: 'How much of a gift can be refunded, and whether its payment provider can send it back',
        params: giftParams,
        response: {
          200: z.object({
            giftId: z.number(),
            amount: z.number(),
            currency: z.string(),
            left: z.number().describe('neither refunded, being refunded, nor allocated; minor units'),
            online: z
              .object({ orderNo: z.string(), provider: z.enum(paymentProviders), refundable: z.boolean() })
              .nullable()
              .describe('null for gifts not given online'),
            requests: z.array(orderRefundSchema),
          }),
        },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'gifts:read');
      const options = await refundOptions(deps, ctx.org.id, request.params.giftId);
      return { ...options, requests: options.requests.map(presentOrderRefund) };
    },
  );

  app.post(
    '/orgs/:org/gifts/:giftId/online-refunds',
    {
      schema: {
        tags,
        summary: 'Refund an online gift through its payment provider (原路退款)',
        description:
          'Recorded as a refund of the gift (with its donation.refunded ledger entry) once the provider says ' +
          'the money went back: at once (status succeeded), or on its later notification (status processing).',
        params: giftParams,
        body: onlineRefundInput,
        response: { 201: orderRefundSchema },
      },
    },
    async (request, reply) => {
      const ctx = await authorize(request, 'funds:write');
      const row = await requestOnlineRefund(deps, ctx, request.params.giftId, request.body);
      return reply.status(201).send(presentOrderRefund(row));
    },
  );
};
