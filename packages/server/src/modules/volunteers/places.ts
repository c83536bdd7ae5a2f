import type { Db } from '../../db/client.ts';
import { AppError } from '../../errors/app-error.ts';
import type { OrgContext } from '../../http/authorize.ts';
import { actorUserId } from '../contacts/index.ts';
import * as repo from './repo.ts';
import { recordVolunteering } from './timeline.ts';

export interface PlaceRequest {
  opportunity: repo.OpportunityRow;
  /** Locked by the caller (repo.lockShifts or findShift with lock), so places are counted one at a time. */
  shift: repo.ShiftRow;
  contactId: number;
  source: repo.SignupRow['source'];
  responseId?: number | null;
  note?: string;
  /** Staff may add someone to a full shift. */
  allowOverCapacity?: boolean;
  /** Where a refusal points: the shift chooser's field. */
  path: string;
}

/**
 * Gives the contact a place on the shift: the place they already hold (signing up twice is answered
 * with the first), a new confirmed place while there is room, a waiting-list place when the shift is
 * full and the opportunity keeps a waiting list, and SHIFT_FULL otherwise.
 */
export async function placeOnShift(tx: Db, ctx: OrgContext, request: PlaceRequest) {
  const { opportunity, shift, contactId } = request;
  const held = await repo.liveSignup(tx, ctx.org.id, shift.id, contactId);
  if (held) return { signup: held, created: false };
  const taken = shift.capacity === null ? 0 : await repo.takenPlaces(tx, ctx.org.id, shift.id);
  const full = shift.capacity !== null && taken >= shift.capacity && !request.allowOverCapacity;
  if (full && !opportunity.waitlist)
    throw new AppError('SHIFT_FULL', 'This shift has no places left', [
      { path: request.path, message: 'no places left' },
    ]);
  const signup = await repo.insertSignup(tx, ctx.org.id, {
    opportunityId: opportunity.id,
    shiftId: shift.id,
    contactId,
    responseId: request.responseId ?? null,
    source: request.source,
    status: full ? 'waitlisted' : 'confirmed',
    note: request.note ?? '',
  });
  await recordVolunteering(tx, ctx.org.id, [
    {
      action: full ? 'waitlisted' : 'signed_up',
      signup,
      opportunityTitle: opportunity.title,
      shift,
      actorUserId: request.source === 'staff' ? actorUserId(ctx) : null,
    },
  ]);
  return { signup, created: true };
}

/** A freed place goes to the first on the shift's waiting list, if the shift has room. */
export async function promoteWaitlisted(
  tx: Db,
  ctx: OrgContext,
  opportunity: repo.OpportunityRow,
  shift: repo.ShiftRow,
) {
  if (shift.capacity === null) return undefined;
  if ((await repo.takenPlaces(tx, ctx.org.id, shift.id)) >= shift.capacity) return undefined;
  const next = await repo.firstWaitlisted(tx, ctx.org.id, shift.id);
  if (!next) return undefined;
  const promoted = await repo.updateSignup(tx, ctx.org.id, next.id, { status: 'confirmed' });
  await recordVolunteering(tx, ctx.org.id, [
    { action: 'promoted', signup: promoted, opportunityTitle: opportunity.title, shift },
  ]);
  return promoted;
}
