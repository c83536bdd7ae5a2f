import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize } from '../../http/authorize.ts';
import { orgParams } from '../../http/params.ts';
import { addSignup, cancelSignup, checkIn, checkOut, logHours, markNoShow, readRoster, rosterCsv } from './roster.ts';
import {
  bulkCheckInInput,
  hoursInput,
  opportunityParams,
  rosterQuery,
  signupParams,
  signupSchema,
  staffSignupInput,
} from './schemas.ts';

/** The roster (名单) of an opportunity: who signed up, check-in, check-out and hours served. */
export const rosterRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, clock } = app.deps;
  const tags = ['volunteers'];
  const base = '/orgs/:org/volunteers';

  app.get(
    `${base}/opportunities/:opportunityId/signups`,
    {
      schema: {
        tags,
        summary:
          "The roster: each signup with the volunteer's name, phone and email (a read of personal data, audited)",
        params: opportunityParams,
        querystring: rosterQuery,
        response: { 200: z.array(signupSchema) },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'volunteers:read');
      return (await readRoster(db, ctx, request.params.opportunityId, request.query, 'list')).signups;
    },
  );

  app.get(
    `${base}/opportunities/:opportunityId/signups.csv`,
    {
      schema: {
        tags,
        summary: 'The roster as CSV (UTF-8 with BOM, for Excel; audited)',
        params: opportunityParams,
        querystring: rosterQuery,
      },
    },
    async (request, reply) => {
      const ctx = await authorize(request, 'contacts:export');
      const read = await readRoster(db, ctx, request.params.opportunityId, request.query, 'export');
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="volunteers-${read.opportunity.slug}.csv"`)
        .send(rosterCsv(read, ctx.org.timezone));
    },
  );

  app.post(
    `${base}/opportunities/:opportunityId/signups`,
    {
      schema: {
        tags,
        summary:
          'Put a contact on a shift (a full shift waitlists or refuses, as on the public page, unless allowOverCapacity); an existing place is answered as is',
        params: opportunityParams,
        body: staffSignupInput,
        response: { 201: signupSchema },
      },
    },
    async (request, reply) => {
      const ctx = await authorize(request, 'volunteers:write');
      return reply.status(201).send(await addSignup(db, ctx, request.params.opportunityId, request.body));
    },
  );

  app.post(
    `${base}/signups/check-in`,
    {
      schema: {
        tags,
        summary: 'Check in several volunteers at once (all or none)',
        params: orgParams,
        body: bulkCheckInInput,
        response: { 200: z.array(signupSchema) },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'volunteers:write');
      return checkIn(db, ctx, request.body.signupIds, clock.now());
    },
  );

  const actions = {
    cancel: {
      summary: 'Cancel a place; the first on the waiting list moves up',
      run: (ctx: Parameters<typeof cancelSignup>[1], id: number) => cancelSignup(db, ctx, id),
    },
    'check-in': {
      summary: 'Check in (签到): attended, from now',
      run: async (ctx: Parameters<typeof cancelSignup>[1], id: number) =>
        (await checkIn(db, ctx, [id], clock.now()))[0]!,
    },
    'check-out': {
      summary: 'Check out (签退): the minutes since check-in become the hours served',
      run: (ctx: Parameters<typeof cancelSignup>[1], id: number) => checkOut(db, ctx, id, clock.now()),
    },
    'no-show': {
      summary: 'Mark as not come (未到场)',
      run: (ctx: Parameters<typeof cancelSignup>[1], id: number) => markNoShow(db, ctx, id),
    },
  };
  for (const [action, { summary, run }] of Object.entries(actions)) {
    app.post(
      `${base}/signups/:signupId/${action}`,
      { schema: { tags, summary, params: signupParams, response: { 200: signupSchema } } },
      async (request) => {
        const ctx = await authorize(request, 'volunteers:write');
        return run(ctx, request.params.signupId);
      },
    );
  }

  app.post(
    `${base}/signups/:signupId/hours`,
    {
      schema: {
        tags,
        summary:
          'Log the hours served (志愿服务时长) in whole minutes, at most 24 hours; the volunteer counts as attended',
        params: signupParams,
        body: hoursInput,
        response: { 200: signupSchema },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'volunteers:write');
      return logHours(db, ctx, request.params.signupId, request.body);
    },
  );
};
