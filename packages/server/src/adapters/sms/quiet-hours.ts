/** A daily window, in the organization's wall-clock time, when no message goes out; e.g. 21:00–08:00. */
export interface QuietHours {
  /** "HH:MM", 24-hour. */
  start: string;
  end: string;
}

const minutesOf = (time: string) => {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!match) throw new RangeError(`quiet hours must be HH:MM, got "${time}"`);
  return Number(match[1]) * 60 + Number(match[2]);
};

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClock(instant: Date, timeZone: string): WallClock {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)!.value);
  return {
    year: part('year'),
    month: part('month'),
    day: part('day'),
    hour: part('hour'),
    minute: part('minute'),
    second: part('second'),
  };
}

const asUtc = (w: WallClock) => Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);

/** The zone's offset from UTC at an instant, in milliseconds (whole seconds). */
const offsetAt = (instant: number, timeZone: string) =>
  asUtc(wallClock(new Date(instant), timeZone)) - Math.floor(instant / 1000) * 1000;

/**
 * The instant a wall-clock time happens in a zone. Done twice because the offset can change
 * between the first guess and the answer (a daylight saving change); a time skipped by the
 * change comes out moved forward by the gap.
 */
function instantOf(w: WallClock, timeZone: string): Date {
  const guess = asUtc(w);
  const first = guess - offsetAt(guess, timeZone);
  return new Date(guess - offsetAt(first, timeZone));
}

/**
 * When a message may go: `now` itself outside the quiet window, otherwise the window's end in the
 * organization's time zone. A window may run across midnight (21:00–08:00) or not (12:00–14:00);
 * start equal to end means no quiet hours.
 */
export function nextSendTime(now: Date, timeZone: string, quiet: QuietHours): Date {
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return now;
  const local = wallClock(now, timeZone);
  const minute = local.hour * 60 + local.minute;
  const crossesMidnight = start > end;
  const quietNow = crossesMidnight ? minute >= start || minute < end : minute >= start && minute < end;
  if (!quietNow) return now;
  // In a window across midnight, the evening part ends tomorrow morning.
  const endsTomorrow = crossesMidnight && minute >= start;
  const day = new Date(Date.UTC(local.year, local.month - 1, local.day + (endsTomorrow ? 1 : 0)));
  return instantOf(
    {
      year: day.getUTCFullYear(),
      month: day.getUTCMonth() + 1,
      day: day.getUTCDate(),
      hour: Math.floor(end / 60),
      minute: end % 60,
      second: 0,
    },
    timeZone,
  );
}
