import { randomBytes } from 'node:crypto';
import { buffer } from 'node:stream/consumers';
import formbody from '@fastify/formbody';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sandboxAgreementId, signSandboxCallback } from '../adapters/payments/index.ts';
import { AppError } from '../errors/app-error.ts';
import { orgSlug } from '../http/params.ts';
import {
  givingDeps,
  inWechat,
  handlePaymentCallback,
  orderByPaymentId,
  imageContentType,
  mediaKey,
  newSubmitToken,
  orderPath,
  orderStatus,
  startGift,
} from '../modules/fundraising/index.ts';
import { campaignPage, type CampaignPageData } from './campaign-page.ts';
import { errorsOf, formValues, giveFormBody, toGiveInput, type FormErrors, type GiveFormValues } from './give-form.ts';
import { campaignPageData, qrSvg } from './giving-data.ts';
import { payingClient } from './pay-routes.ts';
import { givingTextsFor } from './giving-texts.ts';
import { SafeHtml } from './html.ts';
import { pageCache } from '../http/page-cache.ts';
import { pageContext, sendHtml } from './page-reply.ts';
import { langQuery } from './i18n.ts';
import { money, pageUrl } from './layout.ts';
import { orderPage, sandboxPayPage } from './order-page.ts';
import { widgetPage } from './widget-page.ts';
import { notFoundPage } from './tracking-page.ts';

const campaignParams = z.object({ org: z.string().max(64), campaign: z.string().max(64) });

const sendPage = (reply: FastifyReply, status: number, body: SafeHtml) => sendHtml(reply, 'live', status, body);

/** Stands for the form's one-time token in a cached page; each reply puts a fresh token in its place. */
const TOKEN_SLOT = '__submit_token__';
const blankForm = (): GiveFormValues => ({ ...formValues({}), submitToken: TOKEN_SLOT });

/**
 * The giving pages: a campaign's page and form (/c/<org>/<campaign>), the order a donor follows after
 * paying (/give/<order>), the sandbox provider's pay page, and the images of public pages (/media/…).
 * They work without JavaScript, as WeChat's browser on a slow network needs.
 */
