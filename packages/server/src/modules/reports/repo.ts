import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { rowsOf } from '../segments/index.ts';

/*
 * Report SQL. Years and months are the organization's calendar (its time zone). A donor is a
 * contact with at least one gift; merged contacts are left out (their gifts moved to the survivor),
 * erased ones stay (they gave, even if we no longer know who they were). Amounts are summed per
 * currency in minor units, never converted.
 */

export interface Money {
  currency: string;
  amount: number;
}

const yearStart = (year: number, tz: string) => sql`make_timestamptz(${year}::int, 1, 1, 0, 0, 0, ${tz}::text)`;
const monthStart = (year: number, month: number, tz: string) =>
  sql`make_timestamptz(${year}::int, ${month}::int, 1, 0, 0, 0, ${tz}::text)`;
const notMerged = sql`exists (select 1 from contacts c where c.org_id = g.org_id and c.id = g.contact_id and c.merged_into_id is null)`;

interface DonorTotals {
  donors: number;
  given: Money[];
}

/** Rows of `grouping sets ((currency), ())`: the null-currency row carries the distinct donor count. */
function donorTotals(
  rows: { currency: string | null; donors: number | string; amount: number | string | null }[],
): DonorTotals {
  const total = rows.find((r) => r.currency === null);
  return {
    donors: Number(total?.donors ?? 0),
    given: rows
      .filter((r) => r.currency !== null)
      .map((r) => ({ currency: r.currency!, amount: Number(r.amount) }))
      .sort((a, b) => a.currency.localeCompare(b.currency)),
  };
}

/**
 * Donors who gave in the calendar years [gaveFrom, split) and in none of [split, notUntil), with what
 * they gave in the first stretch. The donors are found in the yearly giving summary
 * (contact_gift_years), set-wise as the segment compiler finds them; only then are their gifts summed,
 * per donor through gifts_contact_idx. `materialized` and the grouped lateral keep the planner from
 * summing a whole year of gifts (heap reads) before narrowing down.
 */
async function lapsed(
  db: Db,
  orgId: string,
  tz: string,
  years: { gaveFrom: number | null; split: number; notUntil: number },
): Promise<DonorTotals> {
  const fromYear = years.gaveFrom === null ? sql`` : sql` and x.year >= ${years.gaveFrom}`;
  const fromTime = years.gaveFrom === null ? sql`` : sql` and g.received_at >= ${yearStart(years.gaveFrom, tz)}`;
  const rows = await rowsOf<{ currency: string | null; donors: number | string; amount: number | string | null }>(
    db,
    sql`with lapsed as materialized (
          select c.id from contacts c
          where c.org_id = ${orgId} and c.merged_into_id is null
            and exists (select 1 from contact_gift_years x where x.org_id = ${orgId} and x.contact_id = c.id
                          and x.year < ${years.split}${fromYear})
            and not exists (select 1 from contact_gift_years y where y.org_id = ${orgId} and y.contact_id = c.id
                              and y.year >= ${years.split} and y.year < ${years.notUntil})
        )
        select s.currency, count(distinct l.id) as donors, sum(s.amount) as amount
        from lapsed l
        cross join lateral (select g.currency, sum(g.amount) as amount from gifts g
                            where g.org_id = ${orgId} and g.contact_id = l.id
                              and g.received_at < ${yearStart(years.split, tz)}${fromTime}
                            group by g.currency) s
        group by grouping sets ((s.currency), ())`,
  );
  return donorTotals(rows);
}

/** LYBUNT for `year`: gave last year, not (yet) this year; with what they gave last year. */
export function lybunt(db: Db, orgId: string, tz: string, year: number) {
  return lapsed(db, orgId, tz, { gaveFrom: year - 1, split: year, notUntil: year + 1 });
}

/** SYBUNT for `year`: gave some year before last, neither last year nor this year; with what they gave then. */
export function sybunt(db: Db, orgId: string, tz: string, year: number) {
  return lapsed(db, orgId, tz, { gaveFrom: null, split: year - 1, notUntil: year + 1 });
}

export interface DonorYear {
  year: number;
  firstTime: DonorTotals;
  repeat: DonorTotals;
}

/** Per year: donors whose first gift ever was that year, and donors who had given before. */
export async function donorsByYear(db: Db, orgId: string, tz: string, from: number, to: number): Promise<DonorYear[]> {
  const rows = await rowsOf<{
    year: number;
    first_time: boolean;
    currency: string | null;
    donors: number | string;
    amount: number | string | null;
  }>(
    db,
    sql`with firsts as (
          select g.contact_id, min(g.received_at) as first_at from gifts g where g.org_id = ${orgId} group by g.contact_id
        ), yearly as (
          select g.contact_id, g.currency, date_part('year', g.received_at at time zone ${tz})::int as year, sum(g.amount) as amount
          from gifts g
          where g.org_id = ${orgId} and g.received_at >= ${yearStart(from, tz)} and g.received_at < ${yearStart(to + 1, tz)} and ${notMerged}
          group by 1, 2, 3
        )
        select z.year, z.first_time, z.currency, count(distinct z.contact_id) as donors, sum(z.amount) as amount
        from (select y.*, date_part('year', f.first_at at time zone ${tz})::int = y.year as first_time
              from yearly y join firsts f on f.contact_id = y.contact_id) z
        group by grouping sets ((z.year, z.first_time, z.currency), (z.year, z.first_time))
        order by 1`,
  );
  const years: DonorYear[] = [];
  for (let year = from; year <= to; year++) {
    const of = (firstTime: boolean) =>
      donorTotals(rows.filter((r) => Number(r.year) === year && r.first_time === firstTime));
    years.push({ year, firstTime: of(true), repeat: of(false) });
  }
  return years;
}

