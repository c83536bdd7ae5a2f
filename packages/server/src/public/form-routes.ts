import formbody from '@fastify/formbody';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../errors/app-error.ts';
import { orgSlug } from '../http/params.ts';
import {
  checkCaptcha,
  countResponses,
  formOpen,
  MAX_FORM_FILE_BYTES,
  publicForm,
  recentPublicForm,
  responseQueue,
  type FormRow,
  type RawAnswers,
  type UploadedFile,
} from '../modules/forms/index.ts';
import { TENCENT_CAPTCHA_ORIGINS } from '../adapters/captcha/index.ts';
import { opportunityPathForForm } from '../modules/volunteers/index.ts';
import { publicAssets } from './assets.ts';
import { formMessagePage, formPage, type FormErrors, type FormValues } from './form-page.ts';
import { formTextsFor, problemText } from './form-texts.ts';
import { langQuery } from './i18n.ts';
import { notFoundPage } from './tracking-page.ts';
import { pageContext, sendHtml } from './page-reply.ts';

const params = z.object({ org: z.string().max(64), form: z.string().max(64) });
const query = langQuery.extend({ embed: z.literal('1').optional().catch(undefined) });
const formBody = z.record(z.string(), z.union([z.string(), z.array(z.string())]));

/** The answers of a page's submission: form fields, and files when the form asks for them. */
export async function readSubmission(
  request: FastifyRequest,
): Promise<{ values: FormValues; files: Record<string, UploadedFile> } | { tooMany: true }> {
  if (!request.isMultipart()) {
    const parsed = formBody.safeParse(request.body ?? {});
    return { values: parsed.success ? parsed.data : {}, files: {} };
  }
  const values: Record<string, string | string[]> = {};
  const files: Record<string, UploadedFile> = {};
  try {
    // A file over the limit arrives truncated, to be answered beside its question rather than as an
    // error of the whole request (the option is read at run time; the types leave it out).
    const options = {
      limits: { files: 10, fields: 300, fieldSize: 64 * 1024, fileSize: MAX_FORM_FILE_BYTES },
      throwFileSizeLimit: false,
    };
    for await (const part of request.parts(options as Parameters<typeof request.parts>[0])) {
      if (part.type === 'file') {
        const data = await part.toBuffer();
        // An empty file input sends a part with no name and no bytes: the question was not answered.
        if (part.filename || data.length)
          files[part.fieldname] = { name: part.filename, data, truncated: part.file.truncated };
      } else {
        const value = String(part.value);
        const before = values[part.fieldname];
        values[part.fieldname] = before === undefined ? value : [before, value].flat();
      }
    }
  } catch (error) {
    // More parts than any form has: nothing a person would send.
    if ((error as { code?: string }).code?.startsWith('FST_')) return { tooMany: true };
    throw error;
  }
  return { values, files };
}

/** Per address; generous, as many people in China share one carrier-grade NAT address. */
const SUBMISSIONS_PER_MINUTE = 60;

/**
 * A form's public page (/f/<org>/<form>) and its submission (the JSON way in is in modules/forms). The honeypot field `website` is left empty by people and filled by
 * bots: a filled one is answered as a success and stored nowhere.
 */
