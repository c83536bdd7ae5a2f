const formats = new Map<string, Intl.DateTimeFormat>();

function partsOf(date: Date, timeZone: string) {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      weekday: 'short',
      hourCycle: 'h23',
    });
    formats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(date).map((p) => [p.type, p.value]));
  return {
    month: Number(parts.month),
    day: Number(parts.day),
    time: `${parts.hour}:${parts.minute}`,
    weekday: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(parts.weekday!),
  };
}

const zhWeekdays = ['日', '一', '二', '三', '四', '五', '六'];
const enMonths = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const enWeekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** A shift's time as people read it, in the organization's zone: 5月1日（周六）09:00–12:00. */
export function shiftTime(startsAt: Date, endsAt: Date, timeZone: string, lang: 'zh-CN' | 'en' = 'zh-CN') {
  const start = partsOf(startsAt, timeZone);
  const end = partsOf(endsAt, timeZone);
  const sameDay = start.month === end.month && start.day === end.day;
  if (lang === 'en') {
    const dayOf = (p: typeof start) => `${enWeekdays[p.weekday]} ${p.day} ${enMonths[p.month - 1]}`;
    return `${dayOf(start)}, ${start.time}–${sameDay ? '' : `${dayOf(end)}, `}${end.time}`;
  }
  const dayOf = (p: typeof start) => `${p.month}月${p.day}日（周${zhWeekdays[p.weekday]}）`;
  return `${dayOf(start)}${start.time}–${sameDay ? '' : dayOf(end)}${end.time}`;
}

/** 2 小时 30 分钟, as a volunteer's hours are spoken of. */
export function minutesText(minutes: number) {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} 分钟`;
  return rest === 0 ? `${hours} 小时` : `${hours} 小时 ${rest} 分钟`;
}
