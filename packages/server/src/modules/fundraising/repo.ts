import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { insertRows } from '../../db/insert-rows.ts';
import { organizations } from '../platform/tables.ts';
import { projects } from '../projects/tables.ts';
import { campaigns, donationOrders, paymentNotifications } from './tables.ts';

export type CampaignRow = typeof campaigns.$inferSelect;
export type OrderRow = typeof donationOrders.$inferSelect;

export async function findCampaign(db: Db, orgId: string, id: number, lock = false) {
  const query = db
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.orgId, orgId), eq(campaigns.id, id)));
  const [row] = await (lock ? query.for('update') : query);
  return row;
}

export async function campaignBySlug(db: Db, orgId: string, slug: string) {
  const [row] = await db
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.orgId, orgId), eq(campaigns.slug, slug)));
  return row;
}

export async function listCampaigns(db: Db, orgId: string) {
  return db
    .select()
    .from(campaigns)
    .where(eq(campaigns.orgId, orgId))
    .orderBy(desc(campaigns.createdAt), desc(campaigns.id));
}

export async function insertCampaign(db: Db, orgId: string, values: Omit<typeof campaigns.$inferInsert, 'orgId'>) {
  const [row] = await db
    .insert(campaigns)
    .values({ ...values, orgId })
    .returning();
  return row!;
}

export async function updateCampaign(
  db: Db,
  orgId: string,
  id: number,
  values: Partial<typeof campaigns.$inferInsert>,
) {
  const [row] = await db
    .update(campaigns)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(campaigns.orgId, orgId), eq(campaigns.id, id)))
    .returning();
  return row!;
}

export async function insertOrder(db: Db, orgId: string, values: Omit<typeof donationOrders.$inferInsert, 'orgId'>) {
  const [row] = await db
    .insert(donationOrders)
    .values({ ...values, orgId })
    .returning();
  return row!;
}

export type NewOrder = { orgId: string; values: Omit<typeof donationOrders.$inferInsert, 'orgId'> };

/**
 * Inserts orders in one statement, each unless its form token was used already: answers each order's
 * row, or undefined for an order whose token was taken. Every order must give the same columns.
 */
export async function insertOrdersOnce(db: Db, orders: readonly NewOrder[]): Promise<(OrderRow | undefined)[]> {
  const rows = await insertRows(
    db,
    donationOrders,
    orders.map((o) => ({ ...o.values, orgId: o.orgId })),
    { onConflictDoNothing: [donationOrders.orgId, donationOrders.submitToken] },
  );
  const byNumber = new Map(rows.map((row) => [row.orderNo, row]));
  return orders.map((o) => byNumber.get(o.values.orderNo));
}

/** Inserts an order unless its form token was used already: then answers undefined. */
export async function insertOrderOnce(
  db: Db,
  orgId: string,
  values: NewOrder['values'],
): Promise<OrderRow | undefined> {
  const [row] = await insertOrdersOnce(db, [{ orgId, values }]);
  return row;
}

export async function orderBySubmitToken(db: Db, orgId: string, submitToken: string) {
  const [row] = await db
    .select()
    .from(donationOrders)
    .where(and(eq(donationOrders.orgId, orgId), eq(donationOrders.submitToken, submitToken)));
  return row;
}

/**
 * An order by its number, which is unique across the instance: provider callbacks and the donor's
 * return page know only the number. Everything read or written after this is scoped to its org_id.
 */
export async function orderByNumber(db: Db, orderNo: string, lock = false) {
  const query = db.select().from(donationOrders).where(eq(donationOrders.orderNo, orderNo));
  const [row] = await (lock ? query.for('update') : query);
  return row;
}

export async function findOrder(db: Db, orgId: string, id: number) {
  const [row] = await db
    .select()
    .from(donationOrders)
    .where(and(eq(donationOrders.orgId, orgId), eq(donationOrders.id, id)));
  return row;
}

/** Orders by number, locked until the transaction ends; taken in id order, as every locker here does. */
/** Orders by number, locked, each with its organization (read here rather than in a statement of its own). */
export async function lockOrdersByNumber(db: Db, orderNos: string[]) {
  if (orderNos.length === 0) return [];
  return db
    .select({
      order: donationOrders,
      org: {
        id: organizations.id,
        slug: organizations.slug,
        name: organizations.name,
        timezone: organizations.timezone,
        currency: organizations.currency,
      },
    })
    .from(donationOrders)
    .innerJoin(organizations, eq(organizations.id, donationOrders.orgId))
    .where(inArray(donationOrders.orderNo, orderNos))
    .orderBy(asc(donationOrders.id))
    .for('update', { of: donationOrders });
}

/** Campaigns by id, each with the slug of its project: the fund its gifts are recorded to. */
export async function campaignsById(db: Db, orgId: string, ids: number[]) {
  const rows = await db
    .select({ campaign: campaigns, fund: projects.slug })
    .from(campaigns)
    .leftJoin(projects, and(eq(projects.orgId, campaigns.orgId), eq(projects.id, campaigns.projectId)))
    .where(and(eq(campaigns.orgId, orgId), inArray(campaigns.id, ids)));
  return new Map(rows.map((row) => [row.campaign.id, row]));
}

