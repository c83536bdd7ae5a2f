import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../errors/app-error.ts';
import {
  afterWechatSignIn,
  continuePayment,
  givingDeps,
  orderStatus,
  orderPath,
  type PayingClient,
} from '../modules/fundraising/index.ts';
import { publicAssets } from './assets.ts';
import { givingTextsFor } from './giving-texts.ts';
import { langQuery } from './i18n.ts';
import { layout, pageUrl } from './layout.ts';
import { wechatPayPage } from './order-page.ts';
import { pageContext, sendHtml } from './page-reply.ts';
import { notFoundPage } from './tracking-page.ts';
import { html } from './html.ts';

const orderNoParams = z.object({ orderNo: z.string().regex(/^CW\d{8}[0-9A-F]{16}$/) });

/** The browser paying, as WeChat Pay and Alipay need to know it (WeChat's browser, a phone, its address). */
export const payingClient = (request: FastifyRequest): PayingClient => ({
  userAgent: request.headers['user-agent'],
  ip: request.ip,
});

/**
 * WeChat Pay and Alipay orders paid from the order's page: continuing in another browser or after a
 * cancelled payment (/give/<order>/pay), and JSAPI payment after WeChat's sign-in (/give/<order>/wechat).
 */
export const payPages: FastifyPluginAsyncZod = async (app) => {
  const deps = givingDeps(app.deps);

  /** Where a started payment sends the donor: the provider's page, WeChat's sheet, or the order's page. */
  const next = async (
    request: FastifyRequest,
    reply: FastifyReply,
    started: Awaited<ReturnType<typeof continuePayment>>,
  ) => {
    const ctx = pageContext(request);
    const t = givingTextsFor(ctx.lang);
    if (!started) return sendHtml(reply, 'private', 404, notFoundPage(ctx, t.order.notFound));
    const { order, action } = started;
    if (action?.kind === 'redirect') return reply.redirect(action.url, 303);
    if (action?.kind === 'wechat-jsapi') {
      const status = (await orderStatus(deps.db, order.orderNo))!;
      const script = (await publicAssets()).url('wechat-pay');
      const page = wechatPayPage(
        ctx,
        t,
        { orderNo: order.orderNo, amount: order.amount, currency: order.currency, title: status.public.campaign.title },
        action.params,
        script,
      );
      return sendHtml(reply, 'private', 200, page);
    }
    return reply.redirect(pageUrl(ctx, orderPath(order.orderNo)), 303);
  };

  /** A payment that could not be started: said plainly, with the way back. */
  const unavailable = (request: FastifyRequest, reply: FastifyReply, orderNo: string, error: AppError) => {
    const ctx = pageContext(request);
    const t = givingTextsFor(ctx.lang);
    const message = error.code === 'PAYMENT_UNAVAILABLE' ? t.online.unavailable : t.online.signInFailed;
    const body = html`<h1>${t.order.title}</h1>
      <p class="form-error">${message}</p>
      <p><a href="${pageUrl(ctx, orderPath(orderNo))}">${t.order.title} →</a></p>`;
    return sendHtml(
      reply,
      'private',
      error.code === 'PAYMENT_UNAVAILABLE' ? 503 : 400,
      layout(ctx, t.order.title, body),
    );
  };

  const attempt = async (
    request: FastifyRequest,
    reply: FastifyReply,
    orderNo: string,
    start: () => ReturnType<typeof continuePayment>,
  ) => {
    try {
      return await next(request, reply, await start());
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      return unavailable(request, reply, orderNo, error);
    }
  };

  app.get(
    '/give/:orderNo/pay',
    { schema: { hide: true, params: orderNoParams, querystring: langQuery } },
    (request, reply) =>
      attempt(request, reply, request.params.orderNo, () =>
        continuePayment(deps, request.params.orderNo, payingClient(request)),
      ),
  );

  app.get(
    '/give/:orderNo/wechat',
    {
      schema: {
        hide: true,
        params: orderNoParams,
        querystring: langQuery.extend({ code: z.string().max(512).optional(), state: z.string().max(64).optional() }),
      },
    },
    (request, reply) =>
      attempt(request, reply, request.params.orderNo, () =>
        afterWechatSignIn(deps, request.params.orderNo, request.query, payingClient(request)),
      ),
  );
};
