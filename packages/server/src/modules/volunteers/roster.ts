import { stringify } from 'csv-stringify/sync';
import type { Db } from '../../db/client.ts';
import { AppError, invalidField, notFound } from '../../errors/app-error.ts';
import type { OrgContext } from '../../http/authorize.ts';
import { recordAudit } from '../audit/index.ts';
import { actorUserId, loadWritableContact } from '../contacts/index.ts';
import { neutralizeCell } from '../exports/index.ts';
import { MAX_SHIFT_MINUTES } from './enums.ts';
import { placeOnShift, promoteWaitlisted } from './places.ts';
import { presentSignup } from './present.ts';
import * as repo from './repo.ts';
import { loadOpportunity, loadShift } from './service.ts';
import { recordVolunteering, type VolunteerAction } from './timeline.ts';

/** An opportunity's roster with names, phones and emails: a read of personal data, so it is audited. */
export async function readRoster(
  db: Db,
  ctx: OrgContext,
  opportunityId: number,
  filter: { shiftId?: number; status?: repo.SignupStatus },
  use: 'list' | 'export',
) {
  const opportunity = await loadOpportunity(db, ctx.org.id, opportunityId);
  const rows = await repo.roster(db, ctx.org.id, { opportunityId, ...filter });
  await recordAudit(db, ctx, {
    action: 'volunteer.roster.read',
    subjectType: 'volunteer_opportunity',
    subjectId: opportunityId,
    data: { use, shiftId: filter.shiftId ?? null, status: filter.status ?? null, count: rows.length },
  });
  return { opportunity, signups: rows.map(presentSignup) };
}

const statusWords: Record<repo.SignupStatus, string> = {
  confirmed: '已报名',
  waitlisted: '候补',
  cancelled: '已取消',
  attended: '已到场',
  no_show: '未到场',
};

/** The roster as a CSV that Chinese Excel opens (BOM), formulas defused, times on the organization's clock. */
export function rosterCsv(read: Awaited<ReturnType<typeof readRoster>>, timeZone: string) {
  const when = new Intl.DateTimeFormat('sv-SE', { timeZone, dateStyle: 'short', timeStyle: 'short' });
  const time = (iso: string | null) => (iso ? when.format(new Date(iso)) : '');
  const header = [
    '班次',
    '开始时间',
    '结束时间',
    '姓名',
    '手机',
    '邮箱',
    '状态',
    '签到',
    '签退',
    '服务时长（分钟）',
    '来源',
    '备注',
  ];
  const rows = read.signups.map((s) => [
    neutralizeCell(s.shiftTitle),
    time(s.shiftStartsAt),
    time(s.shiftEndsAt),
    neutralizeCell(s.contactName),
    // As staff write them: a mainland mobile without +86 (Excel would take the + for a formula).
    s.phone?.replace(/^\+86(?=1\d{10}$)/, '') ?? '',
    neutralizeCell(s.email ?? ''),
    statusWords[s.status],
    time(s.checkedInAt),
    time(s.checkedOutAt),
    s.minutes ?? '',
    s.source === 'form' ? '报名表' : '工作人员添加',
    neutralizeCell(s.note),
  ]);
  return `\uFEFF${stringify([header, ...rows])}`;
}

/** One signup as the roster shows it. */
export async function presentOne(db: Db, orgId: string, signupId: number) {
  const [row] = await repo.roster(db, orgId, { signupIds: [signupId] });
  return presentSignup(row!);
}

/** Staff put a contact on a shift (a phone call, a walk-in): the same rules of places as the public page. */
export async function addSignup(
  db: Db,
  ctx: OrgContext,
  opportunityId: number,
  input: { shiftId: number; contactId: number; note: string; allowOverCapacity: boolean },
) {
  const signup = await db.transaction(async (tx) => {
    const opportunity = await loadOpportunity(tx, ctx.org.id, opportunityId);
    const shift = await loadShift(tx, ctx.org.id, opportunityId, input.shiftId, true).catch(() => {
      throw invalidField('body.shiftId', 'not a shift of this opportunity');
    });
    await loadWritableContact(tx, ctx.org.id, input.contactId);
    const placed = await placeOnShift(tx, ctx, {
      opportunity,
      shift,
      contactId: input.contactId,
      source: 'staff',
      note: input.note,
      allowOverCapacity: input.allowOverCapacity,
      path: 'body.shiftId',
    });
    if (placed.created)
      await recordAudit(tx, ctx, {
        action: 'volunteer.signup.add',
        subjectType: 'volunteer_signup',
        subjectId: placed.signup.id,
        data: { opportunityId, shiftId: shift.id, contactId: input.contactId },
      });
    return placed.signup;
  });
  return presentOne(db, ctx.org.id, signup.id);
}

/**
 * Locks a signup's shift and then the signup (the order every place-changing path takes), and checks
 * the signup is in one of the states the action starts from.
 */
