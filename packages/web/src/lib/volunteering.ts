import type { Signup } from '../api/volunteers';
import type { Locale, Translate } from '../i18n/translate';

// Hours served are whole minutes on the server; staff read and type them as hours and minutes.

/** 150 -> { hours: 2, minutes: 30 }. */
export function splitMinutes(total: number): { hours: number; minutes: number } {
  const whole = Math.max(0, Math.round(total));
  return { hours: Math.floor(whole / 60), minutes: whole % 60 };
}

/** What the hours-and-minutes inputs hold, as the whole minutes the API takes (never a float). */
export function toMinutes(hours: number | null | undefined, minutes: number | null | undefined): number {
  const h = Number.isFinite(hours) ? Math.trunc(hours as number) : 0;
  const m = Number.isFinite(minutes) ? Math.round(minutes as number) : 0;
  return h * 60 + m;
}

/** 150 -> "2 小时 30 分钟" / "2 h 30 min"; 0 -> "0 分钟". */
export function hoursText(t: Translate, total: number): string {
  const { hours, minutes } = splitMinutes(total);
  if (hours === 0) return t('volunteers.duration.m', { m: minutes });
  return minutes === 0
    ? t('volunteers.duration.h', { h: hours })
    : t('volunteers.duration.hm', { h: hours, m: minutes });
}

const formats = new Map<string, Intl.DateTimeFormat>();

function partsOf(iso: string, timeZone: string) {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      month: 'numeric',
      day: 'numeric',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formats.set(timeZone, format);
  }
  const p = Object.fromEntries(format.formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
  return { month: Number(p.month), day: Number(p.day), weekday: p.weekday ?? '', time: `${p.hour}:${p.minute}` };
}

const zhWeekdays: Record<string, string> = {
  Sun: '日',
  Mon: '一',
  Tue: '二',
  Wed: '三',
  Thu: '四',
  Fri: '五',
  Sat: '六',
};

/** A shift's time on the organization's clock, as the public page words it: 5月1日（周六）09:00–12:00. */
export function shiftTimeText(startsAt: string, endsAt: string, timeZone: string, locale: Locale): string {
  const start = partsOf(startsAt, timeZone);
  const end = partsOf(endsAt, timeZone);
  const sameDay = start.month === end.month && start.day === end.day;
  const day =
    locale === 'en'
      ? (p: typeof start) => `${p.weekday} ${p.month}/${p.day} `
      : (p: typeof start) => `${p.month}月${p.day}日（周${zhWeekdays[p.weekday] ?? ''}）`;
  return `${day(start)}${start.time}–${sameDay ? '' : day(end)}${end.time}`;
}

/** How full a shift is, 0–100; a shift without a limit is never full. */
export function fullPercent(taken: number, capacity: number | null): number {
  if (capacity === null || capacity <= 0) return 0;
  return Math.min(100, Math.round((100 * taken) / capacity));
}

/** "09:05" on the organization's clock: check-in times, read on the day. */
export function clockTime(iso: string, timeZone: string): string {
  const p = partsOf(iso, timeZone);
  return p.time;
}

export type SignupAction = 'check-in' | 'check-out' | 'hours' | 'no-show' | 'cancel';

/**
 * What staff can do with a place, as the server allows it: check in someone expected (or marked not
 * come by mistake), check out someone checked in, log hours for anyone who had a place, mark not come,
 * cancel a live place.
 */
export function signupActions(s: Pick<Signup, 'status' | 'checkedInAt' | 'checkedOutAt'>): SignupAction[] {
  const can: Record<SignupAction, boolean> = {
    'check-in': s.status === 'confirmed' || s.status === 'no_show',
    'check-out': s.status === 'attended' && Boolean(s.checkedInAt) && !s.checkedOutAt,
    hours: s.status === 'confirmed' || s.status === 'attended' || s.status === 'no_show',
    'no-show': s.status === 'confirmed' || s.status === 'attended',
    cancel: s.status === 'confirmed' || s.status === 'waitlisted',
  };
  return (Object.keys(can) as SignupAction[]).filter((a) => can[a]);
}
