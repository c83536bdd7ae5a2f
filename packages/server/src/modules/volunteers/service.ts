import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { rowsOf } from '../../db/rows.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { AppError, invalidField, notFound } from '../../errors/app-error.ts';
import type { OrgContext } from '../../http/authorize.ts';
import { freeSlug, slugFromTitle } from '../../text/slug.ts';
import { recordAudit } from '../audit/index.ts';
import { findForm, setFormStatus } from '../forms/index.ts';
import { divisionByCode } from '../geo/divisions.ts';
import * as repo from './repo.ts';
import type { OpportunityInput, OpportunityPatch, ShiftInput, ShiftPatch } from './schemas.ts';

const slugTaken = () =>
  new AppError('SLUG_TAKEN', 'Another volunteer opportunity of this organization has this address', [
    { path: 'body.slug', message: 'already used' },
  ]);

const formTaken = () =>
  invalidField('body.formId', 'another opportunity signs people up with this form; make a copy of it');

const withUniqueChecks = async <T>(work: () => Promise<T>) => {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error, 'volunteer_opportunities_slug_key')) throw slugTaken();
    if (isUniqueViolation(error, 'volunteer_opportunities_form_key')) throw formTaken();
    throw error;
  }
};

export async function loadOpportunity(db: Db, orgId: string, id: number, lock = false) {
  const row = await repo.findOpportunity(db, orgId, id, lock);
  if (!row) throw notFound('Volunteer opportunity');
  return row;
}

/** An opportunity with its shifts and their counts, as the API shows it. */
export async function opportunityWithShifts(db: Db, orgId: string, id: number) {
  const row = await loadOpportunity(db, orgId, id);
  return { row, shifts: await repo.shiftsWithCounts(db, orgId, [id]) };
}

/** Every opportunity with its shifts' counts, newest first. */
export async function listOpportunities(db: Db, orgId: string) {
  const rows = await repo.listOpportunities(db, orgId);
  const shifts = await repo.shiftsWithCounts(
    db,
    orgId,
    rows.map((r) => r.id),
  );
  return rows.map((row) => ({ row, shifts: shifts.filter((s) => s.shift.opportunityId === row.id) }));
}

/** What the references in an input point at must exist in this organization. */
async function checkReferences(
  db: Db,
  orgId: string,
  input: { divisionCode?: string | null; formId?: number | null; reminders?: { smsTemplateId?: number | null } },
) {
  if (input.divisionCode && !divisionByCode(input.divisionCode))
    throw invalidField('body.divisionCode', 'not a division code');
  if (input.formId && !(await findForm(db, orgId, input.formId))) throw notFound('Form');
  const templateId = input.reminders?.smsTemplateId;
  if (templateId) {
    const found = rowsOf(
      await db.execute(sql`select 1 from sms_templates where org_id = ${orgId} and id = ${templateId}`),
    );
    if (found.length === 0) throw notFound('SMS template');
  }
}

/** A new opportunity, in draft: nothing is public until it is published. */
export function createOpportunity(db: Db, ctx: OrgContext, input: OpportunityInput) {
  return withUniqueChecks(() =>
    db.transaction(async (tx) => {
      await checkReferences(tx, ctx.org.id, input);
      const taken = async (slug: string) => Boolean(await repo.opportunityBySlug(tx, ctx.org.id, slug));
      if (input.slug && (await taken(input.slug))) throw slugTaken();
      const slug = input.slug ?? (await freeSlug(slugFromTitle(input.title), taken));
      const { slug: _slug, ...fields } = input;
      const row = await repo.insertOpportunity(tx, ctx.org.id, { ...fields, slug });
      await recordAudit(tx, ctx, {
        action: 'volunteer.opportunity.create',
        subjectType: 'volunteer_opportunity',
        subjectId: row.id,
        data: { slug },
      });
      return row;
    }),
  );
}

/** Edits an opportunity. Its address stays once it has been published, as people may have it. */
export function updateOpportunity(db: Db, ctx: OrgContext, id: number, patch: OpportunityPatch) {
  return withUniqueChecks(() =>
    db.transaction(async (tx) => {
      const before = await loadOpportunity(tx, ctx.org.id, id, true);
      if (patch.slug && patch.slug !== before.slug && before.status !== 'draft')
        throw new AppError('OPPORTUNITY_STATE', 'A published opportunity keeps its address', [
          { path: 'body.slug', message: 'cannot change once published' },
        ]);
      await checkReferences(tx, ctx.org.id, patch);
      const { reminders, ...rest } = patch;
      const values = { ...rest, ...(reminders ? { reminders: { ...before.reminders, ...reminders } } : {}) };
      const row = await repo.updateOpportunity(tx, ctx.org.id, id, values);
      if (row.status === 'open') await checkPublishable(tx, row);
      await recordAudit(tx, ctx, {
        action: 'volunteer.opportunity.update',
        subjectType: 'volunteer_opportunity',
        subjectId: id,
        data: { changed: Object.keys(patch) },
      });
      return row;
    }),
  );
}

/**
 * An opportunity takes sign-ups only with a form that says who signed up (a name, and a phone or an
 * email to reach them by) and at least one shift to choose.
 */
