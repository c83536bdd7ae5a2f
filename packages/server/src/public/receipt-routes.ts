import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { and, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { contactGiftYears } from '../modules/gifts/tables.ts';
import {
  receiptPdf,
  receiptView,
  statementPdf,
  statementView,
  verifyReceiptToken,
  verifyStatementToken,
} from '../modules/receipts/index.ts';
import type { SafeHtml } from './html.ts';
import { pageContext, sendHtml } from './page-reply.ts';
import { langQuery } from './i18n.ts';
import { pageUrl } from './layout.ts';
import { receiptPage, statementPage } from './receipt-page.ts';
import { notFoundPage } from './tracking-page.ts';

const tokenParams = z.object({ token: z.string().max(200) });

const sendPage = (reply: FastifyReply, status: number, body: SafeHtml) => sendHtml(reply, 'private', status, body);
const sendPdf = (reply: FastifyReply, name: string, pdf: Buffer) =>
  reply
    .type('application/pdf')
    .header('cache-control', 'private, no-store')
    .header('content-disposition', `inline; filename="${name}.pdf"`)
    .send(pdf);

/**
 * A donor's receipts (/r/<token>) and yearly statements (/s/<token>?year=), as pages and PDFs. The
 * signed link is the only key: no account, no password, and nothing else can be reached with it.
 */
export const receiptPages: FastifyPluginAsyncZod = async (app) => {
  const { db, config, clock } = app.deps;

  const findReceipt = async (token: string) => {
    const claims = verifyReceiptToken(config.SECRET_KEY, token);
    return claims ? receiptView(db, claims.orgId, claims.receiptId) : undefined;
  };
  const trackingUrl = (code: string | null) => (code ? `${config.PUBLIC_URL}/t/${code}` : null);

  app.get(
    '/r/:token',
    { schema: { hide: true, params: tokenParams, querystring: langQuery } },
    async (request, reply) => {
      const ctx = pageContext(request);
      const view = await findReceipt(request.params.token);
      if (!view) return sendPage(reply, 404, notFoundPage(ctx, ctx.t.notFound.title));
      return sendPage(reply, 200, receiptPage(ctx, view, pageUrl(ctx, `/r/${request.params.token}/pdf`)));
    },
  );

  app.get(
    '/r/:token/pdf',
    { schema: { hide: true, params: tokenParams, querystring: langQuery } },
    async (request, reply) => {
      const ctx = pageContext(request);
      const view = await findReceipt(request.params.token);
      if (!view) return sendPage(reply, 404, notFoundPage(ctx, ctx.t.notFound.title));
      return sendPdf(reply, view.receipt.number, await receiptPdf(view, ctx.lang, trackingUrl(view.gift.trackingCode)));
    },
  );

  const statementQuery = langQuery.extend({
    year: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined),
  });
  const findStatement = async (token: string, year: number | undefined) => {
    const claims = verifyStatementToken(config.SECRET_KEY, token);
    if (!claims) return undefined;
    const years = (
      await db
        .select({ year: contactGiftYears.year })
        .from(contactGiftYears)
        .where(and(eq(contactGiftYears.orgId, claims.orgId), eq(contactGiftYears.contactId, claims.contactId)))
        .orderBy(desc(contactGiftYears.year))
    ).map((r) => r.year);
    const chosen = year ?? years[0] ?? new Date(clock.now()).getFullYear();
    const view = await statementView(db, claims.orgId, claims.contactId, chosen);
    return view ? { view, years } : undefined;
  };

  app.get(
    '/s/:token',
    { schema: { hide: true, params: tokenParams, querystring: statementQuery } },
    async (request, reply) => {
      const ctx = pageContext(request);
      const found = await findStatement(request.params.token, request.query.year);
      if (!found) return sendPage(reply, 404, notFoundPage(ctx, ctx.t.notFound.title));
      const base = `/s/${request.params.token}`;
      const links = {
        pdf: `${pageUrl(ctx, `${base}/pdf`)}&year=${found.view.year}`,
        year: (y: number) => `${pageUrl(ctx, base)}&year=${y}`,
      };
      return sendPage(reply, 200, statementPage(ctx, found.view, links, found.years));
    },
  );

  app.get(
    '/s/:token/pdf',
    { schema: { hide: true, params: tokenParams, querystring: statementQuery } },
    async (request, reply) => {
      const ctx = pageContext(request);
      const found = await findStatement(request.params.token, request.query.year);
      if (!found) return sendPage(reply, 404, notFoundPage(ctx, ctx.t.notFound.title));
      return sendPdf(reply, `statement-${found.view.year}`, await statementPdf(found.view, ctx.lang, clock.now()));
    },
  );
};
