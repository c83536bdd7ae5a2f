import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize } from '../../http/authorize.ts';
import { idParam, orgSlug } from '../../http/params.ts';
import { day as dayOf } from '../../text/format.ts';
import { statementPdf } from './pdf.ts';
import {
  contactStatement,
  findReceiptOfGift,
  presentReceipt,
  receiptForGift,
  setOfficialReceiptNo,
} from './service.ts';

const receiptSchema = z.object({
  id: z.number(),
  giftId: z.number(),
  number: z.string().describe('<year>-<serial>: numbered per organization and year, without gaps'),
  issuedAt: z.string(),
  officialReceiptNo: z.string().nullable().describe('the official e-receipt (公益事业捐赠统一票据), once issued'),
  emailedAt: z.string().nullable(),
  emailError: z.string().nullable(),
  url: z.string().describe("the donor's link to the receipt (HTML); no sign-in needed"),
  pdfUrl: z.string(),
});

const giftParams = z.object({ org: orgSlug, giftId: idParam });
const statementQuery = z.object({
  year: z.coerce
    .number()
    .int()
    .min(2000)
    .max(2100)
    .optional()
    .describe("a calendar year in the organization's time zone; default: this year"),
  format: z.enum(['json', 'pdf']).default('json'),
  lang: z.enum(['zh-CN', 'en']).default('zh-CN'),
});

/** Receipts (捐赠确认函) of gifts, official receipt numbers, and supporters' yearly statements. */
export const receiptRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, config, clock } = app.deps;
  const tags = ['receipts'];

  app.post(
    '/orgs/:org/gifts/:giftId/receipt',
    {
      schema: {
        tags,
        summary: "Issue a gift's receipt (online gifts get theirs when paid); emailed to the donor",
        params: giftParams,
        response: { 200: receiptSchema },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'gifts:write');
      return presentReceipt(await receiptForGift(db, ctx, request.params.giftId, clock.now()), config);
    },
  );

  app.get(
    '/orgs/:org/gifts/:giftId/receipt',
    { schema: { tags, summary: "A gift's receipt", params: giftParams, response: { 200: receiptSchema } } },
    async (request) => {
      const ctx = await authorize(request, 'gifts:read');
      return presentReceipt(await findReceiptOfGift(db, ctx, request.params.giftId), config);
    },
  );

  app.patch(
    '/orgs/:org/receipts/:receiptId',
    {
      schema: {
        tags,
        summary: 'Record the number of the official e-receipt issued for the gift',
        params: z.object({ org: orgSlug, receiptId: idParam }),
        body: z.object({ officialReceiptNo: z.string().trim().min(1).max(100).nullable() }),
        response: { 200: receiptSchema },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'gifts:write');
      const row = await setOfficialReceiptNo(db, ctx, request.params.receiptId, request.body.officialReceiptNo);
      return presentReceipt(row, config);
    },
  );

  app.get(
    '/orgs/:org/contacts/:id/statement',
    {
      schema: {
        tags,
        summary: "A supporter's gifts of one year (年度捐赠证明), as JSON or PDF, with the donor's own link",
        params: z.object({ org: orgSlug, id: idParam }),
        querystring: statementQuery,
      },
    },
    async (request, reply) => {
      const ctx = await authorize(request, 'gifts:read');
      const year = request.query.year ?? Number(dayOf(clock.now(), ctx.org.timezone).slice(0, 4));
      const { view, url } = await contactStatement(db, ctx, request.params.id, year, config);
      if (request.query.format === 'pdf') {
        return reply
          .type('application/pdf')
          .header('content-disposition', `attachment; filename="statement-${view.year}-${view.contactId}.pdf"`)
          .send(await statementPdf(view, request.query.lang, clock.now()));
      }
      return {
        year: view.year,
        donorName: view.donorName,
        totals: view.totals,
        gifts: view.gifts.map((g) => ({ ...g, receivedAt: g.receivedAt.toISOString() })),
        url,
      };
    },
  );
};
