// Both vendors want China Standard Time (UTC+8, no daylight saving), whatever the server's zone.
const shifted = (date: Date) => new Date(date.getTime() + 8 * 3600_000).toISOString().slice(0, 19);

/** 2026-11-23 08:40:00 (Alipay's timestamp and time_expire). */
export const beijingDateTime = (date: Date) => shifted(date).replace('T', ' ');

/** 2026-11-23T08:40:00+08:00 (WeChat Pay's time_expire). */
export const beijingRfc3339 = (date: Date) => `${shifted(date)}+08:00`;
