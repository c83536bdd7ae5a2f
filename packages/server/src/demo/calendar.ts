import type { Random } from './random.ts';

/** A moment in China Standard Time (UTC+8, no daylight saving). */
export const chinaTime = (year: number, month: number, day: number, hour = 12, minute = 0) =>
  new Date(Date.UTC(year, month - 1, day, hour - 8, minute));

export const DAY_MS = 86_400_000;

export const yearOf = (date: Date) => new Date(date.getTime() + 8 * 3_600_000).getUTCFullYear();

/** A uniformly random moment between two dates, at a plausible hour of the day. */
export function between(random: Random, from: Date, to: Date): Date {
  const day = Math.floor((from.getTime() + random.next() * Math.max(0, to.getTime() - from.getTime())) / DAY_MS);
  const at = new Date(day * DAY_MS + (random.int(8, 23) - 8) * 3_600_000 + random.int(0, 59) * 60_000);
  return at < from ? from : at > to ? to : at;
}

export type Season = '99' | 'year_end' | 'flood' | 'ordinary';

export interface GiftMoment {
  at: Date;
  season: Season;
}

/**
 * When a gift arrives in a given year, with the shape Chinese NGOs see: a spike on 99 Giving Day
 * (September 7-9), a year-end rise, and the rest spread over the year. Clamped to [from, to].
 */
export function giftMoment(random: Random, year: number, from: Date, to: Date, floodYear: number): GiftMoment {
  const start = new Date(Math.max(from.getTime(), chinaTime(year, 1, 1, 0).getTime()));
  const end = new Date(Math.min(to.getTime(), chinaTime(year, 12, 31, 23, 59).getTime()));
  const inRange = (d: Date) => d >= start && d <= end;
  const roll = random.next();
  if (roll < 0.3) {
    const at = chinaTime(
      year,
      9,
      random.weighted([
        [7, 3],
        [8, 2],
        [9, 4],
      ] as const),
      random.int(8, 23),
      random.int(0, 59),
    );
    if (inRange(at)) return { at, season: '99' };
  } else if (roll < 0.5) {
    const at = chinaTime(
      year,
      12,
      random.weighted([
        [random.int(1, 19), 1],
        [random.int(20, 31), 2],
      ] as const),
      random.int(9, 23),
    );
    if (inRange(at)) return { at, season: 'year_end' };
  } else if (roll < 0.58 && year === floodYear) {
    const at = between(random, chinaTime(year, 7, 10), chinaTime(year, 8, 20));
    if (inRange(at)) return { at, season: 'flood' };
  }
  return { at: between(random, start, end), season: 'ordinary' };
}
