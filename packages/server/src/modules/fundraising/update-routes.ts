import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize } from '../../http/authorize.ts';
import { orgParams } from '../../http/params.ts';
import * as campaigns from './campaigns.ts';
import { campaignParams } from './schemas.ts';
import {
  listUpdates,
  noticeCounts,
  overdueCampaigns,
  postUpdate,
  UPDATE_DUE_DAYS,
  updateInput,
  type UpdateRow,
} from './updates.ts';

const updateSchema = z.object({
  id: z.number(),
  campaignId: z.number(),
  title: z.string(),
  body: z.string(),
  spending: z
    .object({
      currency: z.string(),
      allocated: z.number(),
      spent: z.number(),
      byCategory: z.array(z.object({ category: z.string(), amount: z.number() })),
    })
    .nullable(),
  publishedAt: z.string(),
  notices: z.record(z.string(), z.number()).describe('emails to donors by state: pending, sent, skipped, failed'),
});

const present = (row: UpdateRow, notices: Record<string, number> = {}) => ({
  id: row.id,
  campaignId: row.campaignId,
  title: row.title,
  body: row.body,
  spending: row.spending,
  publishedAt: row.publishedAt.toISOString(),
  notices,
});

/** Project updates (项目进展): posting them, their emails to donors, and campaigns overdue for one. */
export const updateRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, clock } = app.deps;
  const tags = ['fundraising'];

  app.post(
    '/orgs/:org/campaigns/:campaignId/updates',
    {
      schema: {
        tags,
        summary: 'Post a progress update, with the spending so far; donors who agreed are emailed',
        params: campaignParams,
        body: updateInput,
        response: { 201: updateSchema.extend({ queued: z.number() }) },
      },
    },
    async (request, reply) => {
      const ctx = await authorize(request, 'campaigns:write');
      const { update, queued } = await postUpdate(db, ctx, request.params.campaignId, request.body);
      return reply.status(201).send({ ...present(update, { pending: queued }), queued });
    },
  );

  app.get(
    '/orgs/:org/campaigns/:campaignId/updates',
    {
      schema: {
        tags,
        summary: "A campaign's updates, newest first",
        params: campaignParams,
        response: { 200: z.array(updateSchema) },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'funds:read');
      const campaign = await campaigns.getCampaign(db, ctx, request.params.campaignId);
      const rows = await listUpdates(db, ctx.org.id, campaign.id);
      const counts = await noticeCounts(
        db,
        ctx.org.id,
        rows.map((r) => r.id),
      );
      return rows.map((r) => present(r, counts.get(r.id)));
    },
  );

  app.get(
    '/orgs/:org/campaign-updates/due',
    {
      schema: {
        tags,
        summary: `Live campaigns with no update for ${UPDATE_DUE_DAYS} days (the Charity Law asks for one each quarter)`,
        params: orgParams,
        response: {
          200: z.array(z.object({ id: z.number(), slug: z.string(), title: z.string(), lastUpdateAt: z.string() })),
        },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'funds:read');
      return (await overdueCampaigns(db, ctx.org.id, clock.now())).map((c) => ({
        ...c,
        lastUpdateAt: c.lastUpdateAt.toISOString(),
      }));
    },
  );
};
