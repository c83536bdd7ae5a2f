// Both vendors want China Standard Time (UTC+8, no daylight saving), whatever the server's zone.
const shifted = (date: Date) => new Date(date.getTime() + 8 * 3600_000).toISOString().slice(0, 19);

/** 2026-11-23 08:40:00 (Alipay's timestamp and time_expire). */
export const beijingDateTime = (date: Date) => shifted(date).replace('T', ' ');

/** 2026-11-23T08:40:00+08:00 (WeChat Pay's time_expire). */
export const beijingRfc3339 = (date: Date) => `${shifted(date)}+08:00`;

/** Reads "2016-07-19 14:10:49" (optionally with .SSS) as Beijing time; undefined if it is not one. */
export function parseBeijingDateTime(value: unknown): Date | undefined {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,3})?$/.test(value)) return undefined;
  const date = new Date(`${value.replace(' ', 'T')}+08:00`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
