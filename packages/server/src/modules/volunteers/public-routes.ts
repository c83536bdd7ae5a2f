import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../errors/app-error.ts';
import { orgSlug } from '../../http/params.ts';
import { checkCaptcha, formOpen, countResponses } from '../forms/index.ts';
import { publicOpportunity as publicOpportunitySchema, signupReceipt, signupSubmission } from './schemas.ts';
import { openShiftsOf, publicOpportunity, signUp } from './signup.ts';

const params = z.object({ org: orgSlug, slug: orgSlug });

/** The JSON way to an open opportunity, for an organization's own site or app (the page is /v/<org>/<slug>). */
export const publicSignupRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, clock } = app.deps;
  const tags = ['volunteers'];

  app.get(
    '/volunteers/:org/:slug',
    {
      schema: {
        tags,
        security: [],
        summary: 'A published opportunity: its shifts with places left, and the questions of its sign-up form',
        params,
        response: { 200: publicOpportunitySchema },
      },
    },
    async (request) => {
      const found = await publicOpportunity(db, request.params.org, request.params.slug);
      if (!found) throw notFound('Volunteer opportunity');
      const { opportunity, form, org } = found;
      const now = clock.now();
      const responses = form.settings.responseLimit ? await countResponses(db, org.id, form.id) : 0;
      return {
        title: opportunity.title,
        description: opportunity.description,
        location: opportunity.location,
        skills: opportunity.skills,
        organization: org.name,
        accepting: opportunity.status === 'open' && formOpen(form, now, responses) === 'open',
        waitlist: opportunity.waitlist,
        shifts: openShiftsOf(found, now).map(({ confirmed: _c, waitlisted: _w, attended: _a, ...shift }) => shift),
        fields: form.fields,
      };
    },
  );

  app.post(
    '/volunteers/:org/:slug',
    {
      // Per address; generous, as many people in China share one carrier-grade NAT address.
      config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        tags,
        security: [],
        summary:
          'Sign up for shifts of an open opportunity: the answers go into contacts as for its form, and each shift gets a place (or a waiting-list place)',
        params,
        body: signupSubmission,
        response: { 201: signupReceipt },
      },
    },
    async (request, reply) => {
      const found = await publicOpportunity(db, request.params.org, request.params.slug);
      if (!found) throw notFound('Volunteer opportunity');
      const { shiftIds, answers, website, captcha } = request.body;
      if (website?.trim()) return reply.status(201).send({ status: 'received' as const, signups: [] });
      // Before anything is recorded: a refused captcha writes nothing.
      if (found.form.settings.captcha) await checkCaptcha(app.deps, captcha, { ip: request.ip, path: 'body.captcha' });
      const result = await signUp(
        db,
        { org: found.org, opportunityId: found.opportunity.id },
        { shiftIds, answers },
        clock.now(),
        { answers: 'body.answers', shifts: 'body.shiftIds' },
      );
      return reply.status(201).send({
        status: 'received' as const,
        signups: result.signups.map((s) => ({ shiftId: s.shiftId, status: s.status })),
      });
    },
  );
};