/** Paid orders' new state, in one statement. */
export async function markOrdersPaid(
  db: Db,
  orgId: string,
  paid: { id: number; paidAt: Date; transactionId: string; giftId: number; contactId: number }[],
) {
  if (paid.length === 0) return;
  await db.execute(sql`
    update ${donationOrders} o set status = 'paid', paid_at = v."paidAt", transaction_id = v."transactionId",
      gift_id = v."giftId", contact_id = v."contactId"
    from json_to_recordset(${JSON.stringify(paid)}::json)
      as v(id bigint, "paidAt" timestamptz, "transactionId" text, "giftId" bigint, "contactId" bigint)
    where o.org_id = ${orgId} and o.id = v.id`);
}

export async function updateOrder(
  db: Db,
  orgId: string,
  id: number,
  values: Partial<typeof donationOrders.$inferInsert>,
) {
  const [row] = await db
    .update(donationOrders)
    .set(values)
    .where(and(eq(donationOrders.orgId, orgId), eq(donationOrders.id, id)))
    .returning();
  return row!;
}

export async function ordersOfCampaign(
  db: Db,
  orgId: string,
  campaignId: number,
  filter: { status?: OrderRow['status']; limit: number },
) {
  return db
    .select()
    .from(donationOrders)
    .where(
      and(
        eq(donationOrders.orgId, orgId),
        eq(donationOrders.campaignId, campaignId),
        filter.status ? eq(donationOrders.status, filter.status) : undefined,
      ),
    )
    .orderBy(desc(donationOrders.createdAt), desc(donationOrders.id))
    .limit(filter.limit);
}

/**
 * Records an authentic callback once: false when this notification id was recorded before (a replay
 * or a provider's retry), so the caller changes nothing.
 */
export async function recordNotification(
  db: Db,
  values: Omit<typeof paymentNotifications.$inferInsert, 'id' | 'receivedAt'>,
): Promise<boolean> {
  const inserted = await db
    .insert(paymentNotifications)
    .values(values)
    .onConflictDoNothing({ target: [paymentNotifications.provider, paymentNotifications.notificationId] })
    .returning({ id: paymentNotifications.id });
  return inserted.length > 0;
}

/** Notifications seen for the first time, in one statement: answers the ids that were new. */
export async function recordNotifications(
  db: Db,
  values: Omit<typeof paymentNotifications.$inferInsert, 'id' | 'receivedAt'>[],
): Promise<Set<string>> {
  if (values.length === 0) return new Set();
  const inserted = await insertRows(db, paymentNotifications, values, {
    onConflictDoNothing: [paymentNotifications.provider, paymentNotifications.notificationId],
  });
  return new Set(inserted.map((row) => row.notificationId));
}

/** Pending orders whose time ran out, oldest first: the expiry job closes them. */
export async function expiredPendingOrders(db: Db, now: Date, limit: number) {
  return db
    .select({
      orgId: donationOrders.orgId,
      id: donationOrders.id,
      orderNo: donationOrders.orderNo,
      provider: donationOrders.provider,
    })
    .from(donationOrders)
    .where(and(eq(donationOrders.status, 'pending'), sql`${donationOrders.expiresAt} <= ${now}`))
    .orderBy(donationOrders.expiresAt)
    .limit(limit);
}

export async function markNotification(
  db: Db,
  orgId: string,
  provider: OrderRow['provider'],
  notificationId: string,
  outcome: (typeof paymentNotifications.$inferSelect)['outcome'],
  reason: string | null,
) {
  await db
    .update(paymentNotifications)
    .set({ outcome, reason })
    .where(
      and(
        eq(paymentNotifications.orgId, orgId),
        eq(paymentNotifications.provider, provider),
        eq(paymentNotifications.notificationId, notificationId),
      ),
    );
}

export async function findNotification(db: Db, orgId: string, provider: OrderRow['provider'], notificationId: string) {
  const [row] = await db
    .select()
    .from(paymentNotifications)
    .where(
      and(
        eq(paymentNotifications.orgId, orgId),
        eq(paymentNotifications.provider, provider),
        eq(paymentNotifications.notificationId, notificationId),
      ),
    );
  return row;
}

export async function orgSlugOf(db: Db, orgId: string) {
  const [row] = await db
    .select({ orgSlug: organizations.slug, orgName: organizations.name, timezone: organizations.timezone })
    .from(organizations)
    .where(eq(organizations.id, orgId));
  return row!;
}

export async function orgBySlug(db: Db, slug: string) {
  const [row] = await db
    .select({
      id: organizations.id,
      slug: organizations.slug,
      name: organizations.name,
      timezone: organizations.timezone,
    })
    .from(organizations)
    .where(eq(organizations.slug, slug));
  return row;
}

export async function orderByPaymentId(db: Db, provider: OrderRow['provider'], paymentId: string) {
  const [row] = await db
    .select()
    .from(donationOrders)
    .where(and(eq(donationOrders.provider, provider), eq(donationOrders.providerPaymentId, paymentId)));
  return row;
}
