import { and, asc, desc, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { contacts } from '../contacts/tables.ts';
import type { signupStatuses } from './enums.ts';
import {
  volunteerOpportunities as opportunities,
  volunteerShifts as shifts,
  volunteerSignups as signups,
} from './tables.ts';

export type OpportunityRow = typeof opportunities.$inferSelect;
export type ShiftRow = typeof shifts.$inferSelect;
export type SignupRow = typeof signups.$inferSelect;
export type SignupStatus = (typeof signupStatuses)[number];

/** Statuses that hold a place on a shift (a no-show held one too). */
export const placeTaking: SignupStatus[] = ['confirmed', 'attended', 'no_show'];

const one = async <T>(query: Promise<T[]>) => (await query)[0];

// --- opportunities ---

export function findOpportunity(db: Db, orgId: string, id: number, lock = false) {
  const query = db
    .select()
    .from(opportunities)
    .where(and(eq(opportunities.orgId, orgId), eq(opportunities.id, id)));
  return one(lock ? query.for('update') : query);
}

export const opportunityBySlug = (db: Db, orgId: string, slug: string) =>
  one(
    db
      .select()
      .from(opportunities)
      .where(and(eq(opportunities.orgId, orgId), eq(opportunities.slug, slug))),
  );

/** The opportunity a form signs people up for, if any. */
export const opportunityByForm = (db: Db, orgId: string, formId: number) =>
  one(
    db
      .select()
      .from(opportunities)
      .where(and(eq(opportunities.orgId, orgId), eq(opportunities.formId, formId))),
  );

export async function insertOpportunity(
  db: Db,
  orgId: string,
  values: Omit<typeof opportunities.$inferInsert, 'orgId'>,
) {
  const [row] = await db
    .insert(opportunities)
    .values({ ...values, orgId })
    .returning();
  return row!;
}

export async function updateOpportunity(db: Db, orgId: string, id: number, values: Partial<OpportunityRow>) {
  const [row] = await db
    .update(opportunities)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(opportunities.orgId, orgId), eq(opportunities.id, id)))
    .returning();
  return row!;
}

export const deleteOpportunity = (db: Db, orgId: string, id: number) =>
  db.delete(opportunities).where(and(eq(opportunities.orgId, orgId), eq(opportunities.id, id)));

export const listOpportunities = (db: Db, orgId: string) =>
  db.select().from(opportunities).where(eq(opportunities.orgId, orgId)).orderBy(desc(opportunities.id));

// --- shifts ---

/** Shifts with how many places each has taken, waiting and attended, in time order. */
export function shiftsWithCounts(db: Db, orgId: string, opportunityIds: number[]) {
  if (opportunityIds.length === 0) return Promise.resolve([]);
  const count = (statuses: SignupStatus[]) =>
    sql<number>`(select count(*)::int from volunteer_signups s
      where s.org_id = "volunteer_shifts"."org_id" and s.shift_id = "volunteer_shifts"."id"
        and s.status in (${sql.join(
          statuses.map((st) => sql`${st}`),
          sql`, `,
        )}))`;
  return db
    .select({
      shift: shifts,
      confirmed: count(placeTaking),
      waitlisted: count(['waitlisted']),
      attended: count(['attended']),
    })
    .from(shifts)
    .where(and(eq(shifts.orgId, orgId), inArray(shifts.opportunityId, opportunityIds)))
    .orderBy(asc(shifts.startsAt), asc(shifts.id));
}

export function findShift(db: Db, orgId: string, id: number, lock = false) {
  const query = db
    .select()
    .from(shifts)
    .where(and(eq(shifts.orgId, orgId), eq(shifts.id, id)));
  return one(lock ? query.for('update') : query);
}

/** Locks the shifts in id order, so two sign-ups for the same shifts never wait on each other in a circle. */
export const lockShifts = (db: Db, orgId: string, ids: number[]) =>
  db
    .select()
    .from(shifts)
    .where(and(eq(shifts.orgId, orgId), inArray(shifts.id, ids)))
    .orderBy(asc(shifts.id))
    .for('update');

export async function insertShift(db: Db, orgId: string, values: Omit<typeof shifts.$inferInsert, 'orgId'>) {
  const [row] = await db
    .insert(shifts)
    .values({ ...values, orgId })
    .returning();
  return row!;
}

