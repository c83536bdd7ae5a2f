import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { rowsOf } from '../../db/rows.ts';
import { notFound } from '../../errors/app-error.ts';
import type { pledgeStatuses } from './enums.ts';

export type PledgeStatus = (typeof pledgeStatuses)[number];

interface PledgeSqlRow {
  id: number | string;
  contact_id: number | string;
  contact_name: string | null;
  amount: number | string;
  currency: string;
  paid: number | string;
  pledged_on: string;
  due_on: string;
  status: PledgeStatus;
  campaign: string | null;
  fund: string | null;
  note: string | null;
  cancelled_at: Date | string | null;
  cancel_reason: string | null;
  created_at: Date | string;
}

const iso = (v: Date | string) => new Date(v).toISOString();
const day = (v: string | Date) => (typeof v === 'string' ? v.slice(0, 10) : v.toISOString().slice(0, 10));

/**
 * Every pledge with what its gifts paid (less their refunds) and its status on `today`. Only
 * cancellation is stored: fulfilled, overdue and open follow from the gifts and the date.
 */
const withStatus = (orgId: string, today: string) => sql`
  select p.*, (case
      when p.cancelled_at is not null then 'cancelled'
      when p.paid >= p.amount then 'fulfilled'
      when p.due_on < ${today}::date then 'overdue'
      else 'open' end) as status
  from (
    select p.*, c.name as contact_name,
      coalesce((select sum(g.amount - coalesce((select sum(r.amount) from refunds r
          where r.org_id = g.org_id and r.gift_id = g.id and r.voided_at is null), 0))
        from pledge_payments pp join gifts g on g.org_id = pp.org_id and g.id = pp.gift_id
        where pp.org_id = p.org_id and pp.pledge_id = p.id), 0) as paid
    from pledges p join contacts c on c.org_id = p.org_id and c.id = p.contact_id
    where p.org_id = ${orgId}
  ) p`;

const present = (r: PledgeSqlRow) => {
  const amount = Number(r.amount);
  const paid = Number(r.paid);
  return {
    id: Number(r.id),
    contactId: Number(r.contact_id),
    contactName: r.contact_name,
    amount,
    currency: r.currency,
    paid,
    balance: r.status === 'cancelled' ? 0 : Math.max(0, amount - paid),
    pledgedOn: day(r.pledged_on),
    dueOn: day(r.due_on),
    status: r.status,
    campaign: r.campaign,
    fund: r.fund,
    note: r.note,
    cancelledAt: r.cancelled_at ? iso(r.cancelled_at) : null,
    cancelReason: r.cancel_reason,
    createdAt: iso(r.created_at),
  };
};
export type PresentedPledge = ReturnType<typeof present>;

export async function listPledges(
  db: Db,
  orgId: string,
  today: string,
  filter: { status?: PledgeStatus; contactId?: number; limit: number },
) {
  const where: SQL[] = [sql`true`];
  if (filter.status) where.push(sql`status = ${filter.status}`);
  if (filter.contactId) where.push(sql`contact_id = ${filter.contactId}`);
  const rows = rowsOf<PledgeSqlRow>(
    await db.execute(sql`select * from (${withStatus(orgId, today)}) s where ${sql.join(where, sql` and `)}
      order by (status in ('open', 'overdue')) desc, due_on, id limit ${filter.limit}`),
  );
  return rows.map(present);
}

/** Counts by status, and what is still to come (open and overdue) by currency. */
export async function pledgeSummary(db: Db, orgId: string, today: string) {
  const rows = rowsOf<{ status: PledgeStatus; currency: string; count: number | string; outstanding: number | string }>(
    await db.execute(sql`select status, currency, count(*) as count,
        sum(case when status in ('open', 'overdue') then greatest(amount - paid, 0) else 0 end) as outstanding
      from (${withStatus(orgId, today)}) s group by status, currency order by status, currency`),
  );
  return rows.map((r) => ({
    status: r.status,
    currency: r.currency,
    count: Number(r.count),
    outstanding: Number(r.outstanding),
  }));
}

export async function findPledge(db: Db, orgId: string, id: number, today: string) {
  const [row] = rowsOf<PledgeSqlRow>(
    await db.execute(sql`select * from (${withStatus(orgId, today)}) s where id = ${id}`),
  );
  return row ? present(row) : undefined;
}

/** The gifts that pay a pledge, oldest first. */
export async function paymentsOf(db: Db, orgId: string, id: number) {
  return rowsOf<{
    id: number | string;
    amount: number | string;
    currency: string;
    received_at: Date | string;
    channel: string;
    refunded: number | string;
  }>(
    await db.execute(sql`select g.id, g.amount, g.currency, g.received_at, g.channel,
        coalesce((select sum(r.amount) from refunds r where r.org_id = g.org_id and r.gift_id = g.id and r.voided_at is null), 0) as refunded
      from pledge_payments pp join gifts g on g.org_id = pp.org_id and g.id = pp.gift_id
      where pp.org_id = ${orgId} and pp.pledge_id = ${id} order by g.received_at, g.id`),
  ).map((g) => ({
    giftId: Number(g.id),
    amount: Number(g.amount),
    refunded: Number(g.refunded),
    currency: g.currency,
    receivedAt: iso(g.received_at),
    channel: g.channel,
  }));
}

export async function pledgeWithPayments(db: Db, orgId: string, id: number, now = new Date()) {
  const timezone = await orgTimezone(db, orgId);
  const pledge = await findPledge(db, orgId, id, orgTodayIn(timezone, now));
  if (!pledge) throw notFound('Pledge');
  return { ...pledge, payments: await paymentsOf(db, orgId, id) };
}

async function orgTimezone(db: Db, orgId: string) {
  const [row] = rowsOf<{ timezone: string }>(
    await db.execute(sql`select timezone from organizations where id = ${orgId}`),
  );
  return row?.timezone ?? 'Asia/Shanghai';
}

/** Today on the organization's calendar, as YYYY-MM-DD: a pledge is overdue the day after it is due. */
export const orgTodayIn = (timezone: string, now: Date) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    now,
  );
