// Timestamps arrive as ISO strings in UTC and are shown in the organization's time zone.
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `${timeZone}|${withTime}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' as const } : {}),
    });
    formatters.set(key, f);
  }
  return f;
}

function parts(iso: string | Date, timeZone: string, withTime: boolean) {
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(date.getTime())) return null;
  const map: Record<string, string> = {};
  for (const p of formatter(timeZone, withTime).formatToParts(date)) map[p.type] = p.value;
  return map;
}

/** "2024-03-05T16:30:00Z" -> "2024-03-06 00:30" in Asia/Shanghai. */
export function formatDateTime(iso: string | Date | null | undefined, timeZone = DEFAULT_TIME_ZONE): string {
  if (!iso) return '—';
  const p = parts(iso, timeZone, true);
  return p ? `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}` : '—';
}

/** "2024-03-05T16:30:00Z" -> "2024-03-06" in Asia/Shanghai. */
export function formatDate(iso: string | Date | null | undefined, timeZone = DEFAULT_TIME_ZONE): string {
  if (!iso) return '—';
  const p = parts(iso, timeZone, false);
  return p ? `${p.year}-${p.month}-${p.day}` : '—';
}

/** A calendar day picked in Shanghai ("2024-03-06") -> the instant of its start, as ISO. */
export function dayStartIso(day: string): string {
  return new Date(`${day}T00:00:00+08:00`).toISOString();
}
