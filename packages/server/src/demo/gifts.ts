import { between, chinaTime, DAY_MS, giftMoment, yearOf, type Season } from './calendar.ts';
import type { Random } from './random.ts';

/** How a supporter gives; the mix makes LYBUNT, SYBUNT, monthly and major-donor reports meaningful. */
export type DonorProfile =
  'monthly' | 'loyal' | 'lybunt' | 'sybunt' | 'new' | 'occasional' | 'major' | 'company' | 'foundation' | 'none';

export const channels = ['微信支付', '支付宝', '银行转账', '腾讯公益', '现金'] as const;
export const IN_KIND_CHANNEL = '物资捐赠';
export const READING = '乡村儿童阅读计划';
export const FLOOD = '抗洪救灾';
export const SCHOLARSHIP = '春苗助学金';

export interface DemoGift {
  contact: number;
  kind: 'money' | 'in_kind';
  amount: number; // fen
  currency: string;
  receivedAt: Date;
  channel: string;
  campaign: string | null;
  fund: string | null;
  paymentReference: string | null;
  inKindDescription: string | null;
  externalId: string | null;
  source: string;
}

const yuan = (n: number) => Math.round(n * 100);

// Small gifts cluster on round and lucky numbers; 9.9 and 99 are WeChat-era favourites.
const smallAmounts: (readonly [number, number])[] = [
  [1, 3],
  [9.9, 4],
  [10, 10],
  [20, 10],
  [30, 6],
  [50, 14],
  [66, 3],
  [88, 3],
  [99, 5],
  [100, 16],
  [200, 10],
  [300, 3],
  [500, 7],
  [1000, 4],
  [2000, 1.5],
  [5000, 0.5],
];

const inKindItems = [
  ['儿童图书 500 册', 15_000],
  ['冬衣 200 件', 24_000],
  ['矿泉水 300 箱', 9_000],
  ['书包文具 150 套', 12_000],
  ['笔记本电脑 10 台', 45_000],
  ['大米 2 吨', 11_000],
  ['冲锋舟 2 艘', 60_000],
  ['药品一批', 30_000],
] as const;

const campaignFor = (season: Season, year: number, random: Random): string | null => {
  if (season === '99') return `${year} 99公益日`;
  if (season === 'flood') return FLOOD;
  if (season === 'year_end') return random.chance(0.6) ? `${year} 年终感恩季` : READING;
  return random.weighted([
    [READING, 4],
    [SCHOLARSHIP, 2],
    [null, 5],
  ] as const);
};

export interface GiftContext {
  random: Random;
  from: Date;
  today: Date;
  floodYear: number;
  nextRef: () => number;
  /** Memo of yearShare, by year. */
  shares: Record<number, number>;
}

/** The part of a calendar year inside [from, today]: the first and current years get a share of gifts. */
function yearShare(ctx: GiftContext, y: number): number {
  const start = Math.max(ctx.from.getTime(), chinaTime(y, 1, 1, 0).getTime());
  const end = Math.min(ctx.today.getTime(), chinaTime(y + 1, 1, 1, 0).getTime());
  return Math.max(0, end - start) / (chinaTime(y + 1, 1, 1, 0).getTime() - chinaTime(y, 1, 1, 0).getTime());
}

function reference(
  ctx: GiftContext,
  channel: string,
  at: Date,
): Pick<DemoGift, 'paymentReference' | 'externalId' | 'source'> {
  const { random } = ctx;
  const n = ctx.nextRef();
  const ymd = new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '');
  switch (channel) {
    case '腾讯公益':
      return {
        paymentReference: null,
        externalId: `tencent-gongyi:${ymd}${String(n).padStart(8, '0')}`,
        source: 'import',
      };
    case '微信支付':
      return {
        paymentReference: `4200${random.digits(6)}${ymd}${String(n).padStart(10, '0')}`,
        externalId: null,
        source: 'manual',
      };
    case '支付宝':
      return {
        paymentReference: `${ymd}2200${random.digits(4)}${String(n).padStart(8, '0')}`,
        externalId: null,
        source: 'manual',
      };
    case '银行转账':
      return { paymentReference: `BANK-${ymd}-${String(n).padStart(6, '0')}`, externalId: null, source: 'manual' };
    default:
      return { paymentReference: `XJ-${ymd}-${String(n).padStart(5, '0')}`, externalId: null, source: 'manual' };
  }
}

// Gifts to a standing programme are designated to its project (the demo's projects carry these names);
// other campaign gifts are restricted, the rest unrestricted.
const fundOf = (campaign: string | null) =>
  campaign === READING || campaign === SCHOLARSHIP ? campaign : campaign ? '限定性' : '非限定性';

function moneyGift(
  ctx: GiftContext,
  contact: number,
  at: Date,
  season: Season,
  amount: number,
  channel: string,
): DemoGift {
  const campaign = campaignFor(season, yearOf(at), ctx.random);
  return {
    contact,
    kind: 'money',
    amount,
    currency: 'CNY',
    receivedAt: at,
    channel,
    campaign,
    fund: fundOf(campaign),
    inKindDescription: null,
    ...reference(ctx, channel, at),
  };
}

