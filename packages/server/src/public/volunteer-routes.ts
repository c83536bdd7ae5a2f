import formbody from '@fastify/formbody';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../errors/app-error.ts';
import { orgSlug } from '../http/params.ts';
import { TENCENT_CAPTCHA_ORIGINS } from '../adapters/captcha/index.ts';
import { checkCaptcha, countResponses, formOpen, type RawAnswers } from '../modules/forms/index.ts';
import { openShiftsOf, publicOpportunity, signUp, type PublicOpportunity } from '../modules/volunteers/index.ts';
import { publicAssets } from './assets.ts';
import type { FormErrors, FormValues } from './form-page.ts';
import { readSubmission } from './form-routes.ts';
import { formTextsFor, problemText } from './form-texts.ts';
import { langQuery } from './i18n.ts';
import { pageContext, sendHtml } from './page-reply.ts';
import { notFoundPage } from './tracking-page.ts';
import { volunteerMessagePage, volunteerPage } from './volunteer-page.ts';
import { volunteerTextsFor } from './volunteer-texts.ts';

const params = z.object({ org: z.string().max(64), slug: z.string().max(64) });
const thanksQuery = langQuery.extend({ waitlisted: z.literal('1').optional().catch(undefined) });

/** Per address; generous, as many people in China share one carrier-grade NAT address. */
const SIGNUPS_PER_MINUTE = 60;

/** The shift ids a page posted: anything that is not an id is left as 0, which no shift has. */
const shiftIdsOf = (values: FormValues) =>
  [values.shiftIds ?? []].flat().map((v) => (/^\d{1,15}$/.test(v) ? Number(v) : 0));

/**
 * An opportunity's public page (/v/<org>/<slug>) and its sign-up: the answers to its form and the
 * shifts chosen, recorded together (modules/volunteers/signup.ts). The honeypot `website` is answered as
 * a success and stored nowhere, as on form pages.
 */
