import { sql, type SQL } from 'drizzle-orm';
import type { Condition, Period, SegmentNode } from './definition.ts';

/*
 * Compiles a segment definition to a SQL condition over `contacts c`. Every value from the
 * definition is a bound parameter; only fixed SQL text is written here.
 */

export interface CompileContext {
  orgId: string;
  /** The organization's time zone: years and dates are its calendar days. */
  timezone: string;
  now: Date;
}

/** The year of `now` on the organization's calendar. */
export function yearIn(now: Date, timezone: string): number {
  return Number(new Intl.DateTimeFormat('en-US', { timeZone: timezone, year: 'numeric' }).format(now));
}

const dayStart = (date: string, tz: string) => sql`((${date}::date)::timestamp at time zone ${tz})`;
const nextDayStart = (date: string, tz: string) => sql`((${date}::date + 1)::timestamp at time zone ${tz})`;
const yearStart = (year: number, tz: string) => sql`make_timestamptz(${year}::int, 1, 1, 0, 0, 0, ${tz}::text)`;

type YearPeriod = Extract<Period, { year: number }> | Extract<Period, { relativeYear: number }>;

/** The calendar year of a { year } or { relativeYear } period. */
const yearOf = (period: YearPeriod, ctx: CompileContext) =>
  'year' in period ? period.year : yearIn(ctx.now, ctx.timezone) + period.relativeYear;

/** The calendar year a period names ({ year } or { relativeYear }), else null. */
function calendarYear(period: Period | undefined, ctx: CompileContext): number | null {
  return period && ('year' in period || 'relativeYear' in period) ? yearOf(period, ctx) : null;
}

/** [start, end) of a period as SQL timestamptz expressions; null for an open end. */
export function periodBounds(period: Period, ctx: CompileContext): { start: SQL | null; end: SQL | null } {
  const tz = ctx.timezone;
  if ('year' in period || 'relativeYear' in period) {
    const year = yearOf(period, ctx);
    return { start: yearStart(year, tz), end: yearStart(year + 1, tz) };
  }
  if ('lastDays' in period) {
    return {
      start: sql`${new Date(ctx.now.getTime() - period.lastDays * 86_400_000).toISOString()}::timestamptz`,
      end: null,
    };
  }
  return {
    start: period.from ? dayStart(period.from, tz) : null,
    end: period.to ? nextDayStart(period.to, tz) : null,
  };
}

function inPeriod(column: SQL, period: Period | undefined, ctx: CompileContext): SQL[] {
  if (!period) return [];
  const { start, end } = periodBounds(period, ctx);
  return [...(start ? [sql`${column} >= ${start}`] : []), ...(end ? [sql`${column} < ${end}`] : [])];
}

const and = (parts: SQL[]): SQL => (parts.length === 0 ? sql`true` : sql`(${sql.join(parts, sql` and `)})`);
const or = (parts: SQL[]): SQL => (parts.length === 0 ? sql`false` : sql`(${sql.join(parts, sql` or `)})`);

/** The gifts of contact `c` that match the extra conditions. */
function giftsOf(ctx: CompileContext, extra: SQL[]): SQL {
  return sql`from gifts g where g.org_id = ${ctx.orgId} and g.contact_id = c.id${sql.join(
    extra.map((e) => sql` and ${e}`),
    sql``,
  )}`;
}

const exists = (from: SQL) => sql`exists (select 1 ${from})`;

