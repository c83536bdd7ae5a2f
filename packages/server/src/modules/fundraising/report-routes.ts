import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors/app-error.ts';
import { authorize } from '../../http/authorize.ts';
import { orgParams } from '../../http/params.ts';
import * as campaigns from './campaigns.ts';
import { campaignLive, fundraisingReport, fundraisingReportQuery } from './reports.ts';
import { day } from '../../text/format.ts';
import { campaignParams } from './schemas.ts';

const sum = z.object({ currency: z.string(), amount: z.number(), gifts: z.number() });

/** Fundraising reports: totals by campaign, channel and day, and a campaign's live view. */
export const reportRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, clock } = app.deps;
  const tags = ['fundraising'];

  app.get(
    '/orgs/:org/reports/fundraising',
    {
      schema: {
        tags,
        summary: 'Money gifts of a period by campaign, channel and day, with the refunds made of them',
        params: orgParams,
        querystring: fundraisingReportQuery,
        response: {
          200: z.object({
            from: z.string(),
            to: z.string(),
            byCampaign: z.array(
              sum.extend({ campaign: z.string().nullable(), title: z.string().nullable(), donors: z.number() }),
            ),
            byChannel: z.array(sum.extend({ channel: z.string() })),
            byDay: z.array(sum.extend({ day: z.string() })),
            refunds: z.array(z.object({ currency: z.string(), amount: z.number(), refunds: z.number() })),
          }),
        },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'reports:read');
      const to = request.query.to ?? day(clock.now(), ctx.org.timezone);
      const from = request.query.from ?? new Date(Date.parse(to) - 29 * 86_400_000).toISOString().slice(0, 10);
      if (from > to) {
        throw new AppError('VALIDATION_FAILED', 'The period ends before it starts', [
          { path: 'query.to', message: 'before from' },
        ]);
      }
      if (Date.parse(to) - Date.parse(from) > 3 * 366 * 86_400_000) {
        throw new AppError('VALIDATION_FAILED', 'At most three years at a time', [
          { path: 'query.to', message: 'too long' },
        ]);
      }
      return fundraisingReport(db, ctx, { from, to });
    },
  );

  app.get(
    '/orgs/:org/campaigns/:campaignId/live',
    {
      schema: {
        tags,
        summary: "A campaign's day as it happens: today's gifts by hour, totals and the latest gifts (masked names)",
        params: campaignParams,
        response: {
          200: z.object({
            asOf: z.string(),
            today: z.object({ amount: z.number(), gifts: z.number() }),
            total: z.object({ amount: z.number(), gifts: z.number(), donors: z.number(), matched: z.number() }),
            byHour: z.array(z.object({ hour: z.number(), amount: z.number(), gifts: z.number() })),
            latest: z.array(
              z.object({ amount: z.number(), at: z.string(), channel: z.string(), donor: z.string().nullable() }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'funds:read');
      const campaign = await campaigns.getCampaign(db, ctx, request.params.campaignId);
      return campaignLive(db, ctx, campaign, clock.now());
    },
  );
};