export const volunteerPages: FastifyPluginAsyncZod = async (app) => {
  await app.register(formbody, { bodyLimit: 1024 * 1024 });
  const { db, clock } = app.deps;

  const find = (org: string, slug: string) =>
    orgSlug.safeParse(org).success && orgSlug.safeParse(slug).success
      ? publicOpportunity(db, org, slug)
      : Promise.resolve(undefined);

  /** open, or why the page takes no sign-ups: closed (or its form is), or its form is full. */
  const accepting = async (found: PublicOpportunity) => {
    if (found.opportunity.status !== 'open') return 'closed' as const;
    const { form } = found;
    const responses = form.settings.responseLimit ? await countResponses(db, form.orgId, form.id) : 0;
    return formOpen(form, clock.now(), responses);
  };

  const render = async (
    request: FastifyRequest,
    reply: FastifyReply,
    found: PublicOpportunity,
    state: { values: FormValues; errors: FormErrors; notice?: string },
    status: number,
  ) => {
    const ctx = pageContext(request);
    const t = { volunteer: volunteerTextsFor(ctx.lang), form: formTextsFor(ctx.lang) };
    const shifts = openShiftsOf(found, clock.now());
    const open = await accepting(found);
    if (open !== 'open')
      return sendHtml(
        reply,
        'live',
        status === 200 ? 200 : 409,
        volunteerMessagePage(ctx, t.volunteer, { found, shifts }, open === 'full' ? t.form.full : t.volunteer.closed),
      );
    const action = `/v/${found.org.slug}/${found.opportunity.slug}?lang=${ctx.lang}`;
    const script = (await publicAssets()).url('form');
    const captcha = found.form.settings.captcha ? await app.deps.captcha.challenge() : undefined;
    if (captcha?.provider === 'tencent')
      // Tencent's widget is the one third-party script a page may load, as on form pages.
      reply.header(
        'content-security-policy',
        `default-src 'self'; script-src 'self' ${TENCENT_CAPTCHA_ORIGINS}; frame-src 'self' ${TENCENT_CAPTCHA_ORIGINS}; ` +
          `connect-src 'self' ${TENCENT_CAPTCHA_ORIGINS}; style-src 'self' 'unsafe-inline'; img-src 'self' data: ` +
          `${TENCENT_CAPTCHA_ORIGINS}; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'`,
      );
    return sendHtml(reply, 'live', status, volunteerPage(ctx, t, { found, shifts, action, script, captcha }, state));
  };

  const notFound = (request: FastifyRequest, reply: FastifyReply) => {
    const ctx = pageContext(request);
    return sendHtml(reply, 'live', 404, notFoundPage(ctx, volunteerTextsFor(ctx.lang).notFound));
  };

  app.get('/v/:org/:slug', { schema: { hide: true, params, querystring: langQuery } }, async (request, reply) => {
    const found = await find(request.params.org, request.params.slug);
    if (!found) return notFound(request, reply);
    return render(request, reply, found, { values: {}, errors: {} }, 200);
  });

  app.get(
    '/v/:org/:slug/thanks',
    { schema: { hide: true, params, querystring: thanksQuery } },
    async (request, reply) => {
      const found = await find(request.params.org, request.params.slug);
      if (!found) return notFound(request, reply);
      const ctx = pageContext(request);
      const t = volunteerTextsFor(ctx.lang);
      const thanks = found.form.settings.thankYou || t.thanks;
      const message = request.query.waitlisted ? `${thanks} ${t.thanksWaitlisted}` : thanks;
      const shifts = openShiftsOf(found, clock.now());
      return sendHtml(reply, 'live', 200, volunteerMessagePage(ctx, t, { found, shifts }, message));
    },
  );

  app.post(
    '/v/:org/:slug',
    {
      config: { rateLimit: { max: SIGNUPS_PER_MINUTE, timeWindow: '1 minute' } },
      // Form-encoded, or multipart when the form asks for files: read by the handler.
      schema: { hide: true, params, querystring: langQuery },
    },
    async (request, reply) => {
      const found = await find(request.params.org, request.params.slug);
      if (!found) return notFound(request, reply);
      const ctx = pageContext(request);
      const t = { volunteer: volunteerTextsFor(ctx.lang), form: formTextsFor(ctx.lang) };
      const read = await readSubmission(request);
      if ('tooMany' in read)
        return sendHtml(
          reply,
          'live',
          413,
          volunteerMessagePage(ctx, t.volunteer, { found, shifts: [] }, t.form.tooLarge),
        );
      const { values, files } = read;
      const thanks = (waitlisted: boolean) =>
        reply.redirect(
          `/v/${found.org.slug}/${found.opportunity.slug}/thanks?lang=${ctx.lang}${waitlisted ? '&waitlisted=1' : ''}`,
          303,
        );
      if (typeof values.website === 'string' && values.website.trim()) return thanks(false);
      try {
        if (found.form.settings.captcha) {
          const answer = typeof values.captcha === 'string' ? values.captcha : undefined;
          await checkCaptcha(app.deps, answer, { ip: request.ip, path: 'captcha' });
        }
        const { shiftIds: _chosen, website: _website, captcha: _captcha, ...answers } = values;
        const result = await signUp(
          db,
          { org: found.org, opportunityId: found.opportunity.id },
          { shiftIds: shiftIdsOf(values), answers: answers as RawAnswers },
          clock.now(),
          { answers: 'answers', shifts: 'shiftIds' },
          { files, store: app.deps.files },
        );
        return thanks(result.signups.some((s) => s.status === 'waitlisted'));
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        // The page again with fresh places, or why it takes no more.
        const again = (await find(request.params.org, request.params.slug)) ?? found;
        const shiftProblem = (message: string) =>
          render(request, reply, again, { values, errors: { shiftIds: message }, notice: t.form.fix }, 409);
        switch (error.code) {
          case 'SHIFT_FULL':
            return shiftProblem(t.volunteer.shiftFull);
          case 'SHIFT_PAST':
            return shiftProblem(t.volunteer.shiftStarted);
          case 'CAPTCHA_FAILED':
            return render(request, reply, again, { values, errors: {}, notice: t.form.captcha.failed }, 400);
          case 'OPPORTUNITY_STATE':
          case 'FORM_CLOSED':
          case 'FORM_FULL':
            return render(request, reply, again, { values, errors: {} }, 409);
          case 'VALIDATION_FAILED': {
            const errors: FormErrors = {};
            for (const field of error.fields) {
              if (field.path.startsWith('shiftIds'))
                errors.shiftIds = field.path === 'shiftIds' ? t.volunteer.chooseOne : t.volunteer.shiftUnknown;
              else errors[field.path.replace(/^answers\.?/, '')] = problemText(t.form, field.message);
            }
            return render(request, reply, again, { values, errors, notice: t.form.fix }, 422);
          }
          default:
            throw error;
        }
      }
    },
  );
};