async function lockForChange(tx: Db, ctx: OrgContext, signupId: number, from: repo.SignupStatus[], action: string) {
  const unlocked = await repo.findSignup(tx, ctx.org.id, signupId);
  if (!unlocked) throw notFound('Signup');
  const shift = (await repo.findShift(tx, ctx.org.id, unlocked.shiftId, true))!;
  const signup = (await repo.findSignup(tx, ctx.org.id, signupId, true))!;
  if (!from.includes(signup.status))
    throw new AppError('SIGNUP_STATE', `A ${signup.status.replace('_', '-')} signup cannot be ${action}`, [
      { path: 'signupId', message: `is ${signup.status}` },
    ]);
  const opportunity = await loadOpportunity(tx, ctx.org.id, signup.opportunityId);
  return { signup, shift, opportunity };
}

async function changed(
  tx: Db,
  ctx: OrgContext,
  locked: Awaited<ReturnType<typeof lockForChange>>,
  values: Partial<repo.SignupRow>,
  action: VolunteerAction | null,
) {
  const signup = await repo.updateSignup(tx, ctx.org.id, locked.signup.id, values);
  if (action)
    await recordVolunteering(tx, ctx.org.id, [
      {
        action,
        signup,
        opportunityTitle: locked.opportunity.title,
        shift: locked.shift,
        actorUserId: actorUserId(ctx),
      },
    ]);
  await recordAudit(tx, ctx, {
    action: `volunteer.signup.${values.status === 'cancelled' ? 'cancel' : (action ?? 'update')}`,
    subjectType: 'volunteer_signup',
    subjectId: signup.id,
    data: { status: signup.status, minutes: signup.minutes },
  });
  return signup;
}

/** Cancels a place; a confirmed place freed goes to the first on the waiting list. */
export async function cancelSignup(db: Db, ctx: OrgContext, signupId: number) {
  await db.transaction(async (tx) => {
    const locked = await lockForChange(tx, ctx, signupId, ['confirmed', 'waitlisted'], 'cancelled');
    await changed(tx, ctx, locked, { status: 'cancelled' }, 'cancelled');
    if (locked.signup.status === 'confirmed') await promoteWaitlisted(tx, ctx, locked.opportunity, locked.shift);
  });
  return presentOne(db, ctx.org.id, signupId);
}

const checkInOne = async (tx: Db, ctx: OrgContext, signupId: number, now: Date) => {
  const locked = await lockForChange(tx, ctx, signupId, ['confirmed', 'attended', 'no_show'], 'checked in');
  if (locked.signup.checkedInAt && locked.signup.status === 'attended') return locked.signup;
  return changed(tx, ctx, locked, { status: 'attended', checkedInAt: now }, 'checked_in');
};

/** The volunteer arrived (签到): attended, checked in now. Checking in twice keeps the first time. */
export async function checkIn(db: Db, ctx: OrgContext, signupIds: number[], now: Date) {
  await db.transaction(async (tx) => {
    const found = await repo.findSignups(tx, ctx.org.id, signupIds);
    if (found.length !== new Set(signupIds).size) throw notFound('Signup');
    for (const id of [...new Set(signupIds)].sort((a, b) => a - b)) await checkInOne(tx, ctx, id, now);
  });
  const rows = await repo.roster(db, ctx.org.id, { signupIds });
  return rows.map(presentSignup);
}

/** The volunteer left (签退): the minutes from check-in to now, to the nearest minute. */
export async function checkOut(db: Db, ctx: OrgContext, signupId: number, now: Date) {
  await db.transaction(async (tx) => {
    const locked = await lockForChange(tx, ctx, signupId, ['attended'], 'checked out');
    const { checkedInAt } = locked.signup;
    if (!checkedInAt)
      throw new AppError('SIGNUP_STATE', 'Check the volunteer in first, or log their hours', [
        { path: 'signupId', message: 'not checked in' },
      ]);
    const minutes = Math.max(0, Math.round((now.getTime() - checkedInAt.getTime()) / 60_000));
    if (minutes > MAX_SHIFT_MINUTES)
      throw invalidField('checkedOutAt', 'more than 24 hours after check-in: log the hours instead');
    await changed(tx, ctx, locked, { checkedOutAt: now, minutes }, 'hours');
  });
  return presentOne(db, ctx.org.id, signupId);
}

/** Staff log the hours served directly (志愿服务时长), in minutes; the volunteer counts as attended. */
export async function logHours(db: Db, ctx: OrgContext, signupId: number, input: { minutes: number; note?: string }) {
  await db.transaction(async (tx) => {
    const locked = await lockForChange(tx, ctx, signupId, ['confirmed', 'attended', 'no_show'], 'given hours');
    await changed(
      tx,
      ctx,
      locked,
      { status: 'attended', minutes: input.minutes, ...(input.note !== undefined ? { note: input.note } : {}) },
      'hours',
    );
  });
  return presentOne(db, ctx.org.id, signupId);
}

/** The volunteer did not come (未到场): no hours. */
export async function markNoShow(db: Db, ctx: OrgContext, signupId: number) {
  await db.transaction(async (tx) => {
    const locked = await lockForChange(tx, ctx, signupId, ['confirmed', 'attended'], 'marked as not come');
    await changed(
      tx,
      ctx,
      locked,
      { status: 'no_show', minutes: null, checkedInAt: null, checkedOutAt: null },
      'no_show',
    );
  });
  return presentOne(db, ctx.org.id, signupId);
}
