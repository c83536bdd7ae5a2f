import { eq } from 'drizzle-orm';
import type { FileStore } from '../../adapters/storage.ts';
import type { Db } from '../../db/client.ts';
import { AppError, invalidField, notFound } from '../../errors/app-error.ts';
import type { OrgContext } from '../../http/authorize.ts';
import { systemContextOf } from '../../http/system-context.ts';
import { findForm, submitResponse, type FormRow, type RawAnswers, type UploadedFile } from '../forms/index.ts';
import { organizations } from '../platform/tables.ts';
import { placeOnShift } from './places.ts';
import { opportunityPath, presentShift } from './present.ts';
import * as repo from './repo.ts';

export interface PublicOpportunity {
  org: OrgContext['org'];
  opportunity: repo.OpportunityRow;
  form: FormRow;
  shifts: Awaited<ReturnType<typeof repo.shiftsWithCounts>>;
}

/** An opportunity a member of the public reaches: published (open or closed), with its sign-up form. */
export async function publicOpportunity(db: Db, orgSlug: string, slug: string): Promise<PublicOpportunity | undefined> {
  const [org] = await db
    .select({
      id: organizations.id,
      name: organizations.name,
      slug: organizations.slug,
      timezone: organizations.timezone,
      currency: organizations.currency,
    })
    .from(organizations)
    .where(eq(organizations.slug, orgSlug));
  const opportunity = org ? await repo.opportunityBySlug(db, org.id, slug) : undefined;
  if (!org || !opportunity || opportunity.status === 'draft' || !opportunity.formId) return undefined;
  const form = await findForm(db, org.id, opportunity.formId);
  if (!form) return undefined;
  return { org, opportunity, form, shifts: await repo.shiftsWithCounts(db, org.id, [opportunity.id]) };
}

/** The shifts as the public sees them: places left, full, and past (no longer chosen). */
export const openShiftsOf = (found: PublicOpportunity, now: Date) =>
  found.shifts.map((counted) => {
    const shift = presentShift(counted);
    return { ...shift, full: shift.placesLeft === 0, past: counted.shift.startsAt <= now };
  });

/** The opportunity page a form's own page should send visitors to, when the form is its sign-up form. */
export async function opportunityPathForForm(db: Db, org: { id: string; slug: string }, formId: number) {
  const opportunity = await repo.opportunityByForm(db, org.id, formId);
  return opportunity && opportunity.status !== 'draft' ? opportunityPath(org.slug, opportunity.slug) : undefined;
}

/**
 * A volunteer signs up: in one transaction the form response (and with it the contact, its consents
 * and tags, or the flag on someone already listed), and a place on each chosen shift. The shifts are
 * locked first, so concurrent sign-ups count their places one at a time and never overfill a shift; a
 * full shift waitlists (when the opportunity keeps a waiting list) or refuses the whole sign-up.
 */
export async function signUp(
  db: Db,
  target: { org: OrgContext['org']; opportunityId: number },
  input: { shiftIds: number[]; answers: RawAnswers },
  now: Date,
  paths: { answers: string; shifts: string },
  upload?: { files: Record<string, UploadedFile>; store: FileStore },
) {
  return db.transaction(async (tx) => {
    const { org } = target;
    const opportunity = await repo.findOpportunity(tx, org.id, target.opportunityId);
    if (!opportunity || opportunity.status === 'draft' || !opportunity.formId) throw notFound('Volunteer opportunity');
    if (opportunity.status !== 'open')
      throw new AppError('OPPORTUNITY_STATE', 'This opportunity is no longer taking sign-ups');
    const ids = [...new Set(input.shiftIds)];
    if (ids.length === 0) throw invalidField(paths.shifts, 'choose at least one shift');
    const locked = new Map((await repo.lockShifts(tx, org.id, ids)).map((s) => [s.id, s]));
    const chosen = ids.map((id, i) => {
      const shift = locked.get(id);
      const path = `${paths.shifts}.${i}`;
      if (!shift || shift.opportunityId !== opportunity.id) throw invalidField(path, 'not a shift of this opportunity');
      if (shift.startsAt <= now)
        throw new AppError('SHIFT_PAST', 'This shift has already started', [{ path, message: 'already started' }]);
      return { shift, path };
    });
    const response = await submitResponse(
      tx,
      { org, formId: opportunity.formId },
      input.answers,
      now,
      paths.answers,
      upload,
    );
    // Someone already listed is signed up as themselves; staff still decide whether their new answers
    // update the profile, as for any flagged response.
    const contactId = response.contactId ?? response.matchedContactId;
    if (!contactId) throw invalidField(paths.answers, 'give your name and a phone number or email');
    const ctx = systemContextOf(org, `volunteer:${opportunity.slug}`, 'form');
    const signups = [];
    for (const { shift, path } of chosen) {
      const placed = await placeOnShift(tx, ctx, {
        opportunity,
        shift,
        contactId,
        source: 'form',
        responseId: response.id,
        path,
      });
      signups.push(placed.signup);
    }
    return { response, contactId, signups };
  });
}
