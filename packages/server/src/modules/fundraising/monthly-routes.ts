import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { inArray, and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { notFound } from '../../errors/app-error.ts';
import { authorize } from '../../http/authorize.ts';
import { idParam, orgIdParams, orgParams } from '../../http/params.ts';
import { systemContext } from '../../http/system-context.ts';
import { contacts } from '../contacts/tables.ts';
import { changeMonthlyGift, monthlyChange } from './monthly.ts';
import * as monthlyRepo from './monthly-repo.ts';
import type { MonthlyGiftRow } from './monthly-repo.ts';
import { monthlyGiftByToken, monthlyGiftUrl, monthlyGiftView } from './monthly-view.ts';
import { monthlyStatuses, orderStatuses, paymentProviders } from './tables.ts';

const chargeSchema = z.object({
  orderNo: z.string(),
  period: z.string().nullable().describe('the month it paid for (YYYY-MM); null on the first payment'),
  amount: z.number(),
  currency: z.string(),
  status: z.enum(orderStatuses),
  createdAt: z.string(),
  paidAt: z.string().nullable(),
  receiptUrl: z.string().nullable(),
});

const donorView = z.object({
  id: z.number(),
  status: z.enum(monthlyStatuses),
  amount: z.number().describe('minor units, each month'),
  currency: z.string(),
  chargeDay: z.number().describe('day of the month it is charged on, China time'),
  nextChargeAt: z.string().nullable(),
  failures: z.number().describe('declined charges in a row this month'),
  lastFailure: z.string().nullable(),
  startedAt: z.string(),
  cancelledAt: z.string().nullable(),
  donorName: z.string(),
  org: z.object({ name: z.string(), timezone: z.string() }),
  campaign: z.object({ title: z.string(), url: z.string(), minAmount: z.number(), maxAmount: z.number() }),
  charges: z.array(chargeSchema),
  statementUrl: z.string(),
});

const listItem = z.object({
  id: z.number(),
  campaignId: z.number(),
  contactId: z.number(),
  contactName: z.string().nullable(),
  provider: z.enum(paymentProviders),
  amount: z.number(),
  currency: z.string(),
  chargeDay: z.number(),
  status: z.enum(monthlyStatuses),
  nextChargeAt: z.string().nullable(),
  failures: z.number(),
  lastFailure: z.string().nullable(),
  createdAt: z.string(),
  cancelledAt: z.string().nullable(),
  cancelledBy: z.enum(['donor', 'staff', 'campaign', 'provider']).nullable(),
});

const present = (row: MonthlyGiftRow, names: Map<number, string>) => ({
  id: row.id,
  campaignId: row.campaignId,
  contactId: row.contactId,
  contactName: names.get(row.contactId) ?? null,
  provider: row.provider,
  amount: row.amount,
  currency: row.currency,
  chargeDay: row.chargeDay,
  status: row.status,
  nextChargeAt: row.nextChargeAt?.toISOString() ?? null,
  failures: row.failures,
  lastFailure: row.lastFailure,
  createdAt: row.createdAt.toISOString(),
  cancelledAt: row.cancelledAt?.toISOString() ?? null,
  cancelledBy: row.cancelledBy,
});

const tokenParams = z.object({ token: z.string().max(200) });

/**
 * Monthly gifts: the staff's list and actions (/orgs/:org/monthly-gifts), and the donor's own API behind
 * their signed link (/monthly/:token), which is what the /m/<token> page does too.
 */
export const monthlyRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, config, payments, clock } = app.deps;
  const tags = ['fundraising'];
  const deps = { db, payments, config, now: () => clock.now() };

  const namesOf = async (orgId: string, rows: MonthlyGiftRow[]) => {
    const ids = [...new Set(rows.map((r) => r.contactId))];
    if (ids.length === 0) return new Map<number, string>();
    const found = await db
      .select({ id: contacts.id, name: contacts.name })
      .from(contacts)
      .where(and(eq(contacts.orgId, orgId), inArray(contacts.id, ids)));
    return new Map(found.map((c) => [c.id, c.name]));
  };

  app.get(
    '/orgs/:org/monthly-gifts',
    {
      schema: {
        tags,
        summary: 'Monthly gifts (月捐), newest first, with counts and monthly totals by status',
        params: orgParams,
        querystring: z.object({
          status: z.enum(monthlyStatuses).optional(),
          campaignId: idParam.optional(),
          contactId: idParam.optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: {
          200: z.object({
            summary: z.array(
              z.object({
                status: z.enum(monthlyStatuses),
                currency: z.string(),
                count: z.number(),
                amount: z.number().describe('the sum of their monthly amounts, minor units'),
              }),
            ),
            items: z.array(listItem),
          }),
        },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'gifts:read');
      const rows = await monthlyRepo.listMonthlyGifts(db, ctx.org.id, request.query);
      const names = await namesOf(ctx.org.id, rows);
      const summary = (await monthlyRepo.monthlySummary(db, ctx.org.id)).map((s) => ({
        ...s,
        amount: Number(s.amount),
      }));
      return { summary, items: rows.map((row) => present(row, names)) };
    },
  );

  app.get(
    '/orgs/:org/monthly-gifts/:id',
    {
      schema: {
        tags,
        summary: "A monthly gift with its charges, and the donor's own link to manage it",
        params: orgIdParams,
        response: { 200: listItem.extend({ view: donorView, manageUrl: z.string() }) },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'gifts:read');
      const row = await monthlyRepo.findMonthlyGift(db, ctx.org.id, request.params.id);
      if (!row) throw notFound('Monthly gift');
      return {
        ...present(row, await namesOf(ctx.org.id, [row])),
        view: await monthlyGiftView(db, config, row),
        manageUrl: monthlyGiftUrl(config, row.orgId, row.id),
      };
    },
  );

  app.post(
    '/orgs/:org/monthly-gifts/:id/changes',
    {
      schema: {
        tags,
        summary: 'Change a monthly gift for the donor: amount, pause, resume or cancel',
        params: orgIdParams,
        body: monthlyChange,
        response: { 200: listItem },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'gifts:write');
      const row = await changeMonthlyGift(deps, ctx.org.id, request.params.id, request.body, { kind: 'staff', ctx });
      return present(row, await namesOf(ctx.org.id, [row]));
    },
  );

  const donorGift = async (token: string) => {
    const gift = await monthlyGiftByToken(db, config.SECRET_KEY, token);
    if (!gift) throw notFound('Monthly gift');
    return gift;
  };

  app.get(
    '/monthly/:token',
    {
      schema: {
        tags: ['giving'],
        security: [],
        summary: "A donor's monthly gift, by the signed link in their emails",
        params: tokenParams,
        response: { 200: donorView },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'private, no-store');
      return monthlyGiftView(db, config, await donorGift(request.params.token));
    },
  );

  app.post(
    '/monthly/:token',
    {
      config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        tags: ['giving'],
        security: [],
        summary: 'The donor changes their monthly gift: amount, pause, resume or cancel',
        params: tokenParams,
        body: monthlyChange,
        response: { 200: donorView },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'private, no-store');
      const gift = await donorGift(request.params.token);
      const ctx = await systemContext(db, { id: gift.orgId }, 'donor:monthly-link', request.ip);
      const changed = await changeMonthlyGift(deps, gift.orgId, gift.id, request.body, { kind: 'donor', ctx });
      return monthlyGiftView(db, config, changed);
    },
  );
};
