import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize } from '../../http/authorize.ts';
import { idParam, orgParams } from '../../http/params.ts';
import { pledgeStatuses } from './enums.ts';
import * as repo from './repo.ts';
import {
  pledgeCancel,
  pledgeGiftParams,
  pledgeInput,
  pledgeParams,
  pledgePatch,
  pledgePaymentInput,
  pledgeSchema,
} from './schemas.ts';
import { cancelPledge, createPledge, payPledge, unlinkPledgeGift, updatePledge } from './service.ts';

const pledgeDetail = pledgeSchema.extend({
  payments: z.array(
    z.object({
      giftId: z.number(),
      amount: z.number(),
      refunded: z.number(),
      currency: z.string(),
      receivedAt: z.string(),
      channel: z.string(),
    }),
  ),
});

/** Pledges (认捐): promises to give, and the gifts that keep them. */
export const pledgeRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, clock } = app.deps;
  const tags = ['pledges'];
  const today = (timezone: string) => repo.orgTodayIn(timezone, clock.now());
  const detail = (orgId: string, id: number) => repo.pledgeWithPayments(db, orgId, id, clock.now());

  app.get(
    '/orgs/:org/pledges',
    {
      schema: {
        tags,
        summary: 'Pledges, open and overdue first, with counts and what is still to come',
        params: orgParams,
        querystring: z.object({
          status: z.enum(pledgeStatuses).optional(),
          contactId: idParam.optional(),
          limit: z.coerce.number().int().min(1).max(500).default(200),
        }),
        response: {
          200: z.object({
            summary: z.array(
              z.object({
                status: z.enum(pledgeStatuses),
                currency: z.string(),
                count: z.number(),
                outstanding: z.number().describe('minor units still to come (open and overdue pledges)'),
              }),
            ),
            items: z.array(pledgeSchema),
          }),
        },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'gifts:read');
      const day = today(ctx.org.timezone);
      return {
        summary: await repo.pledgeSummary(db, ctx.org.id, day),
        items: await repo.listPledges(db, ctx.org.id, day, request.query),
      };
    },
  );

  app.post(
    '/orgs/:org/pledges',
    {
      schema: {
        tags,
        summary: 'Record a pledge',
        params: orgParams,
        body: pledgeInput,
        response: { 201: pledgeDetail },
      },
    },
    async (request, reply) => {
      const ctx = await authorize(request, 'gifts:write');
      const pledge = await createPledge(db, ctx, request.body);
      return reply.status(201).send(await detail(ctx.org.id, pledge.id));
    },
  );

  app.get(
    '/orgs/:org/pledges/:id',
    {
      schema: {
        tags,
        summary: 'A pledge with the gifts that pay it',
        params: pledgeParams,
        response: { 200: pledgeDetail },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'gifts:read');
      return detail(ctx.org.id, request.params.id);
    },
  );

  app.patch(
    '/orgs/:org/pledges/:id',
    {
      schema: {
        tags,
        summary: "Change a pledge's amount, due date, campaign, fund or note",
        params: pledgeParams,
        body: pledgePatch,
        response: { 200: pledgeDetail },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'gifts:write');
      await updatePledge(db, ctx, request.params.id, request.body);
      return detail(ctx.org.id, request.params.id);
    },
  );

  app.post(
    '/orgs/:org/pledges/:id/cancel',
    {
      schema: {
        tags,
        summary: 'Write a pledge off; the gifts already given stay',
        params: pledgeParams,
        body: pledgeCancel,
        response: { 200: pledgeDetail },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'gifts:write');
      await cancelPledge(db, ctx, request.params.id, request.body.reason);
      return detail(ctx.org.id, request.params.id);
    },
  );

  app.post(
    '/orgs/:org/pledges/:id/payments',
    {
      schema: {
        tags,
        summary: 'Count a gift towards the pledge: an existing gift ({giftId}) or a new one ({gift})',
        params: pledgeParams,
        body: pledgePaymentInput,
        response: { 200: pledgeDetail },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'gifts:write');
      await payPledge(db, ctx, request.params.id, request.body);
      return detail(ctx.org.id, request.params.id);
    },
  );

  app.delete(
    '/orgs/:org/pledges/:id/payments/:giftId',
    {
      schema: {
        tags,
        summary: 'Stop counting a gift towards the pledge (the gift stays)',
        params: pledgeGiftParams,
        response: { 200: pledgeDetail },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'gifts:write');
      await unlinkPledgeGift(db, ctx, request.params.id, request.params.giftId);
      return detail(ctx.org.id, request.params.id);
    },
  );
};