export async function updateShift(db: Db, orgId: string, id: number, values: Partial<ShiftRow>) {
  const [row] = await db
    .update(shifts)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(shifts.orgId, orgId), eq(shifts.id, id)))
    .returning();
  return row!;
}

export const deleteShift = (db: Db, orgId: string, id: number) =>
  db.delete(shifts).where(and(eq(shifts.orgId, orgId), eq(shifts.id, id)));

// --- signups ---

const countWhere = async (db: Db, where: SQL | undefined) =>
  (
    await one(
      db
        .select({ n: sql<number>`count(*)::int` })
        .from(signups)
        .where(where),
    )
  )?.n ?? 0;

export const takenPlaces = (db: Db, orgId: string, shiftId: number) =>
  countWhere(db, and(eq(signups.orgId, orgId), eq(signups.shiftId, shiftId), inArray(signups.status, placeTaking)));

/** Signups that are not cancelled: those of a shift, or of an opportunity. */
export const liveSignupCount = (db: Db, orgId: string, of: { shiftId: number } | { opportunityId: number }) =>
  countWhere(
    db,
    and(
      eq(signups.orgId, orgId),
      'shiftId' in of ? eq(signups.shiftId, of.shiftId) : eq(signups.opportunityId, of.opportunityId),
      ne(signups.status, 'cancelled'),
    ),
  );

export const liveSignup = (db: Db, orgId: string, shiftId: number, contactId: number) =>
  one(
    db
      .select()
      .from(signups)
      .where(
        and(
          eq(signups.orgId, orgId),
          eq(signups.shiftId, shiftId),
          eq(signups.contactId, contactId),
          ne(signups.status, 'cancelled'),
        ),
      ),
  );

export async function insertSignup(db: Db, orgId: string, values: Omit<typeof signups.$inferInsert, 'orgId'>) {
  const [row] = await db
    .insert(signups)
    .values({ ...values, orgId })
    .returning();
  return row!;
}

export function findSignup(db: Db, orgId: string, id: number, lock = false) {
  const query = db
    .select()
    .from(signups)
    .where(and(eq(signups.orgId, orgId), eq(signups.id, id)));
  return one(lock ? query.for('update') : query);
}

export const findSignups = (db: Db, orgId: string, ids: number[]) =>
  db
    .select()
    .from(signups)
    .where(and(eq(signups.orgId, orgId), inArray(signups.id, ids)));

export async function updateSignup(db: Db, orgId: string, id: number, values: Partial<SignupRow>) {
  const [row] = await db
    .update(signups)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(signups.orgId, orgId), eq(signups.id, id)))
    .returning();
  return row!;
}

/** The first on a shift's waiting list, who moves up when a place frees. */
export const firstWaitlisted = (db: Db, orgId: string, shiftId: number) =>
  one(
    db
      .select()
      .from(signups)
      .where(and(eq(signups.orgId, orgId), eq(signups.shiftId, shiftId), eq(signups.status, 'waitlisted')))
      .orderBy(asc(signups.createdAt), asc(signups.id))
      .limit(1)
      .for('update'),
  );

/** An opportunity's roster: each signup with its shift and the volunteer's name and ways to reach them. */
export function roster(
  db: Db,
  orgId: string,
  filter: { opportunityId?: number; shiftId?: number; status?: SignupStatus; signupIds?: number[] },
) {
  return db
    .select({
      signup: signups,
      shift: { title: shifts.title, startsAt: shifts.startsAt, endsAt: shifts.endsAt },
      contact: { name: contacts.name, phone: contacts.phone, email: contacts.email },
    })
    .from(signups)
    .innerJoin(shifts, and(eq(shifts.orgId, signups.orgId), eq(shifts.id, signups.shiftId)))
    .innerJoin(contacts, and(eq(contacts.orgId, signups.orgId), eq(contacts.id, signups.contactId)))
    .where(
      and(
        eq(signups.orgId, orgId),
        filter.opportunityId === undefined ? undefined : eq(signups.opportunityId, filter.opportunityId),
        filter.shiftId === undefined ? undefined : eq(signups.shiftId, filter.shiftId),
        filter.status === undefined ? undefined : eq(signups.status, filter.status),
        filter.signupIds === undefined ? undefined : inArray(signups.id, filter.signupIds),
      ),
    )
    .orderBy(asc(shifts.startsAt), asc(shifts.id), asc(signups.createdAt), asc(signups.id));
}
export type RosterRow = Awaited<ReturnType<typeof roster>>[number];