function compileCondition(cond: Condition, ctx: CompileContext): SQL {
  const received = sql`g.received_at`;
  switch (cond.field) {
    case 'tag': {
      const match = typeof cond.tag === 'number' ? sql`ct.tag_id = ${cond.tag}` : sql`t.name = ${cond.tag}`;
      const has = exists(
        sql`from contact_tags ct join tags t on t.org_id = ct.org_id and t.id = ct.tag_id
            where ct.org_id = ${ctx.orgId} and ct.contact_id = c.id and ${match}`,
      );
      return cond.op === 'has' ? has : sql`not ${has}`;
    }
    case 'province':
    case 'city':
    case 'district': {
      const column = { province: sql`c.province_code`, city: sql`c.city_code`, district: sql`c.district_code` }[
        cond.field
      ];
      const list = sql.join(
        cond.values.map((v) => sql`${v}`),
        sql`, `,
      );
      return cond.op === 'in' ? sql`${column} in (${list})` : sql`(${column} is null or ${column} not in (${list}))`;
    }
    case 'category': {
      const list = sql.join(
        cond.values.map((v) => sql`${v}`),
        sql`, `,
      );
      return cond.op === 'in' ? sql`c.category in (${list})` : sql`(c.category is null or c.category not in (${list}))`;
    }
    case 'kind':
      return sql`c.kind = ${cond.value}`;
    case 'created':
      return and(inPeriod(sql`c.created_at`, cond.period, ctx));
    case 'gifts': {
      const year = cond.channel || cond.campaign ? null : calendarYear(cond.period, ctx);
      if (year !== null) {
        const gave = exists(
          sql`from contact_gift_years y where y.org_id = ${ctx.orgId} and y.year = ${year} and y.contact_id = c.id`,
        );
        return cond.op === 'gave' ? gave : sql`not ${gave}`;
      }
      const extra = [
        ...inPeriod(received, cond.period, ctx),
        ...(cond.channel ? [sql`g.channel = ${cond.channel}`] : []),
        ...(cond.campaign ? [sql`g.campaign = ${cond.campaign}`] : []),
      ];
      const gave = exists(giftsOf(ctx, extra));
      return cond.op === 'gave' ? gave : sql`not ${gave}`;
    }
    case 'giftCount': {
      const count = sql`(select count(*) ${giftsOf(ctx, inPeriod(received, cond.period, ctx))})`;
      const op = { gte: sql`>=`, lte: sql`<=`, eq: sql`=` }[cond.op];
      return sql`${count} ${op} ${cond.value}`;
    }
    case 'totalGiven': {
      const extra = [...inPeriod(received, cond.period, ctx), sql`g.currency = ${cond.currency ?? 'CNY'}`];
      const total = sql`(select coalesce(sum(g.amount), 0) ${giftsOf(ctx, extra)})`;
      return cond.op === 'gte' ? sql`${total} >= ${cond.amount}` : sql`${total} <= ${cond.amount}`;
    }
    case 'lastGift':
    case 'firstGift': {
      const day = dayStart(cond.date, ctx.timezone);
      const before = exists(giftsOf(ctx, [sql`${received} < ${day}`]));
      const onOrAfter = exists(giftsOf(ctx, [sql`${received} >= ${day}`]));
      // Last gift before D: gave before D and never since. First gift on or after D: the reverse.
      if (cond.field === 'lastGift') return cond.op === 'before' ? sql`(${before} and not ${onOrAfter})` : onOrAfter;
      return cond.op === 'before' ? before : sql`(${onOrAfter} and not ${before})`;
    }
    case 'consent': {
      // The current state per purpose is the latest record; granted when any purpose (or the given one) is granted.
      const granted = exists(
        sql`from (select distinct on (k.purpose) k.status from consents k
                   where k.org_id = ${ctx.orgId} and k.contact_id = c.id and k.channel = ${cond.channel}
                   ${cond.purpose ? sql`and k.purpose = ${cond.purpose}` : sql``}
                   order by k.purpose, k.recorded_at desc, k.id desc) latest
            where latest.status = 'granted'`,
      );
      return cond.op === 'granted' ? granted : sql`not ${granted}`;
    }
  }
}

/** The SQL condition for a segment node; `{ all: [] }` matches every contact. */
export function compileSegment(node: SegmentNode, ctx: CompileContext): SQL {
  if ('all' in node) return and(node.all.map((n) => compileSegment(n, ctx)));
  if ('any' in node) return or(node.any.map((n) => compileSegment(n, ctx)));
  // A NULL (say, no province) must not make `not` drop the contact too.
  if ('not' in node) return sql`not coalesce(${compileSegment(node.not, ctx)}, false)`;
  return compileCondition(node, ctx);
}
