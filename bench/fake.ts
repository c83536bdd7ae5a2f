/**
 * Deterministic fake Chinese supporters for benchmarks and demos: names weighted by surname
 * frequency, valid mobile numbers, real provinces and cities, emails, gifts. The same seed always
 * gives the same people, so runs compare.
 */
import { childDivisions } from '../packages/server/src/modules/geo/divisions.ts';
import { surnameShares } from '../packages/server/src/demo/names.ts';

/** mulberry32: a small, fast, seedable PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Surnames repeated by their share of the population, for uniform picking. */
export const surnames = surnameShares.flatMap(([s, w]) => Array<string>(Math.max(1, Math.round(w * 20))).fill(s));
export const givenChars = [
  ...'伟玮炜强磊军君俊洋阳勇杰洁涛韬明铭鸣超斌彬鹏朋辉慧惠华桦飞刚健波宇雨羽浩峰锋枫林东亮成龙平毅睿哲轩然航',
  ...'芳娜纳敏静靖丽莉俐艳娟霞玲琳燕婷庭雪颖莹英欣馨新怡仪佳嘉琪琦倩梅萍红丹晶菁妍萱诗涵彤悦瑶蕾璐薇月秀晨辰文雯子一思可安宁',
];
export const mobilePrefixes = [
  '130',
  '131',
  '132',
  '133',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '155',
  '157',
  '158',
  '159',
  '166',
  '176',
  '177',
  '180',
  '181',
  '182',
  '183',
  '186',
  '187',
  '188',
  '189',
  '199',
];
const places = childDivisions(null).flatMap((p) =>
  childDivisions(p.code).map((c) => ({ province: p.name, city: c.name })),
);
const channels = ['微信支付', '支付宝', '银行转账', '腾讯公益', '现金'];
const campaigns = ['乡村儿童阅读', '99公益日', '月捐计划', '助学金', '紧急救灾', ''];
const tagPool = ['月捐', '校友', '志愿者', '企业', '大额捐赠人', '99公益日'];
const mailHosts = ['qq.com', '163.com', '126.com', 'gmail.com', 'sina.com', 'foxmail.com'];

export interface FakeSupporter {
  name: string;
  phone: string;
  email: string;
  province: string;
  city: string;
  gender: string;
  tags: string;
  amount: string;
  date: string;
  channel: string;
  campaign: string;
  transactionId: string;
  smsConsent: string;
}

const pick = <T>(rnd: () => number, list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;

/** The phone of supporter number i: unique per i (up to 10^8 people), always a valid mobile number. */
export const fakePhone = (i: number) =>
  `${mobilePrefixes[i % mobilePrefixes.length]}${String((i * 7919) % 100_000_000).padStart(8, '0')}`;

export function fakeName(rnd: () => number): string {
  const given = rnd() < 0.25 ? pick(rnd, givenChars) : pick(rnd, givenChars) + pick(rnd, givenChars);
  return pick(rnd, surnames) + given;
}

/** Supporter i of a seeded population; 70% have a phone, 40% an email, 60% a gift. */
export function fakeSupporter(i: number, rnd: () => number): FakeSupporter {
  const place = pick(rnd, places);
  const hasGift = rnd() < 0.6;
  const day = new Date(Date.UTC(2023, 0, 1) + Math.floor(rnd() * 700) * 86_400_000).toISOString().slice(0, 10);
  const fen = 100 + Math.floor(rnd() * 100_000);
  const hasPhone = rnd() < 0.7;
  return {
    name: fakeName(rnd),
    phone: hasPhone ? fakePhone(i) : '',
    email: !hasPhone || rnd() < 0.3 ? `u${i}@${pick(rnd, mailHosts)}` : '',
    province: place.province,
    city: place.city,
    gender: pick(rnd, ['男', '女', '']),
    tags: rnd() < 0.3 ? [pick(rnd, tagPool), pick(rnd, tagPool)].join('，') : '',
    amount: hasGift ? `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}` : '',
    date: hasGift ? day : '',
    channel: hasGift ? pick(rnd, channels) : '',
    campaign: hasGift ? pick(rnd, campaigns) : '',
    transactionId: hasGift && rnd() < 0.5 ? `TX${String(i).padStart(10, '0')}` : '',
    smsConsent: pick(rnd, ['是', '否', '']),
  };
}

export const supporterHeaders = [
  '姓名',
  '手机',
  '邮箱',
  '省份',
  '城市',
  '性别',
  '标签',
  '捐赠金额',
  '捐赠日期',
  '渠道',
  '项目',
  '交易号',
  '同意接收短信',
];

export const supporterCells = (s: FakeSupporter) => [
  s.name,
  s.phone,
  s.email,
  s.province,
  s.city,
  s.gender,
  s.tags,
  s.amount,
  s.date,
  s.channel,
  s.campaign,
  s.transactionId,
  s.smsConsent,
];
