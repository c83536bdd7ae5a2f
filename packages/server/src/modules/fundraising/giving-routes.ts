import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../errors/app-error.ts';
import { pageCache } from '../../http/page-cache.ts';
import { orgSlug } from '../../http/params.ts';
import { handlePaymentCallback } from './callbacks.ts';
import { givingDeps, liveCampaign } from './giving.ts';
import { giveInput, orderPath, startGift } from './orders.ts';
import { orderStatus, publicOrder } from './order-status.ts';
import type { CampaignRow } from './repo.ts';
import { givingFrequencies, orderStatuses, paymentProviders } from './tables.ts';

const MAX_CALLBACK_BYTES = 64 * 1024;

const orderNoParam = z.object({ orderNo: z.string().regex(/^CW\d{8}[0-9A-F]{16}$/, 'an order number') });

const publicOrderSchema = z.object({
  orderNo: z.string(),
  status: z.enum(orderStatuses),
  amount: z.number(),
  currency: z.string(),
  frequency: z.enum(givingFrequencies),
  expiresAt: z.string(),
  paidAt: z.string().nullable(),
  campaign: z.object({ title: z.string(), url: z.string() }),
  trackingCode: z.string().nullable().describe('once paid: the gift in the transparency log, /t/<code>'),
});

/**
 * The public giving API, for the campaign pages and for apps (a WeChat mini-program, a partner's
 * site): start a gift, follow its order. No sign-in: the order number is the donor's handle, and the
 * answers hold no personal details. Providers' callbacks arrive here too.
 */
export const givingRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['giving'];
  // A crowd giving at once finds its campaign here, as the page it gave from was: at most PAGE_CACHE_MS old.
  const campaigns = pageCache<CampaignRow>(app.deps.config.PAGE_CACHE_MS);

  app.post(
    '/give/:org/:campaign',
    {
      // Per address; generous because many donors in China share one carrier-grade NAT address.
      config: { rateLimit: { max: 300, timeWindow: '1 minute' } },
      schema: {
        tags,
        security: [],
        summary: 'Start a gift to a live campaign: answers the order and where to send the donor to pay',
        params: z.object({ org: orgSlug, campaign: orgSlug }),
        body: giveInput,
        response: {
          201: z.object({
            order: publicOrderSchema,
            statusUrl: z.string(),
            next: z
              .object({ kind: z.string(), url: z.string().optional() })
              .passthrough()
              .nullable()
              .describe(
                'redirect: send the donor to url; qr-code: show content as a QR code to scan with WeChat; ' +
                  'wechat-jsapi: pass params to WeixinJSBridge getBrandWCPayRequest (or wx.requestPayment); ' +
                  'bank-transfer: the account and the memo code; null: nothing left to pay',
              ),
          }),
        },
      },
    },
    async (request, reply) => {
      const { org, campaign: slug } = request.params;
      const campaign = await campaigns.get(`${org}/${slug}`, () => liveCampaign(app.deps.db, org, slug));
      const started = await startGift(givingDeps(app.deps), campaign, request.body, {
        userAgent: request.headers['user-agent'],
        ip: request.ip,
      });
      // A new order has no gift yet: its answer is built from what is at hand.
      const order = started.order.giftId
        ? (await orderStatus(app.deps.db, started.order.orderNo))!.public
        : publicOrder(started.order, campaign, org, null);
      return reply.status(201).send({
        order,
        statusUrl: orderPath(started.order.orderNo),
        next: started.action ?? null,
      });
    },
  );

  app.get(
    '/give/orders/:orderNo',
    {
      schema: {
        tags,
        security: [],
        summary: "An order's state, and its tracking code once paid",
        params: orderNoParam,
        response: { 200: publicOrderSchema },
      },
    },
    async (request) => {
      const status = await orderStatus(app.deps.db, request.params.orderNo);
      if (!status) throw notFound('Order');
      return status.public;
    },
  );

  await app.register(async (scope) => {
    const callbacks = scope.withTypeProvider<ZodTypeProvider>();
    // Providers sign the exact bytes they send: the body stays raw text for the adapter to verify.
    callbacks.removeAllContentTypeParsers();
    callbacks.addContentTypeParser('*', { parseAs: 'string', bodyLimit: MAX_CALLBACK_BYTES }, (_request, body, done) =>
      done(null, body),
    );
    const notified = async (request: FastifyRequest, reply: FastifyReply, provider: string, orgId?: string) => {
      const { response } = await handlePaymentCallback(
        { ...givingDeps(app.deps), log: request.log },
        provider,
        { headers: request.headers, rawBody: typeof request.body === 'string' ? request.body : '' },
        orgId,
      );
      return reply.status(response.statusCode).type(response.contentType).send(response.body);
    };
    const notifySchema = {
      tags,
      security: [],
      summary: "A payment provider's asynchronous notification (verified by the provider's signature)",
    };
    callbacks.post(
      '/payments/:provider/notify',
      {
        config: { rateLimit: { max: 600, timeWindow: '1 minute' } },
        schema: { ...notifySchema, params: z.object({ provider: z.enum(paymentProviders) }) },
      },
      (request, reply) => notified(request, reply, request.params.provider),
    );
    callbacks.post(
      '/payments/:provider/notify/:orgId',
      {
        config: { rateLimit: { max: 600, timeWindow: '1 minute' } },
        schema: {
          ...notifySchema,
          summary: "A notification from an organization's own WeChat Pay or Alipay account, verified with its keys",
          params: z.object({ provider: z.enum(paymentProviders), orgId: z.uuid() }),
        },
      },
      (request, reply) => notified(request, reply, request.params.provider, request.params.orgId),
    );
  });
};
