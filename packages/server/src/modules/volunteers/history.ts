import { and, desc, eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.ts';
import { authorize, type OrgContext } from '../../http/authorize.ts';
import { auditContactRead, loadContact } from '../contacts/index.ts';
import { contactParams, contactVolunteering } from './schemas.ts';
import {
  volunteerOpportunities as opportunities,
  volunteerShifts as shifts,
  volunteerSignups as signups,
} from './tables.ts';

/** A contact's signups, newest shift first, with the opportunity and shift they are for. */
export function volunteeringRows(db: Db, orgId: string, contactId: number) {
  return db
    .select({ signup: signups, shift: shifts, opportunityTitle: opportunities.title })
    .from(signups)
    .innerJoin(shifts, and(eq(shifts.orgId, signups.orgId), eq(shifts.id, signups.shiftId)))
    .innerJoin(opportunities, and(eq(opportunities.orgId, signups.orgId), eq(opportunities.id, signups.opportunityId)))
    .where(and(eq(signups.orgId, orgId), eq(signups.contactId, contactId)))
    .orderBy(desc(shifts.startsAt), desc(signups.id));
}

/** A contact's volunteering (志愿服务记录): total minutes served, counts by status, and each signup. */
export async function contactVolunteeringOf(db: Db, orgId: string, contactId: number) {
  const rows = await volunteeringRows(db, orgId, contactId);
  const count = (status: string) => rows.filter((r) => r.signup.status === status).length;
  return {
    totalMinutes: rows.reduce((sum, r) => sum + (r.signup.minutes ?? 0), 0),
    counts: {
      signups: rows.length,
      confirmed: count('confirmed'),
      waitlisted: count('waitlisted'),
      attended: count('attended'),
      noShow: count('no_show'),
      cancelled: count('cancelled'),
    },
    signups: rows.map(({ signup, shift, opportunityTitle }) => ({
      id: signup.id,
      opportunityId: signup.opportunityId,
      opportunityTitle,
      shiftId: signup.shiftId,
      shiftTitle: shift.title,
      startsAt: shift.startsAt.toISOString(),
      endsAt: shift.endsAt.toISOString(),
      status: signup.status,
      source: signup.source,
      checkedInAt: signup.checkedInAt?.toISOString() ?? null,
      checkedOutAt: signup.checkedOutAt?.toISOString() ?? null,
      minutes: signup.minutes,
      createdAt: signup.createdAt.toISOString(),
    })),
  };
}

async function readVolunteering(db: Db, ctx: OrgContext, contactId: number) {
  return db.transaction(async (tx) => {
    await loadContact(tx, ctx.org.id, contactId);
    await auditContactRead(tx, ctx, contactId, 'volunteering');
    return contactVolunteeringOf(tx, ctx.org.id, contactId);
  });
}

/** GET /orgs/:org/contacts/:id/volunteering: the contact page's volunteer history. */
export const contactVolunteeringRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;
  app.get(
    '/orgs/:org/contacts/:id/volunteering',
    {
      schema: {
        tags: ['volunteers'],
        summary: "A contact's volunteer history: hours served, counts, and each signup (an audited read)",
        params: contactParams,
        response: { 200: contactVolunteering },
      },
    },
    async (request) => {
      const ctx = await authorize(request, 'volunteers:read');
      return readVolunteering(db, ctx, request.params.id);
    },
  );
};
