import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { authorize } from '../../http/authorize.ts';
import { orgParams } from '../../http/params.ts';
import {
  donorsByYearReport,
  lapsedReport,
  overviewReport,
  totalsQuery,
  totalsReport,
  yearQuery,
  yearRangeQuery,
} from './schemas.ts';
import * as reports from './service.ts';

/** Fundraising reports: lapsed donors, retention, totals and the home page's headline numbers. */
export const reportRoutes: FastifyPluginAsyncZod = async (app) => {
  const { deps } = app;
  const tags = ['reports'];

  app.get(
    '/orgs/:org/reports/lybunt',
    {
      schema: {
        tags,
        summary: 'LYBUNT: donors who gave last year but not this year',
        params: orgParams,
        querystring: yearQuery,
        response: { 200: lapsedReport },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'reports:read');
      return reports.lybunt(deps, ctx, request.query.year);
    },
  );

  app.get(
    '/orgs/:org/reports/sybunt',
    {
      schema: {
        tags,
        summary: 'SYBUNT: donors who gave some year before last, but not last year or this year',
        params: orgParams,
        querystring: yearQuery,
        response: { 200: lapsedReport },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'reports:read');
      return reports.sybunt(deps, ctx, request.query.year);
    },
  );

  app.get(
    '/orgs/:org/reports/donors-by-year',
    {
      schema: {
        tags,
        summary: 'First-time and repeat donors per year (default: the last five years)',
        params: orgParams,
        querystring: yearRangeQuery,
        response: { 200: donorsByYearReport },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'reports:read');
      return reports.donorsByYear(deps, ctx, request.query);
    },
  );

  app.get(
    '/orgs/:org/reports/gift-totals',
    {
      schema: {
        tags,
        summary: 'Gift totals by year, month, channel or campaign, per currency',
        params: orgParams,
        querystring: totalsQuery,
        response: { 200: totalsReport },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'reports:read');
      const { groupBy, from, to } = request.query;
      return { groupBy, rows: await reports.giftTotals(deps, ctx, groupBy, { from, to }) };
    },
  );

  app.get(
    '/orgs/:org/reports/overview',
    {
      schema: {
        tags,
        summary: "The console home page's headline numbers",
        params: orgParams,
        response: { 200: overviewReport },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'reports:read');
      return reports.overview(deps, ctx);
    },
  );
};
