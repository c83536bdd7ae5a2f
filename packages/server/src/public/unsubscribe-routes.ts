import formbody from '@fastify/formbody';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../errors/app-error.ts';
import { systemContext } from '../http/system-context.ts';
import { recordConsent } from '../modules/consent/index.ts';
import { unsubscribeKeyring, verifyUnsubscribeToken, type UnsubscribeClaims } from '../modules/email/index.ts';
import { html } from './html.ts';
import { pickLang, publicLangs } from './i18n.ts';
import { layout, type PageContext } from './layout.ts';
import { textsFor } from './texts.ts';

const words = {
  'zh-CN': {
    title: '退订邮件',
    confirm: (org: string) => `不再接收${org}的邮件？`,
    button: '确认退订',
    done: (org: string) => `已退订。你不会再收到${org}的这类邮件。`,
    again: '如果以后想重新订阅，可以在捐赠时勾选，或联系机构。',
    invalid: '这个退订链接无效或不完整，请直接回复邮件告诉机构。',
  },
  en: {
    title: 'Unsubscribe',
    confirm: (org: string) => `Stop emails from ${org}?`,
    button: 'Unsubscribe',
    done: (org: string) => `Done. You will get no more of these emails from ${org}.`,
    again: 'To subscribe again later, tick the box when you give, or ask the organization.',
    invalid: 'This unsubscribe link is not valid or complete; reply to the email to tell the organization.',
  },
};

/**
 * /email/unsubscribe/<token>: the link in every campaign and update email. A mail client's one-click
 * POST (RFC 8058: List-Unsubscribe=One-Click) and the page's button both record the withdrawal at once,
 * as a consent record with the link as its evidence; GET only asks, so link scanners change nothing.
 */
export const unsubscribePages: FastifyPluginAsyncZod = async (app) => {
  await app.register(formbody, { bodyLimit: 4 * 1024 });
  const { db, config } = app.deps;
  const keyring = unsubscribeKeyring(config.SECRET_KEY);
  const params = z.object({ token: z.string().max(1000) });
  const query = z.object({ lang: z.enum(publicLangs).optional().catch(undefined) });

  const pageContext = (lang: string | undefined, accept: string | undefined): PageContext => {
    const chosen = pickLang(lang, accept);
    return { lang: chosen, t: textsFor(chosen) };
  };
  const claimsOf = (token: string) => {
    const verdict = verifyUnsubscribeToken(keyring, token);
    return verdict.ok ? verdict.claims : undefined;
  };
  const withdraw = async (claims: UnsubscribeClaims, how: string) => {
    const ctx = await systemContext(db, { id: claims.orgId }, 'unsubscribe-link', 'public');
    try {
      await recordConsent(db, ctx, claims.contactId, {
        channel: claims.channel,
        purpose: claims.purpose,
        status: 'withdrawn',
        source: 'unsubscribe',
        evidence: { type: 'unsubscribe_link', ref: how },
      });
    } catch (error) {
      // An erased or merged contact cannot be written to; there is nothing left to unsubscribe.
      if (!(error instanceof AppError)) throw error;
    }
    return ctx.org.name;
  };

  app.get(
    '/email/unsubscribe/:token',
    { schema: { hide: true, params, querystring: query } },
    async (request, reply) => {
      const ctx = pageContext(request.query.lang, request.headers['accept-language']);
      const w = words[ctx.lang];
      const claims = claimsOf(request.params.token);
      reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
      if (!claims)
        return reply.status(404).send(
          layout(
            ctx,
            w.title,
            html`<h1>${w.title}</h1>
              <p>${w.invalid}</p>`,
          ).value,
        );
      const org = (await systemContext(db, { id: claims.orgId }, 'unsubscribe-link')).org.name;
      return reply.send(
        layout(
          ctx,
          w.title,
          html`<h1>${w.confirm(org)}</h1>
            <form method="post">
              <p><button type="submit">${w.button}</button></p>
            </form>`,
        ).value,
      );
    },
  );

  app.post(
    '/email/unsubscribe/:token',
    { config: { rateLimit: { max: 60, timeWindow: '1 minute' } }, schema: { hide: true, params, querystring: query } },
    async (request, reply) => {
      const ctx = pageContext(request.query.lang, request.headers['accept-language']);
      const w = words[ctx.lang];
      const claims = claimsOf(request.params.token);
      reply.header('cache-control', 'no-store');
      if (!claims) return reply.status(404).type('text/plain; charset=utf-8').send(w.invalid);
      const body = request.body as Record<string, string> | undefined;
      const oneClick = body?.['List-Unsubscribe'] === 'One-Click';
      const org = await withdraw(claims, oneClick ? 'one-click' : 'page');
      if (oneClick) return reply.type('text/plain; charset=utf-8').send('unsubscribed');
      return reply.type('text/html; charset=utf-8').send(
        layout(
          ctx,
          w.title,
          html`<h1>${w.done(org)}</h1>
            <p class="muted">${w.again}</p>`,
        ).value,
      );
    },
  );
};