export const givingPages: FastifyPluginAsyncZod = async (app) => {
  await app.register(formbody, { bodyLimit: 16 * 1024 });
  const { deps } = app;
  // A crowd opening one campaign shares one read of its figures and one rendering per language.
  const pageData = pageCache<CampaignPageData | undefined>(deps.config.PAGE_CACHE_MS);
  const blankPages = pageCache<SafeHtml | undefined>(deps.config.PAGE_CACHE_MS);
  const slugsValid = (org: string, campaign: string) =>
    orgSlug.safeParse(org).success && orgSlug.safeParse(campaign).success;
  const cachedData = (org: string, campaign: string) =>
    slugsValid(org, campaign)
      ? pageData.get(`${org}/${campaign}`, () => campaignPageData(deps, org, campaign))
      : Promise.resolve(undefined);

  /** The page again with the donor's answers and what to correct (the campaign's figures as read for it). */
  const renderForm = (
    request: FastifyRequest,
    reply: FastifyReply,
    data: CampaignPageData | undefined,
    form: { values: GiveFormValues; errors: FormErrors },
    status: number,
  ) => {
    const ctx = pageContext(request);
    if (!data) return sendPage(reply, 404, notFoundPage(ctx, ctx.t.notFound.title));
    return sendPage(reply, status, campaignPage(ctx, givingTextsFor(ctx.lang), data, form));
  };

  app.get(
    '/c/:org/:campaign',
    { schema: { hide: true, params: campaignParams, querystring: langQuery } },
    async (request, reply) => {
      const ctx = pageContext(request);
      const { org, campaign } = request.params;
      const page = await blankPages.get(`${org}/${campaign}/${ctx.lang}`, async () => {
        const data = await cachedData(org, campaign);
        return data && campaignPage(ctx, givingTextsFor(ctx.lang), data, { values: blankForm(), errors: {} });
      });
      if (!page) return sendPage(reply, 404, notFoundPage(ctx, ctx.t.notFound.title));
      return sendPage(reply, 200, new SafeHtml(page.value.replace(TOKEN_SLOT, newSubmitToken())));
    },
  );

  app.get(
    '/c/:org/:campaign/widget',
    { schema: { hide: true, params: campaignParams, querystring: langQuery } },
    async (request, reply) => {
      const ctx = pageContext(request);
      const data = await cachedData(request.params.org, request.params.campaign);
      if (!data) return sendPage(reply, 404, notFoundPage(ctx, ctx.t.notFound.title));
      // Made to be framed by any site: the one page whose framing is allowed. It holds no form.
      reply.removeHeader('x-frame-options');
      reply.header(
        'content-security-policy',
        "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors *",
      );
      reply.header('cache-control', 'public, max-age=60');
      return reply
        .status(200)
        .type('text/html; charset=utf-8')
        .send(widgetPage(ctx, givingTextsFor(ctx.lang), data).value);
    },
  );

  app.post(
    '/c/:org/:campaign/give',
    {
      // Per address; generous because many donors in China share one carrier-grade NAT address.
      config: { rateLimit: { max: 300, timeWindow: '1 minute' } },
      schema: { hide: true, params: campaignParams, querystring: langQuery, body: giveFormBody },
    },
    async (request, reply) => {
      const ctx = pageContext(request);
      const t = givingTextsFor(ctx.lang);
      const values = formValues(request.body);
      const { org, campaign } = request.params;
      const data = slugsValid(org, campaign)
        ? await campaignPageData(deps, org, campaign).catch(() => undefined)
        : undefined;
      const again = (errors: FormErrors, status: number) =>
        renderForm(request, reply, data, { values, errors }, status);
      if (!data) return again({}, 404);
      const parsed = toGiveInput(values, t);
      if ('errors' in parsed) return again(parsed.errors, 422);
      try {
        const started = await startGift(givingDeps(deps), data.campaign, parsed.input, payingClient(request));
        const next =
          started.action?.kind === 'redirect' ? started.action.url : pageUrl(ctx, orderPath(started.order.orderNo));
        return reply.redirect(next, 303);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        const m = (fen: number) => money(fen, data.campaign.currency);
        return again(errorsOf(error, t, m, { min: data.campaign.minAmount, max: data.campaign.maxAmount }), 422);
      }
    },
  );

  app.get(
    '/give/:orderNo',
    { schema: { hide: true, params: z.object({ orderNo: z.string().max(64) }), querystring: langQuery } },
    async (request, reply) => {
      const ctx = pageContext(request);
      const t = givingTextsFor(ctx.lang);
      const status = /^CW\d{8}[0-9A-F]{16}$/.test(request.params.orderNo)
        ? await orderStatus(deps.db, request.params.orderNo, deps.config)
        : undefined;
      if (!status) return sendPage(reply, 404, notFoundPage(ctx, t.order.notFound));
      const online =
        status.order.provider === 'wechat' || status.order.provider === 'alipay'
          ? {
              inWechat: inWechat(request.headers['user-agent']),
              qrSvg: status.qrCode ? await qrSvg(status.qrCode) : undefined,
            }
          : undefined;
      return sendPage(reply, 200, orderPage(ctx, t, status, status.orgName, status.campaignZone, online));
    },
  );

  const sandboxOrder = async (paymentId: string) => {
    if (!deps.payments.has('sandbox') || !/^sbx_[A-Za-z0-9_-]{1,64}$/.test(paymentId)) return undefined;
    return orderByPaymentId(deps.db, 'sandbox', paymentId);
  };
  const sandboxParams = z.object({ paymentId: z.string().max(100) });

  app.get(
    '/sandbox-pay/:paymentId',
    { schema: { hide: true, params: sandboxParams, querystring: langQuery } },
    async (request, reply) => {
      const ctx = pageContext(request);
      const t = givingTextsFor(ctx.lang);
      const order = await sandboxOrder(request.params.paymentId);
      if (!order) return sendPage(reply, 404, notFoundPage(ctx, t.order.notFound));
      // Back on the pay page after paying: the order's own page says it is paid, and thanks them.
      if (order.status === 'paid') return reply.redirect(pageUrl(ctx, orderPath(order.orderNo)), 303);
      const status = (await orderStatus(deps.db, order.orderNo))!;
      const payable = order.status === 'pending' && order.expiresAt > deps.clock.now();
      const page = sandboxPayPage(
        ctx,
        t,
        {
          orderNo: order.orderNo,
          amount: order.amount,
          currency: order.currency,
          title: status.public.campaign.title,
          payable,
          monthly: order.frequency === 'monthly',
        },
        pageUrl(ctx, `/sandbox-pay/${request.params.paymentId}`),
      );
      return sendPage(reply, 200, page);
    },
  );

  app.post(
    '/sandbox-pay/:paymentId',
    { schema: { hide: true, params: sandboxParams, querystring: langQuery, body: giveFormBody } },
    async (request, reply) => {
      const ctx = pageContext(request);
      const order = await sandboxOrder(request.params.paymentId);
      if (!order) return sendPage(reply, 404, notFoundPage(ctx, givingTextsFor(ctx.lang).order.notFound));
      const pay = [request.body.decision].flat()[0] === 'pay';
      if (order.status === 'pending' && order.expiresAt > deps.clock.now()) {
        // As a real provider does: the signed notification goes to the organization on its own, and may
        // arrive before or after the donor's browser comes back to the order page.
        const callback = signSandboxCallback(
          deps.config.SECRET_KEY,
          {
            id: `sbx_evt_${randomBytes(9).toString('base64url')}`,
            event: pay ? 'paid' : 'closed',
            paymentId: request.params.paymentId,
            orderNo: order.orderNo,
            transactionId: `sbx_tx_${randomBytes(9).toString('base64url')}`,
            amount: order.amount,
            currency: order.currency,
            // Paying a monthly gift's first order signs its agreement, as WeChat Pay's 支付中签约 does.
            ...(pay && order.frequency === 'monthly'
              ? { agreementId: sandboxAgreementId(deps.config.SECRET_KEY, order.orderNo) }
              : {}),
            occurredAt: deps.clock.now().toISOString(),
          },
          deps.clock.now(),
        );
        setImmediate(() => {
          handlePaymentCallback({ ...givingDeps(deps), log: request.log }, 'sandbox', callback).catch(
            (error: unknown) => request.log.error({ err: error }, 'sandbox callback failed'),
          );
        });
      }
      return reply.redirect(pageUrl(ctx, orderPath(order.orderNo)), 303);
    },
  );

  app.get(
    '/media/:orgId/:file',
    { schema: { hide: true, params: z.object({ orgId: z.string().max(64), file: z.string().max(80) }) } },
    async (request, reply) => {
      const key = `media/${request.params.orgId}/${request.params.file}`;
      if (!mediaKey.test(key)) return reply.status(404).type('text/plain; charset=utf-8').send('Not found');
      let data: Buffer;
      try {
        data = await buffer(deps.files.read(key));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        return reply.status(404).type('text/plain; charset=utf-8').send('Not found');
      }
      return reply
        .header('cache-control', 'public, max-age=31536000, immutable')
        .header('x-content-type-options', 'nosniff')
        .type(imageContentType(key))
        .send(data);
    },
  );
};
