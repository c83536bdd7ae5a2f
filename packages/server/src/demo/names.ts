import type { Random } from './random.ts';

// Surnames with their share of the population in percent (2020 census, rounded); the tail is
// spread evenly so that rarer names still appear.
export const surnameShares: (readonly [string, number])[] = [
  ['王', 7.1],
  ['李', 7.0],
  ['张', 6.7],
  ['刘', 5.4],
  ['陈', 4.6],
  ['杨', 3.1],
  ['黄', 2.2],
  ['赵', 2.0],
  ['吴', 1.9],
  ['周', 1.9],
  ['徐', 1.5],
  ['孙', 1.5],
  ['马', 1.3],
  ['朱', 1.2],
  ['胡', 1.2],
  ['郭', 1.1],
  ['何', 1.0],
  ['林', 1.0],
  ['高', 1.0],
  ['罗', 0.9],
  ['郑', 0.9],
  ['梁', 0.8],
  ['谢', 0.7],
  ['宋', 0.6],
  ['唐', 0.6],
  ['许', 0.6],
  ['韩', 0.6],
  ['冯', 0.5],
  ['邓', 0.5],
  ['曹', 0.5],
  ['彭', 0.5],
  ['曾', 0.5],
  ['肖', 0.5],
  ['田', 0.4],
  ['董', 0.4],
  ['袁', 0.4],
  ['潘', 0.4],
  ['于', 0.4],
  ['蒋', 0.4],
  ['蔡', 0.4],
  ['余', 0.4],
  ['杜', 0.4],
  ['叶', 0.4],
  ['程', 0.3],
  ['苏', 0.3],
  ['魏', 0.3],
  ['吕', 0.3],
  ['丁', 0.3],
  ['任', 0.3],
  ['沈', 0.3],
  ['姚', 0.3],
  ['卢', 0.3],
  ['姜', 0.3],
  ['崔', 0.3],
  ['钟', 0.3],
  ['谭', 0.3],
  ['陆', 0.3],
  ['汪', 0.3],
  ['范', 0.3],
  ['金', 0.3],
  ...[...'石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'].map(
    (s) => [s, 0.2] as const,
  ),
  ['欧阳', 0.05],
  ['司马', 0.01],
  ['诸葛', 0.01],
  ['上官', 0.01],
];

const maleChars = [...'伟强磊军洋勇杰涛明超斌鹏辉华飞刚健波宇浩俊凯鑫晨博文建国志海峰林东亮成龙平毅睿哲轩然航'];
const femaleChars = [...'芳娜敏静丽艳娟霞玲燕婷雪慧琳颖欣怡佳倩梅莉萍红丹晶妍雨萱诗涵彤悦琪瑶蕾璐薇月秀英'];
const neutralChars = [...'子一梓思嘉雨晓欣可安宁佳文'];

export type Gender = 'male' | 'female';

/** A person's name: a frequency-weighted surname and a one- or two-character given name. */
export function personName(random: Random, gender: Gender): string {
  const surname = random.weighted(surnameShares);
  const chars = gender === 'male' ? maleChars : femaleChars;
  if (random.chance(0.3)) return surname + random.pick(chars);
  const first = random.chance(0.3) ? random.pick(neutralChars) : random.pick(chars);
  let second = random.pick(chars);
  while (second === first) second = random.pick(chars);
  return surname + first + second;
}

const companyWords = [...'宏远华信鼎盛恒通博雅嘉禾新锐瑞丰金桥绿源'].flatMap((a, i, all) =>
  all.filter((_, j) => j !== i && j % 3 === i % 3).map((b) => a + b),
);
const companyTrades = ['科技', '贸易', '食品', '建设', '文化传媒', '医药', '物流', '教育科技', '环保科技', '电子'];
const foundationWords = ['春晖', '明德', '同心', '晨曦', '善源', '和润', '星火', '益路'];
const foundationFields = ['教育', '慈善', '公益', '助学', '社会福利', '乡村发展'];
const mediaNames = ['晨光日报', '城市之声电台', '公益时讯', '新青年周刊', '山海视频'];

export type OrgKind = 'company' | 'foundation' | 'media';

/** A fictional company, foundation or media outlet, named after its city as they usually are. */
export function organizationName(random: Random, kind: OrgKind, cityName: string): string {
  const city = cityName.replace(/市$/, '');
  if (kind === 'media') return random.pick(mediaNames);
  if (kind === 'foundation') return `${city}市${random.pick(foundationWords)}${random.pick(foundationFields)}基金会`;
  return `${city}${random.pick(companyWords)}${random.pick(companyTrades)}有限公司`;
}

// Mobile number segments of the three carriers (and 19x/16x virtual segments).
const mobilePrefixes = [
  '130',
  '131',
  '132',
  '133',
  '134',
  '135',
  '136',
  '137',
  '138',
  '139',
  '147',
  '150',
  '151',
  '152',
  '153',
  '155',
  '156',
  '157',
  '158',
  '159',
  '166',
  '173',
  '175',
  '176',
  '177',
  '178',
  '180',
  '181',
  '182',
  '183',
  '184',
  '185',
  '186',
  '187',
  '188',
  '189',
  '191',
  '193',
  '195',
  '198',
  '199',
];

/** A mainland mobile number in E.164: +86 1[3-9]x xxxx xxxx. */
export const mobileNumber = (random: Random) => `+86${random.pick(mobilePrefixes)}${random.digits(8)}`;

const mailDomains: (readonly [string, number])[] = [
  ['qq.com', 45],
  ['163.com', 25],
  ['126.com', 10],
  ['outlook.com', 6],
  ['gmail.com', 4],
  ['sina.com', 5],
  ['foxmail.com', 5],
];

/** An address in the style people actually use: pinyin plus digits, or a QQ number. */
export function emailFor(random: Random, pinyin: string): string {
  const domain = random.weighted(mailDomains);
  if (domain === 'qq.com' && random.chance(0.5)) return `${random.int(10_000_000, 2_999_999_999)}@qq.com`;
  const suffix = random.chance(0.6) ? String(random.int(1, 9999)) : '';
  return `${pinyin || 'user'}${suffix}@${domain}`;
}

export const wechatIdFor = (random: Random, pinyin: string) =>
  random.chance(0.4)
    ? `wxid_${random.digits(4)}${pinyin.slice(0, 6)}${random.digits(2)}`
    : `${pinyin.slice(0, 12)}_${random.digits(3)}`;
