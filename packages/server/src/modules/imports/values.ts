export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = (reason: string): Parsed<never> => ({ ok: false, reason });

/**
 * Money text to integer minor units without floating point: "1,234.5" yuan -> 123450 fen.
 * Accepts ¥/￥/元/RMB/CNY decorations and full-width digits.
 */
export function parseAmount(raw: string, unit: 'yuan' | 'fen'): Parsed<number> {
  const text = raw.normalize('NFKC').replace(/[\s,¥$]|元|rmb|cny/gi, '');
  const match = /^(\d+)(?:\.(\d{0,2}))?$/.exec(text);
  if (!match || (unit === 'fen' && match[2] !== undefined)) {
    const hint = unit === 'fen' ? 'a whole number of fen (分)' : 'an amount in yuan like 100 or 99.50';
    return bad(/^-/.test(text) ? `"${raw}" is negative; amounts must be more than 0` : `"${raw}" is not ${hint}`);
  }
  const minor = unit === 'fen' ? Number(match[1]) : Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  if (!Number.isSafeInteger(minor) || minor > 1e15) return bad(`"${raw}" is too large`);
  if (minor === 0) return bad('the amount is 0');
  return ok(minor);
}

const pad = (n: number) => String(n).padStart(2, '0');
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/**
 * A date or date-time as written in a spreadsheet, kept as wall-clock text "YYYY-MM-DD HH:MM:SS" (the
 * organization's time zone is applied by the database). Accepts 2024-01-05, 2024/1/5, 2024.1.5,
 * 2024年1月5日, 20240105, ISO timestamps with an offset, and Excel serial day numbers.
 */
export function parseDate(raw: string): Parsed<string> {
  const text = raw.normalize('NFKC').trim();
  let m =
    /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]+(\d{1,2})[:时](\d{1,2})(?:[:分](\d{1,2})(?:\.\d+)?秒?)?)?$/.exec(
      text,
    );
  m ??= /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (m) {
    const [y, mo, d, h = 0, mi = 0, s = 0] = m
      .slice(1)
      .map((v) => (v === undefined ? undefined : Number(v))) as number[];
    if (
      mo! < 1 ||
      mo! > 12 ||
      d! < 1 ||
      d! > daysIn(y!, mo!) ||
      h > 23 ||
      mi > 59 ||
      s > 59 ||
      y! < 1900 ||
      y! > 2200
    ) {
      return bad(`"${raw}" is not a real date`);
    }
    return ok(`${y}-${pad(mo!)}-${pad(d!)} ${pad(h)}:${pad(mi)}:${pad(s)}`);
  }
  if (/^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:?\d{2})$/.test(text)) {
    const date = new Date(text);
    if (Number.isNaN(date.getTime())) return bad(`"${raw}" is not a real date`);
    // An explicit offset is converted to UTC and marked, so the database does not re-interpret it.
    return ok(`${date.toISOString().slice(0, 19).replace('T', ' ')}Z`);
  }
  if (/^\d{5}(\.\d+)?$/.test(text)) {
    const serial = Number(text);
    if (serial > 20_000 && serial < 80_000) {
      const date = new Date(Date.UTC(1899, 11, 30) + Math.round(serial * 86_400_000));
      return ok(date.toISOString().slice(0, 19).replace('T', ' '));
    }
  }
  return bad(`"${raw}" is not a date (write it like 2024-01-05)`);
}

const yes = new Set(['是', '同意', '接受', '接收', '订阅', 'y', 'yes', 'true', '1', '√', '✓', '✔', 'x', '已同意']);
const no = new Set(['否', '不同意', '不接受', '不接收', '拒绝', '退订', 'n', 'no', 'false', '0', '×', '✗', '未同意']);

/** 是/否, yes/no, 1/0, √ and the like; an empty cell records nothing. */
export function parseConsent(raw: string): Parsed<'granted' | 'withdrawn' | null> {
  const text = raw.normalize('NFKC').trim().toLowerCase();
  if (!text) return ok(null);
  if (yes.has(text)) return ok('granted');
  if (no.has(text)) return ok('withdrawn');
  return bad(`"${raw}" is neither yes (是) nor no (否)`);
}

/** "月捐, 志愿者；校友" -> ["月捐", "志愿者", "校友"]. */
export const splitTags = (raw: string) => [
  ...new Set(
    raw
      .normalize('NFKC')
      .split(/[,，;；、|]/)
      .map((t) => t.trim())
      .filter((t) => t.length > 0 && t.length <= 50),
  ),
];
