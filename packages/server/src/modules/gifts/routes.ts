import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize } from '../../http/authorize.ts';
import { orgParams } from '../../http/params.ts';
import { contactParams, pageQuery } from '../contacts/index.ts';
import { presentGift } from './present.ts';
import { giftInput, giftPage, giftParams, giftPatch, giftSchema } from './schemas.ts';
import * as gifts from './service.ts';

const ok = z.object({ ok: z.literal(true) });

export const giftRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;
  const tags = ['gifts'];

  app.post(
    '/orgs/:org/gifts',
    {
      schema: {
        tags,
        summary: 'Record a gift (money or in kind)',
        params: orgParams,
        body: giftInput,
        response: { 201: giftSchema },
      },
    },
    async (request, reply) => {
      const ctx = await authorize(request, 'gifts:write');
      return reply.status(201).send(presentGift(await gifts.recordGift(db, ctx, request.body)));
    },
  );

  app.get(
    '/orgs/:org/contacts/:id/gifts',
    {
      schema: {
        tags,
        summary: "A contact's gifts, most recent first",
        params: contactParams,
        querystring: pageQuery,
        response: { 200: giftPage },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'gifts:read');
      const page = await gifts.listGifts(db, ctx, request.params.id, request.query);
      return { items: page.items.map(presentGift), nextCursor: page.nextCursor };
    },
  );

  app.patch(
    '/orgs/:org/gifts/:giftId',
    { schema: { tags, summary: 'Correct a gift', params: giftParams, body: giftPatch, response: { 200: giftSchema } } },
    async (request) => {
      const ctx = await authorize(request, 'gifts:write');
      return presentGift(await gifts.updateGift(db, ctx, request.params.giftId, request.body));
    },
  );

  app.delete(
    '/orgs/:org/gifts/:giftId',
    { schema: { tags, summary: 'Delete a gift recorded by mistake', params: giftParams, response: { 200: ok } } },
    async (request) => {
      const ctx = await authorize(request, 'gifts:write');
      await gifts.deleteGift(db, ctx, request.params.giftId);
      return { ok: true as const };
    },
  );
};
