import formbody from '@fastify/formbody';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../errors/app-error.ts';
import { systemContext } from '../http/system-context.ts';
import {
  changeMonthlyGift,
  monthlyChange,
  monthlyGiftByToken,
  monthlyGiftView,
  type MonthlyChange,
} from '../modules/fundraising/index.ts';
import type { SafeHtml } from './html.ts';
import { pageContext, sendHtml } from './page-reply.ts';
import { publicLangs } from './i18n.ts';
import { money, pageUrl } from './layout.ts';
import { monthlyPage, type MonthlyPageState } from './monthly-page.ts';
import { monthlyTextsFor, type MonthlyTexts } from './monthly-texts.ts';
import { notFoundPage } from './tracking-page.ts';

const tokenParams = z.object({ token: z.string().max(200) });

const sendPage = (reply: FastifyReply, status: number, body: SafeHtml) => sendHtml(reply, 'private', status, body);

const actions = ['change-amount', 'pause', 'resume', 'cancel'] as const;
const first = (value: unknown) => (Array.isArray(value) ? value[0] : value) as string | undefined;

/** The form's fields as a change; months="" pauses until resumed. */
function changeOf(body: Record<string, unknown>): MonthlyChange | undefined {
  const months = first(body.months);
  const parsed = monthlyChange.safeParse({
    action: first(body.action),
    amount: first(body.amount)?.trim(),
    months: months ? Number(months) : null,
    reason: first(body.reason) || null,
  });
  return parsed.success ? parsed.data : undefined;
}

function errorText(error: AppError, w: MonthlyTexts, limits: { min: number; max: number; currency: string }) {
  if (error.code === 'MONTHLY_STATE') return w.errors.state;
  const message = error.fields[0]?.message ?? '';
  return message.startsWith('within')
    ? w.errors.range(money(limits.min, limits.currency), money(limits.max, limits.currency))
    : w.errors.amount;
}

/**
 * /m/<token>: the page every email about a monthly gift links to. The signed link is the only key, as for
 * receipts: the donor changes, pauses, resumes or cancels without an account. GET only shows; every
 * change is a POST, answered with a redirect so a reload never repeats it.
 */
export const monthlyPages: FastifyPluginAsyncZod = async (app) => {
  await app.register(formbody, { bodyLimit: 4 * 1024 });
  const { db, config, payments, clock } = app.deps;
  const query = z.object({
    lang: z.enum(publicLangs).optional().catch(undefined),
    done: z.enum(actions).optional().catch(undefined),
    confirm: z.literal('cancel').optional().catch(undefined),
  });

  app.get('/m/:token', { schema: { hide: true, params: tokenParams, querystring: query } }, async (request, reply) => {
    const ctx = pageContext(request);
    const w = monthlyTextsFor(ctx.lang);
    const gift = await monthlyGiftByToken(db, config.SECRET_KEY, request.params.token);
    if (!gift) return sendPage(reply, 404, notFoundPage(ctx, w.invalid));
    const view = await monthlyGiftView(db, config, gift);
    const state: MonthlyPageState = { done: request.query.done, confirmCancel: request.query.confirm === 'cancel' };
    return sendPage(reply, 200, monthlyPage(ctx, w, view, state, `/m/${request.params.token}`));
  });

  app.post(
    '/m/:token',
    {
      config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: { hide: true, params: tokenParams, querystring: query },
    },
    async (request, reply) => {
      const ctx = pageContext(request);
      const w = monthlyTextsFor(ctx.lang);
      const self = `/m/${request.params.token}`;
      const gift = await monthlyGiftByToken(db, config.SECRET_KEY, request.params.token);
      if (!gift) return sendPage(reply, 404, notFoundPage(ctx, w.invalid));
      const body = (request.body ?? {}) as Record<string, unknown>;
      const change = changeOf(body);
      const again = async (error: string) =>
        sendPage(
          reply,
          400,
          monthlyPage(
            ctx,
            w,
            await monthlyGiftView(db, config, gift),
            { error, amountTyped: first(body.amount) },
            self,
          ),
        );
      if (!change) return again(first(body.action) === 'change-amount' ? w.errors.amount : w.errors.state);
      try {
        const actor = await systemContext(db, { id: gift.orgId }, 'donor:monthly-page', request.ip);
        await changeMonthlyGift({ db, payments, config, now: () => clock.now() }, gift.orgId, gift.id, change, {
          kind: 'donor',
          ctx: actor,
        });
      } catch (error) {
        if (!(error instanceof AppError) || !['VALIDATION_FAILED', 'MONTHLY_STATE'].includes(error.code)) throw error;
        const campaignLimits = (await monthlyGiftView(db, config, gift)).campaign;
        return again(
          errorText(error, w, {
            min: campaignLimits.minAmount,
            max: campaignLimits.maxAmount,
            currency: gift.currency,
          }),
        );
      }
      return reply.redirect(`${pageUrl(ctx, self)}&done=${change.action}`, 303);
    },
  );
};