async function checkPublishable(tx: Db, row: repo.OpportunityRow) {
  const incomplete = (path: string, message: string) =>
    new AppError('SIGNUP_FORM_INCOMPLETE', message, [{ path, message }]);
  if (!row.formId) throw incomplete('formId', 'choose the sign-up form first');
  const form = await findForm(tx, row.orgId, row.formId);
  if (!form) throw notFound('Form');
  const targets = new Set(form.fields.map((f) => f.mapTo));
  if (!targets.has('name'))
    throw incomplete('formId', 'the sign-up form needs a question that fills in the name (姓名)');
  if (!targets.has('phone') && !targets.has('email'))
    throw incomplete('formId', 'the sign-up form needs a question that fills in a phone or an email');
  if ((await repo.shiftsWithCounts(tx, row.orgId, [row.id])).length === 0)
    throw new AppError('OPPORTUNITY_NO_SHIFTS', 'Add at least one shift before publishing', [
      { path: 'shifts', message: 'add at least one shift' },
    ]);
  return form;
}

/** Publishes the opportunity (opening its sign-up form if it is a draft), or closes it. */
export function setOpportunityStatus(db: Db, ctx: OrgContext, id: number, status: 'open' | 'closed') {
  return db.transaction(async (tx) => {
    const before = await loadOpportunity(tx, ctx.org.id, id, true);
    if (before.status === status) return before;
    if (status === 'open') {
      const form = await checkPublishable(tx, before);
      if (form.status !== 'open') await setFormStatus(tx, ctx, form.id, 'open');
    }
    const row = await repo.updateOpportunity(tx, ctx.org.id, id, { status });
    await recordAudit(tx, ctx, {
      action: `volunteer.opportunity.${status === 'open' ? 'publish' : 'close'}`,
      subjectType: 'volunteer_opportunity',
      subjectId: id,
    });
    return row;
  });
}

/** Deletes an opportunity no one holds a place on (cancelled signups go with it). */
export function deleteOpportunity(db: Db, ctx: OrgContext, id: number) {
  return db.transaction(async (tx) => {
    const row = await loadOpportunity(tx, ctx.org.id, id, true);
    const live = await repo.liveSignupCount(tx, ctx.org.id, { opportunityId: id });
    if (live > 0)
      throw new AppError(
        'OPPORTUNITY_STATE',
        `${live} volunteers have signed up: cancel their places first, or close the opportunity instead`,
      );
    await repo.deleteOpportunity(tx, ctx.org.id, id);
    await recordAudit(tx, ctx, {
      action: 'volunteer.opportunity.delete',
      subjectType: 'volunteer_opportunity',
      subjectId: id,
      data: { slug: row.slug, title: row.title },
    });
  });
}

// --- shifts ---

export async function loadShift(db: Db, orgId: string, opportunityId: number, shiftId: number, lock = false) {
  const shift = await repo.findShift(db, orgId, shiftId, lock);
  if (!shift || shift.opportunityId !== opportunityId) throw notFound('Shift');
  return shift;
}

export function createShift(db: Db, ctx: OrgContext, opportunityId: number, input: ShiftInput) {
  return db.transaction(async (tx) => {
    await loadOpportunity(tx, ctx.org.id, opportunityId, true);
    const shift = await repo.insertShift(tx, ctx.org.id, {
      opportunityId,
      title: input.title,
      startsAt: new Date(input.startsAt),
      endsAt: new Date(input.endsAt),
      capacity: input.capacity,
      location: input.location || null,
    });
    await recordAudit(tx, ctx, {
      action: 'volunteer.shift.create',
      subjectType: 'volunteer_opportunity',
      subjectId: opportunityId,
      data: { shiftId: shift.id },
    });
    return shift;
  });
}

/** Edits a shift; its places cannot drop below the people who already hold one. */
export function updateShift(db: Db, ctx: OrgContext, opportunityId: number, shiftId: number, patch: ShiftPatch) {
  return db.transaction(async (tx) => {
    const before = await loadShift(tx, ctx.org.id, opportunityId, shiftId, true);
    const startsAt = patch.startsAt ? new Date(patch.startsAt) : before.startsAt;
    const endsAt = patch.endsAt ? new Date(patch.endsAt) : before.endsAt;
    if (endsAt <= startsAt)
      throw invalidField(patch.endsAt ? 'body.endsAt' : 'body.startsAt', 'must be after the start');
    if (patch.capacity) {
      const taken = await repo.takenPlaces(tx, ctx.org.id, shiftId);
      if (patch.capacity < taken) throw invalidField('body.capacity', `${taken} people already have a place`);
    }
    const shift = await repo.updateShift(tx, ctx.org.id, shiftId, {
      ...(patch.title !== undefined ? { title: patch.title } : {}),
      ...(patch.capacity !== undefined ? { capacity: patch.capacity } : {}),
      ...(patch.location !== undefined ? { location: patch.location || null } : {}),
      startsAt,
      endsAt,
    });
    await recordAudit(tx, ctx, {
      action: 'volunteer.shift.update',
      subjectType: 'volunteer_opportunity',
      subjectId: opportunityId,
      data: { shiftId, changed: Object.keys(patch) },
    });
    return shift;
  });
}

/** Deletes a shift no one holds a place on. */
export function deleteShift(db: Db, ctx: OrgContext, opportunityId: number, shiftId: number) {
  return db.transaction(async (tx) => {
    await loadShift(tx, ctx.org.id, opportunityId, shiftId, true);
    const live = await repo.liveSignupCount(tx, ctx.org.id, { shiftId });
    if (live > 0)
      throw new AppError('SHIFT_IN_USE', `${live} volunteers are signed up for this shift: cancel their places first`);
    await repo.deleteShift(tx, ctx.org.id, shiftId);
    await recordAudit(tx, ctx, {
      action: 'volunteer.shift.delete',
      subjectType: 'volunteer_opportunity',
      subjectId: opportunityId,
      data: { shiftId },
    });
  });
}
