import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  volunteerOpportunities as opportunities,
  volunteerShifts as shifts,
  volunteerSignups as signups,
} from './tables.ts';

// Imports only tables: the contacts module's data export reads it, and the contacts module is below
// this one (volunteers/index.ts imports contacts), so anything more would make a cycle.

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
