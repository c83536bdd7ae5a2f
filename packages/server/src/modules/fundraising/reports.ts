import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import type { OrgContext } from '../../http/authorize.ts';
import { maskName } from './totals.ts';

export const fundraisingReportQuery = z.object({
  from: z.iso.date().optional().describe("first day, in the organization's time zone; default: 29 days before `to`"),
  to: z.iso.date().optional().describe('last day, included; default: today'),
});

type Row = Record<string, string | number | boolean | null>;
const rows = async (db: Db, query: ReturnType<typeof sql>) =>
  ((await db.execute(query)) as unknown as { rows: Row[] }).rows;
/** Sums and counts arrive as text from node-postgres and as numbers from PGlite. */
const num = (v: string | number | boolean | null | undefined) => Number(v ?? 0);

/**
 * Money gifts received between two days of the organization's calendar, summed by campaign, by
 * channel and by day: online, offline and imported gifts alike, with refunds made of them.
 */
export async function fundraisingReport(db: Db, ctx: OrgContext, range: { from: string; to: string }) {
  const tz = ctx.org.timezone;
  const window = sql`g.org_id = ${ctx.org.id} and g.kind = 'money'
    and g.received_at >= (${range.from}::date)::timestamp at time zone ${tz}
    and g.received_at < ((${range.to}::date) + 1)::timestamp at time zone ${tz}`;
  const [byCampaign, byChannel, byDay, refunds] = await Promise.all([
    rows(
      db,
      sql`select coalesce(g.campaign, '') as key, c.copy ->> 'title' as title, g.currency, sum(g.amount) as amount,
            count(*) as gifts, count(distinct g.contact_id) as donors
          from gifts g left join campaigns c on c.org_id = g.org_id and c.slug = g.campaign
          where ${window} group by 1, 2, 3 order by sum(g.amount) desc`,
    ),
    rows(
      db,
      sql`select g.channel as key, g.currency, sum(g.amount) as amount, count(*) as gifts
          from gifts g where ${window} group by 1, 2 order by sum(g.amount) desc`,
    ),
    rows(
      db,
      sql`select to_char(g.received_at at time zone ${tz}, 'YYYY-MM-DD') as key, g.currency, sum(g.amount) as amount,
            count(*) as gifts
          from gifts g where ${window} group by 1, 2 order by 1`,
    ),
    rows(
      db,
      sql`select r.currency, coalesce(sum(r.amount), 0) as amount, count(*) as refunds
          from refunds r join gifts g on g.org_id = r.org_id and g.id = r.gift_id
          where ${window} and r.voided_at is null group by 1`,
    ),
  ]);
  return {
    from: range.from,
    to: range.to,
    byCampaign: byCampaign.map((r) => ({
      campaign: (r.key as string) || null,
      title: (r.title as string | null) ?? null,
      currency: r.currency as string,
      amount: num(r.amount),
      gifts: num(r.gifts),
      donors: num(r.donors),
    })),
    byChannel: byChannel.map((r) => ({
      channel: r.key as string,
      currency: r.currency as string,
      amount: num(r.amount),
      gifts: num(r.gifts),
    })),
    byDay: byDay.map((r) => ({
      day: r.key as string,
      currency: r.currency as string,
      amount: num(r.amount),
      gifts: num(r.gifts),
    })),
    refunds: refunds.map((r) => ({ currency: r.currency as string, amount: num(r.amount), refunds: num(r.refunds) })),
  };
}

/**
 * A campaign's day as it happens (the live view for 99 Giving Day): today's gifts by hour, the day's and
 * the campaign's totals, and the latest gifts with masked names.
 */
export async function campaignLive(db: Db, ctx: OrgContext, campaign: { id: number; slug: string }, now: Date) {
  const tz = ctx.org.timezone;
  const today = sql`(${now}::timestamptz at time zone ${tz})::date`;
  const mine = sql`g.org_id = ${ctx.org.id} and g.campaign = ${campaign.slug} and g.kind = 'money'`;
  const [hours, totals, latest, matched] = await Promise.all([
    rows(
      db,
      sql`select extract(hour from g.received_at at time zone ${tz})::int as hour, sum(g.amount) as amount, count(*) as gifts
          from gifts g where ${mine} and (g.received_at at time zone ${tz})::date = ${today} group by 1 order by 1`,
    ),
    rows(
      db,
      sql`select coalesce(sum(g.amount) filter (where (g.received_at at time zone ${tz})::date = ${today}), 0) as today_amount,
            count(*) filter (where (g.received_at at time zone ${tz})::date = ${today}) as today_gifts,
            coalesce(sum(g.amount), 0) as amount, count(*) as gifts, count(distinct g.contact_id) as donors
          from gifts g where ${mine}`,
    ),
    rows(
      db,
      sql`select g.amount, g.received_at, g.channel, case when c.erased_at is null then c.name end as name,
            coalesce((o.donor ->> 'anonymous')::boolean, false) as anonymous
          from gifts g join contacts c on c.org_id = g.org_id and c.id = g.contact_id
          left join donation_orders o on o.org_id = g.org_id and o.gift_id = g.id
          where ${mine} order by g.received_at desc, g.id desc limit 20`,
    ),
    rows(
      db,
      sql`select coalesce(sum(matched), 0) as matched from matching_funds where org_id = ${ctx.org.id} and campaign_id = ${campaign.id}`,
    ),
  ]);
  const t = totals[0]!;
  return {
    asOf: now.toISOString(),
    today: { amount: num(t.today_amount), gifts: num(t.today_gifts) },
    total: { amount: num(t.amount), gifts: num(t.gifts), donors: num(t.donors), matched: num(matched[0]?.matched) },
    byHour: Array.from({ length: 24 }, (_, hour) => {
      const found = hours.find((h) => num(h.hour) === hour);
      return { hour, amount: num(found?.amount), gifts: num(found?.gifts) };
    }),
    latest: latest.map((g) => ({
      amount: num(g.amount),
      at: new Date(g.received_at as string).toISOString(),
      channel: g.channel as string,
      // Staff see the same masked names as the public screen: the live view is shown on a wall.
      donor: g.anonymous === true || !g.name ? null : maskName(g.name as string),
    })),
  };
}
