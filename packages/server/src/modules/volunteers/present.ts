import type * as repo from './repo.ts';
import type { ShiftView, SignupView } from './schemas.ts';

export const opportunityPath = (orgSlug: string, slug: string) => `/v/${orgSlug}/${slug}`;

type CountedShift = Awaited<ReturnType<typeof repo.shiftsWithCounts>>[number];

export function presentShift({ shift, confirmed, waitlisted, attended }: CountedShift): ShiftView {
  return {
    id: shift.id,
    title: shift.title,
    startsAt: shift.startsAt.toISOString(),
    endsAt: shift.endsAt.toISOString(),
    capacity: shift.capacity,
    location: shift.location,
    confirmed,
    waitlisted,
    attended,
    placesLeft: shift.capacity === null ? null : Math.max(0, shift.capacity - confirmed),
  };
}

/** An opportunity with its shifts and the totals across them. */
export function presentOpportunity(row: repo.OpportunityRow, orgSlug: string, counted: CountedShift[]) {
  const shifts = counted.map(presentShift);
  const unlimited = shifts.some((s) => s.capacity === null);
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    description: row.description,
    location: row.location,
    divisionCode: row.divisionCode,
    skills: row.skills,
    status: row.status,
    formId: row.formId,
    waitlist: row.waitlist,
    reminders: row.reminders,
    publicUrl: opportunityPath(orgSlug, row.slug),
    startsAt: shifts.length ? shifts.map((s) => s.startsAt).sort()[0]! : null,
    endsAt: shifts.length
      ? shifts
          .map((s) => s.endsAt)
          .sort()
          .at(-1)!
      : null,
    shiftCount: shifts.length,
    signedUp: shifts.reduce((sum, s) => sum + s.confirmed, 0),
    waitlisted: shifts.reduce((sum, s) => sum + s.waitlisted, 0),
    capacity: unlimited || shifts.length === 0 ? null : shifts.reduce((sum, s) => sum + (s.capacity ?? 0), 0),
    shifts,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function presentSignup({ signup, shift, contact }: repo.RosterRow): SignupView {
  return {
    id: signup.id,
    opportunityId: signup.opportunityId,
    shiftId: signup.shiftId,
    shiftTitle: shift.title,
    shiftStartsAt: shift.startsAt.toISOString(),
    shiftEndsAt: shift.endsAt.toISOString(),
    contactId: signup.contactId,
    contactName: contact.name,
    phone: contact.phone,
    email: contact.email,
    responseId: signup.responseId,
    source: signup.source,
    status: signup.status,
    checkedInAt: signup.checkedInAt?.toISOString() ?? null,
    checkedOutAt: signup.checkedOutAt?.toISOString() ?? null,
    minutes: signup.minutes,
    note: signup.note,
    createdAt: signup.createdAt.toISOString(),
  };
}
