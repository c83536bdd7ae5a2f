import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';

export interface CampaignTotals {
  /** Gifts to the campaign less their refunds, in minor units, not counting matches. */
  raised: number;
  gifts: number;
  donors: number;
  /** What matching funds added to those gifts. */
  matched: number;
}

/**
 * A campaign's figures from the gift records themselves (online, offline and imported gifts labelled
 * with its slug), so the page and the books can never disagree.
 */
export async function campaignTotals(
  db: Db,
  orgId: string,
  campaign: { id: number; slug: string },
): Promise<CampaignTotals> {
  const result = (await db.execute(sql`
    select coalesce(sum(g.amount - coalesce(r.refunded, 0)), 0) as raised, count(*) as gifts,
      count(distinct g.contact_id) as donors
    from gifts g
    left join lateral (
      select sum(amount) as refunded from refunds
      where org_id = g.org_id and gift_id = g.id and voided_at is null
    ) r on true
    where g.org_id = ${orgId} and g.campaign = ${campaign.slug} and g.kind = 'money'`)) as unknown as {
    rows: { raised: number | string; gifts: number | string; donors: number | string }[];
  };
  const matched = (await db.execute(sql`
    select coalesce(sum(matched), 0) as matched from matching_funds
    where org_id = ${orgId} and campaign_id = ${campaign.id}`)) as unknown as { rows: { matched: number | string }[] };
  const row = result.rows[0]!;
  return {
    raised: Number(row.raised),
    gifts: Number(row.gifts),
    donors: Number(row.donors),
    matched: Number(matched.rows[0]!.matched),
  };
}

export interface RecentGift {
  /** 张* for a named donor; null for an anonymous one (the page says 爱心人士). */
  maskedName: string | null;
  amount: number;
  currency: string;
  paidAt: Date;
  monthly: boolean;
  /** What matching funds added to it. */
  matched: number;
}

/** 张* from 张三: the family name only, as Chinese giving pages show donors. */
export function maskName(name: string): string {
  const first = Array.from(name.trim())[0];
  return first ? `${first}*` : '';
}

/** The latest paid online gifts of a campaign, for its public page; never more than a masked name. */
export async function recentGifts(db: Db, orgId: string, campaignId: number, limit = 10): Promise<RecentGift[]> {
  const result = (await db.execute(sql`
    select o.amount, o.currency, o.paid_at, o.frequency, (o.donor ->> 'anonymous')::boolean as anonymous,
      case when c.erased_at is null then c.name end as name,
      (select coalesce(sum(m.amount), 0) from matches m where m.org_id = o.org_id and m.gift_id = o.gift_id) as matched
    from donation_orders o left join contacts c on c.org_id = o.org_id and c.id = o.contact_id
    where o.org_id = ${orgId} and o.campaign_id = ${campaignId} and o.status = 'paid'
    order by o.paid_at desc, o.id desc
    limit ${limit}`)) as unknown as {
    rows: {
      amount: number | string;
      currency: string;
      paid_at: string | Date;
      frequency: string;
      anonymous: boolean;
      name: string | null;
      matched: number | string;
    }[];
  };
  return result.rows.map((r) => ({
    maskedName: r.anonymous || !r.name ? null : maskName(r.name),
    amount: Number(r.amount),
    currency: r.currency,
    paidAt: new Date(r.paid_at),
    monthly: r.frequency === 'monthly',
    matched: Number(r.matched),
  }));
}

/** Orders of a campaign by status, for staff. */
export async function orderCounts(db: Db, orgId: string, campaignId: number) {
  const result = (await db.execute(sql`
    select status, count(*) as n from donation_orders
    where org_id = ${orgId} and campaign_id = ${campaignId} group by status`)) as unknown as {
    rows: { status: string; n: number | string }[];
  };
  const counts = { paid: 0, pending: 0, expired: 0 };
  for (const r of result.rows) if (r.status in counts) counts[r.status as keyof typeof counts] = Number(r.n);
  return counts;
}
