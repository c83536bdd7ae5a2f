import formbody from '@fastify/formbody';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../errors/app-error.ts';
import { systemContext } from '../http/system-context.ts';
import type { OrgContext } from '../http/authorize.ts';
import { appendConsents, consentRecords, currentConsents } from '../modules/consent/index.ts';
import { unsubscribeKeyring, verifyUnsubscribeToken, type UnsubscribeClaims } from '../modules/email/index.ts';
import { html } from './html.ts';
import { pickLang, publicLangs, type Lang } from './i18n.ts';
import { layout, type PageContext } from './layout.ts';
import { textsFor } from './texts.ts';

const purposeNames: Record<Lang, Record<string, string>> = {
  'zh-CN': {
    newsletter: '通讯简报',
    fundraising: '筹款与捐赠',
    events: '活动通知',
    volunteering: '志愿服务',
    communications: '日常联络',
    updates: '项目进展',
  },
  en: {
    newsletter: 'Newsletter',
    fundraising: 'Fundraising and giving',
    events: 'Events',
    volunteering: 'Volunteering',
    communications: 'Communications',
    updates: 'Project updates',
  },
};

const words = {
  'zh-CN': {
    title: '邮件订阅设置',
    lead: (org: string) => `选择你愿意收到的${org}的邮件：`,
    save: '保存',
    saved: '已保存。更改立即生效。',
    none: '全部退订',
    invalid: '这个链接无效或不完整，请直接回复邮件告诉机构。',
  },
  en: {
    title: 'Email preferences',
    lead: (org: string) => `Choose the emails you want from ${org}:`,
    save: 'Save',
    saved: 'Saved. Changes take effect at once.',
    none: 'Unsubscribe from all',
    invalid: 'This link is not valid or complete; reply to the email to tell the organization.',
  },
};

/** The email purposes this person has a say on: the link's own, and every one they were ever asked about. */
async function emailChoices(ctx: OrgContext, db: Parameters<typeof consentRecords>[0], claims: UnsubscribeClaims) {
  const records = (await consentRecords(db, ctx.org.id, claims.contactId)).filter((r) => r.channel === 'email');
  const current = new Map(currentConsents(records).map((r) => [r.purpose, r.status === 'granted']));
  if (!current.has(claims.purpose)) current.set(claims.purpose, false);
  return [...current.entries()].sort(([a], [b]) => a.localeCompare(b));
}

/**
 * /email/preferences/<token>: the page every campaign email links to. The signed token names the
 * organization and contact; each change is a consent record, with this page as its evidence.
 */
export const emailPreferencePages: FastifyPluginAsyncZod = async (app) => {
  await app.register(formbody, { bodyLimit: 4 * 1024 });
  const { db, config } = app.deps;
  const keyring = unsubscribeKeyring(config.SECRET_KEY);
  const params = z.object({ token: z.string().max(1000) });
  const query = z.object({ lang: z.enum(publicLangs).optional().catch(undefined) });

  const open = async (token: string) => {
    const verdict = verifyUnsubscribeToken(keyring, token);
    if (!verdict.ok || verdict.claims.channel !== 'email') return undefined;
    try {
      const ctx = await systemContext(db, { id: verdict.claims.orgId }, 'email-preferences', 'public');
      return { claims: verdict.claims, ctx };
    } catch (error) {
      if (error instanceof AppError) return undefined;
      throw error;
    }
  };

  const page = (ctx: PageContext, orgName: string, choices: [string, boolean][], note?: string) => {
    const w = words[ctx.lang];
    const names = purposeNames[ctx.lang];
    return layout(
      ctx,
      w.title,
      html`<h1>${w.title}</h1>
        ${note ? html`<p class="notice">${note}</p>` : ''}
        <form method="post">
          <p>${w.lead(orgName)}</p>
          ${choices.map(
            ([purpose, granted]) =>
              html`<p class="card">
                <label
                  ><input type="checkbox" name="purpose" value="${purpose}" ${granted ? html`checked` : ''} />
                  ${names[purpose] ?? purpose}</label
                >
              </p>`,
          )}
          <p><button type="submit">${w.save}</button></p>
          <p>
            <button type="submit" name="all" value="off" style="background:#fff;color:#cf222e;border:1px solid #cf222e">
              ${w.none}
            </button>
          </p>
        </form>`,
    ).value;
  };

  app.get(
    '/email/preferences/:token',
    { schema: { hide: true, params, querystring: query } },
    async (request, reply) => {
      const lang = pickLang(request.query.lang, request.headers['accept-language']);
      const ctx = { lang, t: textsFor(lang) };
      reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
      const opened = await open(request.params.token);
      if (!opened)
        return reply.status(404).send(layout(ctx, words[lang].title, html`<p>${words[lang].invalid}</p>`).value);
      return reply.send(page(ctx, opened.ctx.org.name, await emailChoices(opened.ctx, db, opened.claims)));
    },
  );

  app.post(
    '/email/preferences/:token',
    { config: { rateLimit: { max: 30, timeWindow: '1 minute' } }, schema: { hide: true, params, querystring: query } },
    async (request, reply) => {
      const lang = pickLang(request.query.lang, request.headers['accept-language']);
      const ctx = { lang, t: textsFor(lang) };
      reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
      const opened = await open(request.params.token);
      if (!opened)
        return reply.status(404).send(layout(ctx, words[lang].title, html`<p>${words[lang].invalid}</p>`).value);
      const body = (request.body ?? {}) as Record<string, string | string[] | undefined>;
      const ticked = new Set(body.all === 'off' ? [] : [body.purpose ?? []].flat());
      const before = await emailChoices(opened.ctx, db, opened.claims);
      // Only what changed is recorded; a purpose not shown on the page cannot be granted through it.
      const changes = before.filter(([purpose, granted]) => ticked.has(purpose) !== granted);
      try {
        await appendConsents(
          db,
          opened.ctx,
          changes.map(([purpose, granted]) => ({
            contactId: opened.claims.contactId,
            input: granted
              ? {
                  channel: 'email' as const,
                  purpose,
                  status: 'withdrawn' as const,
                  source: 'unsubscribe' as const,
                  evidence: { type: 'unsubscribe_link' as const, ref: 'preferences page' },
                }
              : {
                  channel: 'email' as const,
                  purpose,
                  status: 'granted' as const,
                  source: 'form' as const,
                  evidence: {
                    type: 'form_submission' as const,
                    ref: 'email preferences page',
                    text: words[lang].lead(opened.ctx.org.name),
                  },
                },
          })),
        );
      } catch (error) {
        // An erased or merged contact cannot be written to; there is nothing left to change.
        if (!(error instanceof AppError)) throw error;
      }
      const after = await emailChoices(opened.ctx, db, opened.claims);
      return reply.send(page(ctx, opened.ctx.org.name, after, words[lang].saved));
    },
  );
};