export const formPages: FastifyPluginAsyncZod = async (app) => {
  // Room for the longest answers a form allows, so that one too long is answered beside its question.
  await app.register(formbody, { bodyLimit: 1024 * 1024 });
  const { db, clock } = app.deps;

  const find = (org: string, form: string, read = publicForm) =>
    orgSlug.safeParse(org).success && orgSlug.safeParse(form).success
      ? read(db, org, form)
      : Promise.resolve(undefined);

  const framing = (reply: FastifyReply, embed: boolean, tencentCaptcha = false) => {
    if (!embed && !tencentCaptcha) return;
    // Made to be framed by the organization's own site (the embed code).
    if (embed) reply.removeHeader('x-frame-options');
    // Tencent's captcha widget is the one third-party script a page may load, and only when the instance chose it.
    const tencent = tencentCaptcha ? ` ${TENCENT_CAPTCHA_ORIGINS}` : '';
    reply.header(
      'content-security-policy',
      `default-src 'self'; script-src 'self'${tencent}; frame-src 'self'${tencent}; connect-src 'self'${tencent}; ` +
        `style-src 'self' 'unsafe-inline'; img-src 'self' data:${tencent}; object-src 'none'; base-uri 'self'; ` +
        `form-action 'self'; frame-ancestors ${embed ? '*' : "'self'"}`,
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
    const { form, org } = found;
    const captcha = form.settings.captcha ? await app.deps.captcha.challenge() : undefined;
    framing(reply, embed, captcha?.provider === 'tencent');
    const responses = form.settings.responseLimit ? await countResponses(db, form.orgId, form.id) : 0;
    const open = formOpen(form, clock.now(), responses);
    if (open !== 'open')
      return sendHtml(
        reply,
        'live',
        200,
        formMessagePage(ctx, { orgName: org.name, title: form.title, embed }, open === 'full' ? t.full : t.closed),
      );
    const action = `/f/${org.slug}/${form.slug}?lang=${ctx.lang}${embed ? '&embed=1' : ''}`;
    const script = (await publicAssets()).url('form');
    return sendHtml(
      reply,
      'live',
      status,
      formPage(ctx, t, { orgName: org.name, form, action, script, embed, captcha }, state),
    );
  };

  app.get('/f/:org/:form', { schema: { hide: true, params, querystring: query } }, async (request, reply) => {
    const found = await find(request.params.org, request.params.form);
    if (!found) {
      const ctx = pageContext(request);
      return sendHtml(reply, 'live', 404, notFoundPage(ctx, formTextsFor(ctx.lang).notFound));
    }
    // A volunteer opportunity's sign-up form: its page chooses the shifts, which the form alone cannot.
    const opportunity = await opportunityPathForForm(db, found.org, found.form.id);
    if (opportunity) return reply.redirect(`${opportunity}?lang=${pageContext(request).lang}`, 303);
    return render(request, reply, found, { values: {}, errors: {} }, 200);
  });

  app.get('/f/:org/:form/thanks', { schema: { hide: true, params, querystring: query } }, async (request, reply) => {
    const ctx = pageContext(request);
    const t = formTextsFor(ctx.lang);
    const found = await find(request.params.org, request.params.form);
    if (!found) return sendHtml(reply, 'live', 404, notFoundPage(ctx, t.notFound));
    const embed = request.query.embed === '1';
    framing(reply, embed);
    const { form, org } = found;
    const message = form.settings.thankYou || t.thanks;
    return sendHtml(
      reply,
      'public',
      200,
      formMessagePage(ctx, { orgName: org.name, title: form.title, embed }, message),
    );
  });

  app.post(
    '/f/:org/:form',
    {
      config: { rateLimit: { max: SUBMISSIONS_PER_MINUTE, timeWindow: '1 minute' } },
      // The body is form-encoded, or multipart when the form asks for files: read by the handler.
      schema: { hide: true, params, querystring: query },
    },
    async (request, reply) => {
      const ctx = pageContext(request);
      const t = formTextsFor(ctx.lang);
      const found = await find(request.params.org, request.params.form, recentPublicForm);
      if (!found) return sendHtml(reply, 'live', 404, notFoundPage(ctx, t.notFound));
      const { form, org } = found;
      const opportunity = await opportunityPathForForm(db, org, form.id);
      if (opportunity) return reply.redirect(`${opportunity}?lang=${ctx.lang}`, 303);
      const embed = request.query.embed === '1';
      const read = await readSubmission(request);
      if ('tooMany' in read)
        return sendHtml(
          reply,
          'live',
          413,
          formMessagePage(ctx, { orgName: org.name, title: form.title, embed }, t.tooLarge),
        );
      const { values, files } = read;
      // Answered with a redirect, so that reloading the thank-you page sends nothing again.
      const thanks = () => {
        if (form.settings.redirectUrl && !embed) return reply.redirect(form.settings.redirectUrl, 303);
        return reply.redirect(`/f/${org.slug}/${form.slug}/thanks?lang=${ctx.lang}${embed ? '&embed=1' : ''}`, 303);
      };
      if (typeof values.website === 'string' && values.website.trim()) return thanks();
      try {
        if (form.settings.captcha) {
          const answer = typeof values.captcha === 'string' ? values.captcha : undefined;
          await checkCaptcha(app.deps, answer, { ip: request.ip, path: 'captcha' });
        }
        await responseQueue(db).submit(
          { org, formId: form.id },
          { raw: values as RawAnswers, now: clock.now(), prefix: 'answers', upload: { files, store: app.deps.files } },
          request.log,
        );
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
        if (error.code === 'CAPTCHA_FAILED')
          return render(request, reply, found, { values, errors: {}, notice: t.captcha.failed }, 400);
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
