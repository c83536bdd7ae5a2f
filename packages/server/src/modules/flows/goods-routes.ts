import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize } from '../../http/authorize.ts';
import { can } from '../platform/index.ts';
import { orgParams } from '../../http/params.ts';
import { recordDelivery, recordGoods } from './goods.ts';
import { presentDelivery, presentGoods } from './present.ts';
import * as reads from './reads.ts';
import {
  deliveryInput,
  deliveryParams,
  deliverySchema,
  goodsInput,
  goodsParams,
  goodsSchema,
  listQuery,
  stockSchema,
} from './schemas.ts';

/** In-kind goods in and out of stores, and aid delivered to beneficiaries. */
export const goodsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;
  const tags = ['goods and deliveries'];

  app.post(
    '/orgs/:org/goods',
    {
      schema: {
        tags,
        summary: 'Record goods into or out of a store (goods.received / goods.distributed)',
        params: orgParams,
        body: goodsInput,
        response: { 201: goodsSchema },
      },
    },
    async (request, reply) => {
      const ctx = await authorize(request, 'goods:write');
      return reply.status(201).send(presentGoods(await recordGoods(db, ctx, request.body)));
    },
  );

  app.get(
    '/orgs/:org/goods',
    {
      schema: {
        tags,
        summary: 'Goods movements, newest first',
        params: orgParams,
        querystring: listQuery,
        response: { 200: z.array(goodsSchema) },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'funds:read');
      return (await reads.listFlows(db, ctx, 'goods', request.query)).map(presentGoods);
    },
  );

  app.get(
    '/orgs/:org/goods/stock',
    {
      schema: { tags, summary: 'Stock of each item in each store', params: orgParams, response: { 200: stockSchema } },
    },
    async (request) => {
      const ctx = await authorize(request, 'funds:read');
      return reads.stock(db, ctx);
    },
  );

  app.get(
    '/orgs/:org/goods/:movementId',
    { schema: { tags, summary: 'A goods movement', params: goodsParams, response: { 200: goodsSchema } } },
    async (request) => {
      const ctx = await authorize(request, 'funds:read');
      return presentGoods(await reads.getFlow(db, ctx, 'goods', request.params.movementId));
    },
  );

  app.post(
    '/orgs/:org/deliveries',
    {
      schema: {
        tags,
        summary: 'Record aid delivered to a beneficiary, with an acknowledgement (beneficiary.delivered)',
        params: orgParams,
        body: deliveryInput,
        response: { 201: deliverySchema },
      },
    },
    async (request, reply) => {
      const ctx = await authorize(request, 'goods:write');
      return reply.status(201).send(presentDelivery(await recordDelivery(db, ctx, request.body), true));
    },
  );

  app.get(
    '/orgs/:org/deliveries',
    {
      schema: {
        tags,
        summary: 'Deliveries, newest first',
        params: orgParams,
        querystring: listQuery,
        response: { 200: z.array(deliverySchema) },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'funds:read');
      const rows = await reads.listFlows(db, ctx, 'delivery', request.query);
      return rows.map((d) => presentDelivery(d, can(ctx.role, 'goods:write')));
    },
  );

  app.get(
    '/orgs/:org/deliveries/:deliveryId',
    { schema: { tags, summary: 'A delivery', params: deliveryParams, response: { 200: deliverySchema } } },
    async (request) => {
      const ctx = await authorize(request, 'funds:read');
      const row = await reads.getFlow(db, ctx, 'delivery', request.params.deliveryId);
      return presentDelivery(row, can(ctx.role, 'goods:write'));
    },
  );
};
