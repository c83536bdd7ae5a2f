import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize } from '../../http/authorize.ts';
import { orgParams } from '../../http/params.ts';
import { presentOpportunity } from './present.ts';
import {
  opportunityInput,
  opportunityListItem,
  opportunityParams,
  opportunityPatch,
  opportunitySchema,
  shiftInput,
  shiftParams,
  shiftPatch,
} from './schemas.ts';
import {
  createOpportunity,
  createShift,
  deleteOpportunity,
  deleteShift,
  listOpportunities,
  opportunityWithShifts,
  setOpportunityStatus,
  updateOpportunity,
  updateShift,
} from './service.ts';

/** Volunteer opportunities (志愿活动) and their shifts (班次), for staff. */
export const opportunityRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;
  const tags = ['volunteers'];
  const base = '/orgs/:org/volunteers/opportunities';
  const present = async (orgId: string, orgSlug: string, id: number) => {
    const { row, shifts } = await opportunityWithShifts(db, orgId, id);
    return presentOpportunity(row, orgSlug, shifts);
  };

  app.get(
    base,
    {
      schema: {
        tags,
        summary: 'The opportunities, newest first, with their dates, shifts and places taken',
        params: orgParams,
        response: { 200: z.array(opportunityListItem) },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'volunteers:read');
      const now = app.deps.clock.now().toISOString();
      return (await listOpportunities(db, ctx.org.id)).map(({ row, shifts }) => {
        const opportunity = presentOpportunity(row, ctx.org.slug, shifts);
        const ahead = opportunity.shifts
          .filter((s) => s.startsAt > now)
          .sort((a, b) => (a.startsAt < b.startsAt ? -1 : 1));
        return opportunityListItem.parse({ ...opportunity, nextShift: ahead[0] ?? null });
      });
    },
  );

  app.post(
    base,
    {
      schema: {
        tags,
        summary: 'Create an opportunity (a draft: it takes sign-ups once published)',
        params: orgParams,
        body: opportunityInput,
        response: { 201: opportunitySchema },
      },
    },
    async (request, reply) => {
      const ctx = await authorize(request, 'volunteers:write');
      const row = await createOpportunity(db, ctx, request.body);
      return reply.status(201).send(presentOpportunity(row, ctx.org.slug, []));
    },
  );

  app.get(
    `${base}/:opportunityId`,
    {
      schema: {
        tags,
        summary: 'One opportunity with its shifts',
        params: opportunityParams,
        response: { 200: opportunitySchema },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'volunteers:read');
      return present(ctx.org.id, ctx.org.slug, request.params.opportunityId);
    },
  );

  app.patch(
    `${base}/:opportunityId`,
    {
      schema: {
        tags,
        summary: 'Edit an opportunity: what the body leaves out stays',
        params: opportunityParams,
        body: opportunityPatch,
        response: { 200: opportunitySchema },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'volunteers:write');
      await updateOpportunity(db, ctx, request.params.opportunityId, request.body);
      return present(ctx.org.id, ctx.org.slug, request.params.opportunityId);
    },
  );

  app.delete(
    `${base}/:opportunityId`,
    {
      schema: {
        tags,
        summary: 'Delete an opportunity no one has a place on (otherwise close it)',
        params: opportunityParams,
      },
    },
    async (request, reply) => {
      const ctx = await authorize(request, 'volunteers:write');
      await deleteOpportunity(db, ctx, request.params.opportunityId);
      return reply.status(204).send();
    },
  );

  for (const [action, status] of [
    ['publish', 'open'],
    ['close', 'closed'],
  ] as const) {
    app.post(
      `${base}/:opportunityId/${action}`,
      {
        schema: {
          tags,
          summary:
            action === 'publish'
              ? 'Publish: its page takes sign-ups (needs a sign-up form with a name and a phone or email question, and a shift; a draft form is opened)'
              : 'Stop taking sign-ups (the roster, check-in and hours go on)',
          params: opportunityParams,
          response: { 200: opportunitySchema },
        },
      },
      async (request) => {
        const ctx = await authorize(request, 'volunteers:write');
        await setOpportunityStatus(db, ctx, request.params.opportunityId, status);
        return present(ctx.org.id, ctx.org.slug, request.params.opportunityId);
      },
    );
  }

  app.post(
    `${base}/:opportunityId/shifts`,
    {
      schema: {
        tags,
        summary: 'Add a shift; the opportunity comes back with its shifts',
        params: opportunityParams,
        body: shiftInput,
        response: { 201: opportunitySchema },
      },
    },
    async (request, reply) => {
      const ctx = await authorize(request, 'volunteers:write');
      await createShift(db, ctx, request.params.opportunityId, request.body);
      return reply.status(201).send(await present(ctx.org.id, ctx.org.slug, request.params.opportunityId));
    },
  );

  app.patch(
    `${base}/:opportunityId/shifts/:shiftId`,
    {
      schema: {
        tags,
        summary: 'Edit a shift (its places cannot drop below the people holding one)',
        params: shiftParams,
        body: shiftPatch,
        response: { 200: opportunitySchema },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'volunteers:write');
      const { opportunityId, shiftId } = request.params;
      await updateShift(db, ctx, opportunityId, shiftId, request.body);
      return present(ctx.org.id, ctx.org.slug, opportunityId);
    },
  );

  app.delete(
    `${base}/:opportunityId/shifts/:shiftId`,
    {
      schema: {
        tags,
        summary: 'Delete a shift no one has a place on (cancel their places first)',
        params: shiftParams,
        response: { 200: opportunitySchema },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'volunteers:write');
      const { opportunityId, shiftId } = request.params;
      await deleteShift(db, ctx, opportunityId, shiftId);
      return present(ctx.org.id, ctx.org.slug, opportunityId);
    },
  );
};