export const totalsGroups = ['year', 'month', 'channel', 'campaign'] as const;
export type TotalsGroup = (typeof totalsGroups)[number];

export interface TotalsRow {
  key: string | null;
  currency: string;
  amount: number;
  gifts: number;
  donors: number;
}

/** Gift totals grouped by year, month (organization calendar), channel or campaign. */
export async function giftTotals(
  db: Db,
  orgId: string,
  tz: string,
  groupBy: TotalsGroup,
  range: { from?: string; to?: string },
): Promise<TotalsRow[]> {
  const key = {
    year: sql`to_char(g.received_at at time zone ${tz}, 'YYYY')`,
    month: sql`to_char(g.received_at at time zone ${tz}, 'YYYY-MM')`,
    channel: sql`g.channel`,
    campaign: sql`g.campaign`,
  }[groupBy];
  const bounds = [
    ...(range.from ? [sql`g.received_at >= ((${range.from}::date)::timestamp at time zone ${tz})`] : []),
    ...(range.to ? [sql`g.received_at < ((${range.to}::date + 1)::timestamp at time zone ${tz})`] : []),
  ];
  const rows = await rowsOf<{
    key: string | null;
    currency: string;
    amount: number | string;
    gifts: number | string;
    donors: number | string;
  }>(
    db,
    sql`select ${key} as key, g.currency, sum(g.amount) as amount, count(*) as gifts, count(distinct g.contact_id) as donors
        from gifts g
        where g.org_id = ${orgId}${sql.join(
          bounds.map((b) => sql` and ${b}`),
          sql``,
        )}
        group by 1, 2 order by 1 nulls last, 2`,
  );
  return rows.map((r) => ({
    key: r.key,
    currency: r.currency,
    amount: Number(r.amount),
    gifts: Number(r.gifts),
    donors: Number(r.donors),
  }));
}

async function moneyIn(db: Db, orgId: string, start: SQL, end: SQL): Promise<Money[]> {
  const rows = await rowsOf<{ currency: string; amount: number | string }>(
    db,
    sql`select g.currency, sum(g.amount) as amount from gifts g
        where g.org_id = ${orgId} and g.received_at >= ${start} and g.received_at < ${end}
        group by 1 order by 1`,
  );
  return rows.map((r) => ({ currency: r.currency, amount: Number(r.amount) }));
}

export interface Calendar {
  year: number;
  month: number;
}

/** The console home page's headline numbers. */
export async function overview(db: Db, orgId: string, tz: string, now: Date, today: Calendar) {
  const thisYear = yearStart(today.year, tz);
  const nextYear = yearStart(today.year + 1, tz);
  const lastYear = yearStart(today.year - 1, tz);
  const nowSql = sql`${now.toISOString()}::timestamptz`;
  const [counts] = await rowsOf<{
    contacts: number | string;
    new_this_month: number | string;
    donors_this_year: number | string;
  }>(
    db,
    sql`select
          (select count(*) from contacts c where c.org_id = ${orgId} and c.merged_into_id is null and c.erased_at is null) as contacts,
          (select count(*) from contacts c where c.org_id = ${orgId} and c.merged_into_id is null and c.erased_at is null
             and c.created_at >= ${monthStart(today.year, today.month, tz)}) as new_this_month,
          (select count(distinct g.contact_id) from gifts g
             where g.org_id = ${orgId} and g.received_at >= ${thisYear} and g.received_at < ${nextYear}) as donors_this_year`,
  );
  const recent = await rowsOf<{
    id: number | string;
    contact_id: number | string;
    name: string;
    amount: number | string;
    currency: string;
    kind: string;
    channel: string;
    campaign: string | null;
    received_at: string;
  }>(
    db,
    sql`select g.id, g.contact_id, c.name, g.amount, g.currency, g.kind, g.channel, g.campaign,
               to_char(g.received_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as received_at
        from gifts g join contacts c on c.org_id = g.org_id and c.id = g.contact_id
        where g.org_id = ${orgId} order by g.received_at desc, g.id desc limit 10`,
  );
  return {
    contacts: Number(counts?.contacts ?? 0),
    newContactsThisMonth: Number(counts?.new_this_month ?? 0),
    donorsThisYear: Number(counts?.donors_this_year ?? 0),
    raisedThisYear: await moneyIn(db, orgId, thisYear, nextYear),
    raisedLastYear: await moneyIn(db, orgId, lastYear, thisYear),
    // The same stretch of last year, for a fair "vs last year" while this year is still running.
    raisedLastYearToDate: await moneyIn(db, orgId, lastYear, sql`(${nowSql} - interval '1 year')`),
    recentGifts: recent.map((r) => ({
      id: Number(r.id),
      contactId: Number(r.contact_id),
      contactName: r.name,
      amount: Number(r.amount),
      currency: r.currency,
      kind: r.kind,
      channel: r.channel,
      campaign: r.campaign,
      receivedAt: r.received_at,
    })),
  };
}
