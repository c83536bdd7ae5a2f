import type { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors/app-error.ts';
import { authorize } from '../../http/authorize.ts';
import { orgParams } from '../../http/params.ts';
import * as campaigns from './campaigns.ts';
import { storeImage } from './media.ts';
import { createMatchingFund, listMatchingFunds, matchingFundInput, setMatchingFundActive } from './matching.ts';
import { presentCampaign, presentMatchingFund, presentOrder } from './present.ts';
import * as repo from './repo.ts';
import {
  campaignInput,
  campaignParams,
  campaignPatch,
  campaignSchema,
  campaignTotalsSchema,
  matchingFundParams,
  matchingFundSchema,
  orderListQuery,
  orderSchema,
  reviewInput,
} from './schemas.ts';
import { campaignTotals, orderCounts } from './totals.ts';

/** Campaigns (create, edit, review, publish, close), their figures and orders, and images for pages. */
export const campaignRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;
  const tags = ['fundraising'];
  const present = (row: repo.CampaignRow, orgSlug: string) => presentCampaign(row, orgSlug);

  app.post(
    '/orgs/:org/campaigns',
    {
      schema: {
        tags,
        summary: 'Create a campaign (a draft: nothing is public until it is reviewed and approved)',
        params: orgParams,
        body: campaignInput,
        response: { 201: campaignSchema },
      },
    },
    async (request, reply) => {
      const ctx = await authorize(request, 'campaigns:write');
      return reply.status(201).send(present(await campaigns.createCampaign(db, ctx, request.body), ctx.org.slug));
    },
  );

  app.get(
    '/orgs/:org/campaigns',
    {
      schema: {
        tags,
        summary: 'Campaigns, newest first',
        params: orgParams,
        response: { 200: z.array(campaignSchema) },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'funds:read');
      return (await campaigns.listCampaigns(db, ctx)).map((row) => present(row, ctx.org.slug));
    },
  );

  app.get(
    '/orgs/:org/campaigns/:campaignId',
    { schema: { tags, summary: 'A campaign', params: campaignParams, response: { 200: campaignSchema } } },
    async (request) => {
      const ctx = await authorize(request, 'funds:read');
      return present(await campaigns.getCampaign(db, ctx, request.params.campaignId), ctx.org.slug);
    },
  );

  app.patch(
    '/orgs/:org/campaigns/:campaignId',
    {
      schema: {
        tags,
        summary: "Edit a campaign; a live campaign's words wait for review, its amounts and dates apply at once",
        params: campaignParams,
        body: campaignPatch,
        response: { 200: campaignSchema },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'campaigns:write');
      const row = await campaigns.updateCampaign(db, ctx, request.params.campaignId, request.body);
      return present(row, ctx.org.slug);
    },
  );

  app.post(
    '/orgs/:org/campaigns/:campaignId/submit',
    {
      schema: { tags, summary: 'Submit a draft for review', params: campaignParams, response: { 200: campaignSchema } },
    },
    async (request) => {
      const ctx = await authorize(request, 'campaigns:write');
      return present(await campaigns.submitCampaign(db, ctx, request.params.campaignId), ctx.org.slug);
    },
  );

  app.post(
    '/orgs/:org/campaigns/:campaignId/review',
    {
      schema: {
        tags,
        summary: 'Approve or reject a campaign in review, or the edits waiting on a live one (admins and owners)',
        params: campaignParams,
        body: reviewInput,
        response: { 200: campaignSchema },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'campaigns:review');
      return present(await campaigns.reviewCampaign(db, ctx, request.params.campaignId, request.body), ctx.org.slug);
    },
  );

  app.post(
    '/orgs/:org/campaigns/:campaignId/close',
    {
      schema: {
        tags,
        summary: 'Close a live campaign: it takes no more gifts',
        params: campaignParams,
        response: { 200: campaignSchema },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'campaigns:write');
      return present(await campaigns.closeCampaign(db, ctx, request.params.campaignId), ctx.org.slug);
    },
  );

  app.get(
    '/orgs/:org/campaigns/:campaignId/totals',
    {
      schema: {
        tags,
        summary: "A campaign's money raised, gifts and donors, and its online orders by status",
        params: campaignParams,
        response: { 200: campaignTotalsSchema },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'funds:read');
      const campaign = await campaigns.getCampaign(db, ctx, request.params.campaignId);
      const [totals, onlineOrders] = await Promise.all([
        campaignTotals(db, ctx.org.id, campaign),
        orderCounts(db, ctx.org.id, campaign.id),
      ]);
      return { ...totals, onlineOrders };
    },
  );

  app.get(
    '/orgs/:org/campaigns/:campaignId/orders',
    {
      schema: {
        tags,
        summary: 'Online gifts to a campaign (orders), newest first',
        params: campaignParams,
        querystring: orderListQuery,
        response: { 200: z.array(orderSchema) },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'gifts:read');
      const campaign = await campaigns.getCampaign(db, ctx, request.params.campaignId);
      const rows = await repo.ordersOfCampaign(db, ctx.org.id, campaign.id, request.query);
      return rows.map(presentOrder);
    },
  );

  app.post(
    '/orgs/:org/campaigns/:campaignId/matching-funds',
    {
      schema: {
        tags,
        summary:
          "Open a matching fund (配捐): records the sponsor's pool as their gift, then matches online gifts from it",
        params: campaignParams,
        body: matchingFundInput,
        response: { 201: matchingFundSchema },
      },
    },
    async (request, reply) => {
      const ctx = await authorize(request, 'campaigns:write');
      await authorize(request, 'gifts:write');
      const fund = await createMatchingFund(db, ctx, request.params.campaignId, request.body);
      return reply.status(201).send(presentMatchingFund(fund));
    },
  );

  app.get(
    '/orgs/:org/campaigns/:campaignId/matching-funds',
    {
      schema: {
        tags,
        summary: "A campaign's matching funds, with what each has matched",
        params: campaignParams,
        response: { 200: z.array(matchingFundSchema) },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'funds:read');
      const campaign = await campaigns.getCampaign(db, ctx, request.params.campaignId);
      return (await listMatchingFunds(db, ctx.org.id, campaign.id)).map(presentMatchingFund);
    },
  );

  app.patch(
    '/orgs/:org/campaigns/:campaignId/matching-funds/:fundId',
    {
      schema: {
        tags,
        summary: 'Pause or resume a matching fund',
        params: matchingFundParams,
        body: z.object({ active: z.boolean() }),
        response: { 200: matchingFundSchema },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'campaigns:write');
      const { campaignId, fundId } = request.params;
      return presentMatchingFund(await setMatchingFundActive(db, ctx, campaignId, fundId, request.body.active));
    },
  );

  app.post(
    '/orgs/:org/media',
    {
      schema: {
        tags,
        summary: 'Upload an image for a public page (multipart field "file"; JPEG, PNG, WebP or GIF, at most 5 MB)',
        params: orgParams,
        consumes: ['multipart/form-data'],
        response: { 201: z.object({ key: z.string(), url: z.string(), size: z.number(), contentType: z.string() }) },
      },
    },
    async (request, reply) => {
      const ctx = await authorize(request, 'campaigns:write');
      if (!request.isMultipart())
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Upload the image as multipart/form-data in a field named "file"');
      const file = await request.file();
      if (!file)
        throw new AppError('VALIDATION_FAILED', 'No file was uploaded', [{ path: 'file', message: 'required' }]);
      return reply.status(201).send(await storeImage(app.deps, ctx, file.file as Readable));
    },
  );
};
