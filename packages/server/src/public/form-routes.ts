import formbody from '@fastify/formbody';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../errors/app-error.ts';
import { orgSlug } from '../http/params.ts';
import { formOpen, publicForm, submitResponse, type FormRow, type RawAnswers } from '../modules/forms/index.ts';
import { publicAssets } from './assets.ts';
import { formMessagePage, formPage, type FormErrors, type FormValues } from './form-page.ts';
import { formTextsFor, problemText } from './form-texts.ts';
import { langQuery } from './i18n.ts';
import { notFoundPage } from './tracking-page.ts';
import { pageContext, sendHtml } from './page-reply.ts';

const params = z.object({ org: z.string().max(64), form: z.string().max(64) });
const query = langQuery.extend({ embed: z.literal('1').optional().catch(undefined) });
const formBody = z.record(z.string(), z.union([z.string(), z.array(z.string())]));

/** Per address; generous, as many people in China share one carrier-grade NAT address. */
const SUBMISSIONS_PER_MINUTE = 60;

/**
 * A form's public page (/f/<org>/<form>) and its submission (the JSON way in is in modules/forms). The honeypot field `website` is left empty by people and filled by
 * bots: a filled one is answered as a success and stored nowhere.
 */
export const formPages: FastifyPluginAsyncZod = async (app) => {
  await app.register(formbody, { bodyLimit: 64 * 1024 });
  const { db, clock } = app.deps;

  const find = (org: string, form: string) =>
    orgSlug.safeParse(org).success && orgSlug.safeParse(form).success
      ? publicForm(db, org, form)
      : Promise.resolve(undefined);

  const framing = (reply: FastifyReply, embed: boolean) => {
    if (!embed) return;
    // Made to be framed by the organization's own site (the embed code).
    reply.removeHeader('x-frame-options');
    reply.header(
      'content-security-policy',
      "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors *",
    );
  };

  /** The form again (blank, or with the answers and what to correct), or why it takes nothing. */
  const render = async (
    request: FastifyRequest,
    reply: FastifyReply,
    found: { org: { name: string; slug: string }; form: FormRow },
    state: { values: FormValues; errors: FormErrors; notice?: string },
    status: number,
  ) => {
    const ctx = pageContext(request);
    const t = formTextsFor(ctx.lang);
    const embed = (request.query as { embed?: string }).embed === '1';
    framing(reply, embed);
    const { form, org } = found;
    const open = formOpen(form, clock.now(), 0);
    if (open !== 'open')
      return sendHtml(
        reply,
        'live',
        200,
        formMessagePage(ctx, { orgName: org.name, title: form.title, embed }, t.closed),
      );
    const action = `/f/${org.slug}/${form.slug}?lang=${ctx.lang}${embed ? '&embed=1' : ''}`;
    const script = (await publicAssets()).url('form');
    return sendHtml(reply, 'live', status, formPage(ctx, t, { orgName: org.name, form, action, script, embed }, state));
  };

  app.get('/f/:org/:form', { schema: { hide: true, params, querystring: query } }, async (request, reply) => {
    const found = await find(request.params.org, request.params.form);
    if (!found) {
      const ctx = pageContext(request);
      return sendHtml(reply, 'live', 404, notFoundPage(ctx, formTextsFor(ctx.lang).notFound));
    }
    return render(request, reply, found, { values: {}, errors: {} }, 200);
  });

  app.post(
    '/f/:org/:form',
    {
      config: { rateLimit: { max: SUBMISSIONS_PER_MINUTE, timeWindow: '1 minute' } },
      schema: { hide: true, params, querystring: query, body: formBody },
    },
    async (request, reply) => {
      const ctx = pageContext(request);
      const t = formTextsFor(ctx.lang);
      const found = await find(request.params.org, request.params.form);
      if (!found) return sendHtml(reply, 'live', 404, notFoundPage(ctx, t.notFound));
      const { form, org } = found;
      const embed = request.query.embed === '1';
      const values = request.body as FormValues;
      const thanks = () => {
        framing(reply, embed);
        if (form.settings.redirectUrl && !embed) return reply.redirect(form.settings.redirectUrl, 303);
        const message = form.settings.thankYou || t.thanks;
        return sendHtml(
          reply,
          'private',
          200,
          formMessagePage(ctx, { orgName: org.name, title: form.title, embed }, message),
        );
      };
      if (typeof values.website === 'string' && values.website.trim()) return thanks();
      try {
        await submitResponse(db, { org, formId: form.id }, values as RawAnswers, clock.now(), 'answers');
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        if (error.code === 'FORM_CLOSED' || error.code === 'FORM_FULL')
          return sendHtml(
            reply,
            'live',
            409,
            formMessagePage(
              ctx,
              { orgName: org.name, title: form.title, embed },
              error.code === 'FORM_FULL' ? t.full : t.closed,
            ),
          );
        if (error.code !== 'VALIDATION_FAILED') throw error;
        const errors = Object.fromEntries(
          error.fields.map((f) => [f.path.replace(/^answers\./, ''), problemText(t, f.message)]),
        );
        return render(request, reply, found, { values, errors, notice: t.fix }, 422);
      }
      return thanks();
    },
  );
};
