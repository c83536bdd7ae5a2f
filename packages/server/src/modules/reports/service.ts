import type { Clock } from '../../adapters/clock.ts';
import type { Db } from '../../db/client.ts';
import type { OrgContext } from '../../http/authorize.ts';
import { yearIn } from '../segments/index.ts';
import * as reports from './repo.ts';

export interface ReportDeps {
  db: Db;
  clock: Clock;
}

/** Year and month of `now` on the organization's calendar. */
function calendar(now: Date, timezone: string): reports.Calendar {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: timezone,
    year: 'numeric',
    month: 'numeric',
  }).formatToParts(now);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: part('year'), month: part('month') };
}

const thisYear = (deps: ReportDeps, ctx: OrgContext) => yearIn(deps.clock.now(), ctx.org.timezone);

export async function lybunt(deps: ReportDeps, ctx: OrgContext, year = thisYear(deps, ctx)) {
  const totals = await reports.lybunt(deps.db, ctx.org.id, ctx.org.timezone, year);
  return { year, definition: `gave in ${year - 1}, not in ${year}; given = their ${year - 1} gifts`, ...totals };
}

export async function sybunt(deps: ReportDeps, ctx: OrgContext, year = thisYear(deps, ctx)) {
  const totals = await reports.sybunt(deps.db, ctx.org.id, ctx.org.timezone, year);
  return {
    year,
    definition: `gave before ${year - 1}, neither in ${year - 1} nor in ${year}; given = their gifts before ${year - 1}`,
    ...totals,
  };
}

export function donorsByYear(deps: ReportDeps, ctx: OrgContext, range: { from?: number; to?: number }) {
  const to = range.to ?? thisYear(deps, ctx);
  const from = range.from ?? to - 4;
  return reports.donorsByYear(deps.db, ctx.org.id, ctx.org.timezone, from, to);
}

export const giftTotals = (
  deps: ReportDeps,
  ctx: OrgContext,
  groupBy: reports.TotalsGroup,
  range: { from?: string; to?: string },
) => reports.giftTotals(deps.db, ctx.org.id, ctx.org.timezone, groupBy, range);

export function overview(deps: ReportDeps, ctx: OrgContext) {
  const now = deps.clock.now();
  return reports.overview(deps.db, ctx.org.id, ctx.org.timezone, now, calendar(now, ctx.org.timezone));
}
