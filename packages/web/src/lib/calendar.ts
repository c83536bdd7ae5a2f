import { DEFAULT_TIME_ZONE } from './dates';

/** Today's year and month on the organization's calendar. */
export function today(timeZone = DEFAULT_TIME_ZONE): { year: number; month: number; day: number } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(new Date());
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day') };
}

/** The last `count` months up to this one, as "YYYY-MM", oldest first. */
export function lastMonths(count: number, now: { year: number; month: number }): string[] {
  return Array.from({ length: count }, (_v, i) => {
    const index = now.year * 12 + (now.month - 1) - (count - 1 - i);
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  });
}