function smallGift(ctx: GiftContext, contact: number, year: number): DemoGift {
  const { random } = ctx;
  const { at, season } = giftMoment(random, year, ctx.from, ctx.today, ctx.floodYear);
  const channel =
    season === '99'
      ? random.chance(0.85)
        ? '腾讯公益'
        : '微信支付'
      : random.weighted([
          ['微信支付', 45],
          ['支付宝', 25],
          ['腾讯公益', 15],
          ['银行转账', 8],
          ['现金', 7],
        ] as const);
  const amount = random.chance(0.05) ? random.int(100, 50_000) : yuan(random.weighted(smallAmounts));
  return moneyGift(ctx, contact, at, season, amount, channel);
}

const yearsBetween = (from: Date, to: Date) => {
  const years: number[] = [];
  for (let y = yearOf(from); y <= yearOf(to); y++) years.push(y);
  return years;
};

/** The gift history of one contact over the three years before `today`. */
export function giftsFor(ctx: GiftContext, contact: number, profile: DonorProfile): DemoGift[] {
  const { random, today } = ctx;
  const thisYear = yearOf(today);
  const years = yearsBetween(ctx.from, today);
  // The first and the current year are partly outside the window; they get their share of gifts.
  const share = (y: number) => (ctx.shares[y] ??= yearShare(ctx, y));
  const some = (ys: number[], min: number, max: number) =>
    ys.flatMap((y) =>
      Array.from({ length: random.int(min, max) }, () => y)
        .filter(() => random.chance(share(y)))
        .map(() => smallGift(ctx, contact, y)),
    );
  switch (profile) {
    case 'monthly': {
      const amount = yuan(
        random.weighted([
          [30, 3],
          [50, 4],
          [100, 4],
          [200, 1],
        ] as const),
      );
      const start = between(random, ctx.from, new Date(today.getTime() - 60 * DAY_MS));
      // A quarter of monthly donors stop: they show up as lapsed in LYBUNT and SYBUNT.
      const stop = random.chance(0.25) ? between(random, start, today) : today;
      const day = random.int(1, 28);
      const gifts: DemoGift[] = [];
      for (let m = 0; ; m++) {
        const s = new Date(start.getTime() + 8 * 3_600_000);
        const at = chinaTime(s.getUTCFullYear(), s.getUTCMonth() + 1 + m, day, 9, 30);
        if (at > stop) break;
        if (at < start) continue;
        gifts.push({
          ...moneyGift(ctx, contact, at, 'ordinary', amount, '微信支付'),
          campaign: '月捐',
          fund: '非限定性',
        });
      }
      return gifts;
    }
    case 'loyal':
      return some(years, 1, 3);
    case 'lybunt':
      return [
        ...some(
          years.filter((y) => y < thisYear - 1),
          0,
          2,
        ),
        ...some([thisYear - 1], 1, 2),
      ];
    case 'sybunt':
      return some(
        years.filter((y) => y < thisYear - 1),
        1,
        2,
      );
    case 'new':
      return random.chance(share(thisYear))
        ? some([thisYear], 1, 2)
            .concat(smallGift(ctx, contact, thisYear))
            .slice(0, 2)
        : [];
    case 'occasional':
      return [smallGift(ctx, contact, yearOf(between(random, ctx.from, today)))];
    case 'major':
      return years
        .filter(() => random.chance(0.7))
        .map((y) => {
          const { at, season } = giftMoment(random, y, ctx.from, today, ctx.floodYear);
          return moneyGift(
            ctx,
            contact,
            at,
            season,
            yuan(random.pick([10_000, 20_000, 50_000, 100_000, 200_000])),
            '银行转账',
          );
        });
    case 'company':
      return years
        .filter(() => random.chance(0.6))
        .map((y) => {
          const { at, season } = giftMoment(random, y, ctx.from, today, ctx.floodYear);
          if (random.chance(0.3)) {
            const [description, value] = random.pick(inKindItems);
            return {
              ...moneyGift(ctx, contact, at, season, yuan(value), IN_KIND_CHANNEL),
              kind: 'in_kind' as const,
              inKindDescription: description,
              paymentReference: null,
            };
          }
          return moneyGift(
            ctx,
            contact,
            at,
            season,
            yuan(random.pick([5_000, 10_000, 30_000, 50_000, 100_000])),
            '银行转账',
          );
        });
    case 'foundation':
      return years.flatMap((y) => {
        // Grants are decided in spring; a year whose spring is outside the window has none.
        const start = new Date(Math.max(ctx.from.getTime(), chinaTime(y, 3, 1).getTime()));
        const end = new Date(Math.min(today.getTime(), chinaTime(y, 6, 30).getTime()));
        if (start > end || !random.chance(0.5)) return [];
        const at = between(random, start, end);
        const amount = yuan(random.pick([100_000, 200_000, 300_000, 500_000]));
        return [{ ...moneyGift(ctx, contact, at, 'ordinary', amount, '银行转账'), campaign: READING, fund: READING }];
      });
    case 'none':
      return [];
  }
}
