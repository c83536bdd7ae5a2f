import type { ChargeRules } from '../../adapters/payments/index.ts';

const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;
const CHARGE_HOUR = 10;

/** Days since 1970-01-01 in China time: the calendar day a vendor's rules count in. */
export const chinaDay = (at: Date) => Math.floor((at.getTime() + CHINA_OFFSET_MS) / DAY_MS);
const onChinaDay = (day: number, hour: number) => new Date(day * DAY_MS + hour * 3_600_000 - CHINA_OFFSET_MS);

/** The pre-debit notice last sent for a gift, as monthly_gifts.debit_notice keeps it. */
export interface DebitNotice {
  period: string;
  amount: number;
  sentAt: string;
}

export type ChargeStep =
  | { kind: 'charge' }
  /** Not allowed yet: outside the vendor's hours, or the notice's waiting days. */
  | { kind: 'wait'; until: Date }
  /** Send the pre-debit notice now; the charge is allowed from `chargeFrom`. */
  | { kind: 'notify'; chargeFrom: Date };

/**
 * What a due charge may do under its vendor's rules. WeChat Pay's 周期扣费: a notice (预扣费通知) sent on
 * day D allows charges on D+2 … D+8 (the notice's day and the next are the donor's time to cancel), for
 * at most the amount it named, and both are only sent 7:00–22:00 Beijing time. A notice serves the one
 * month it was sent for; a new month, a higher amount or an expired notice needs another.
 */
export function chargeStep(
  rules: ChargeRules,
  notice: DebitNotice | null,
  gift: { period: string; amount: number },
  now: Date,
): ChargeStep {
  const today = chinaDay(now);
  const hour = (now.getTime() + CHINA_OFFSET_MS - today * DAY_MS) / 3_600_000;
  if (hour < rules.hours.from) return { kind: 'wait', until: onChinaDay(today, rules.hours.from) };
  if (hour >= rules.hours.to) return { kind: 'wait', until: onChinaDay(today + 1, rules.hours.from) };
  if (!rules.notice) return { kind: 'charge' };
  const { waitDays, validDays } = rules.notice;
  const noticeDay = notice ? chinaDay(new Date(notice.sentAt)) : undefined;
  const covers =
    notice &&
    noticeDay !== undefined &&
    notice.period === gift.period &&
    notice.amount >= gift.amount &&
    today <= noticeDay + waitDays + validDays - 1;
  if (!covers) return { kind: 'notify', chargeFrom: onChinaDay(today + waitDays, CHARGE_HOUR) };
  if (today < noticeDay! + waitDays) return { kind: 'wait', until: onChinaDay(noticeDay! + waitDays, CHARGE_HOUR) };
  return { kind: 'charge' };
}
