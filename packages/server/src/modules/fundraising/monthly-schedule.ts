// When a monthly gift is charged. Donors think in China time: a gift started on the 6th is taken on
// the 6th of each month, at ten in the morning (never at night), and a gift started on the 29th–31st
// is taken on the 28th, so February has its day too.

const CHINA_OFFSET_MS = 8 * 3_600_000;
const CHARGE_HOUR = 10;
export const LAST_CHARGE_DAY = 28;

const inChina = (at: Date) => new Date(at.getTime() + CHINA_OFFSET_MS);

/** The day of the month a gift first paid at `paidAt` is charged on afterwards. */
export const chargeDayFor = (paidAt: Date) => Math.min(inChina(paidAt).getUTCDate(), LAST_CHARGE_DAY);

/** The month (YYYY-MM, China time) an instant falls in: what a charge at that instant pays for. */
export const periodOf = (at: Date) => inChina(at).toISOString().slice(0, 7);

const chargeTime = (year: number, monthIndex: number, chargeDay: number) =>
  new Date(Date.UTC(year, monthIndex, chargeDay, CHARGE_HOUR) - CHINA_OFFSET_MS);

/** The first charge time on `chargeDay` strictly after `after`. */
export function nextChargeAfter(after: Date, chargeDay: number): Date {
  const local = inChina(after);
  const thisMonth = chargeTime(local.getUTCFullYear(), local.getUTCMonth(), chargeDay);
  return thisMonth > after ? thisMonth : chargeTime(local.getUTCFullYear(), local.getUTCMonth() + 1, chargeDay);
}

/** The charge for the month after `period` (YYYY-MM), on `chargeDay`. */
export function chargeInMonthAfter(period: string, chargeDay: number): { period: string; at: Date } {
  const [year, month] = period.split('-').map(Number) as [number, number];
  const at = chargeTime(year, month, chargeDay); // month is 1-based, so this is the following month
  return { period: periodOf(at), at };
}

/** Where a pause of N months ends: the next N charges after `from` are skipped. */
export function resumeAfterMonths(from: Date, months: number, chargeDay: number): Date {
  const next = inChina(nextChargeAfter(from, chargeDay));
  return chargeTime(next.getUTCFullYear(), next.getUTCMonth() + months, chargeDay);
}
