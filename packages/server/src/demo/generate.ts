import type { contacts } from '../modules/contacts/tables.ts';
import { pinyinKeys } from '../modules/contacts/normalize.ts';
import { childDivisions, divisionByCode, shortName } from '../modules/geo/divisions.ts';
import { between, DAY_MS, yearOf } from './calendar.ts';
import { giftsFor, type DemoGift, type DonorProfile } from './gifts.ts';
import {
  emailFor,
  mobileNumber,
  organizationName,
  personName,
  wechatIdFor,
  type Gender,
  type OrgKind,
} from './names.ts';
import { seededRandom, type Random } from './random.ts';
import { consentsFor, timelineFor, type DemoActivity, type DemoConsent, type DemoNote } from './timeline.ts';

export type { DemoGift } from './gifts.ts';
export type { DemoActivity, DemoConsent, DemoNote } from './timeline.ts';

export const DEMO_SEED = 20250907;
export const DEMO_CONTACTS = 3000;

export type DemoContact = Omit<typeof contacts.$inferInsert, 'orgId' | 'id' | 'mergedIntoId' | 'erasedAt'>;

export interface DemoOptions {
  /** Gifts and timelines reach back three years from this day. */
  today: Date;
  seed?: number;
  contacts?: number;
}

/** Everything the demo organization holds, as plain rows. References are indexes into the lists. */
export interface DemoData {
  staff: { email: string; name: string; role: 'admin' | 'fundraiser' | 'coordinator' | 'viewer' }[];
  tags: { name: string; color: string }[];
  customFields: {
    key: string;
    label: string;
    type: 'text' | 'number' | 'date' | 'boolean' | 'select' | 'multiselect';
    options: string[];
  }[];
  contacts: DemoContact[];
  contactTags: { contact: number; tag: number }[];
  relationships: {
    contact: number;
    related: number;
    type: 'household' | 'spouse' | 'parent' | 'child' | 'employer';
    note: string | null;
  }[];
  notes: DemoNote[];
  activities: DemoActivity[];
  gifts: DemoGift[];
  consents: DemoConsent[];
}

export const demoStaff: DemoData['staff'] = [
  { email: 'chen.jing@demo.commonweal.local', name: '陈静', role: 'admin' },
  { email: 'wang.lei@demo.commonweal.local', name: '王磊', role: 'fundraiser' },
  { email: 'liu.fang@demo.commonweal.local', name: '刘芳', role: 'coordinator' },
  { email: 'zhao.min@demo.commonweal.local', name: '赵敏', role: 'viewer' },
];

const tagList = [
  ['月捐', 'green'],
  ['志愿者', 'blue'],
  ['企业捐赠', 'purple'],
  ['大额捐赠', 'gold'],
  ['理事会', 'red'],
  ['媒体', 'cyan'],
  ['99公益日', 'orange'],
  ['需回访', 'magenta'],
  ['校友', 'geekblue'],
  ['基金会伙伴', 'lime'],
] as const;
const TAG = Object.fromEntries(tagList.map(([name], i) => [name, i])) as Record<(typeof tagList)[number][0], number>;

const occupations = ['教师', '医生', '工程师', '学生', '公务员', '自由职业', '企业管理者', '退休', '设计师', '律师'];
const interests = ['儿童教育', '乡村发展', '环境保护', '灾害救援', '助老', '医疗救助'];

export const demoCustomFields: DemoData['customFields'] = [
  { key: 'occupation', label: '职业', type: 'select', options: occupations },
  { key: 'interests', label: '关注领域', type: 'multiselect', options: interests },
  { key: 'volunteer_hours', label: '志愿服务时长（小时）', type: 'number', options: [] },
  { key: 'birthday', label: '生日', type: 'date', options: [] },
  { key: 'receipt_needed', label: '需要捐赠票据', type: 'boolean', options: [] },
];

// Where supporters live: the organization is in Chengdu, and the rest follow population.
const provinceWeights: Record<string, number> = {
  '510000': 30,
  '440000': 10,
  '110000': 7,
  '310000': 7,
  '330000': 6,
  '320000': 6,
  '370000': 5,
  '410000': 4,
  '500000': 6,
  '420000': 4,
  '430000': 4,
  '610000': 3,
};
const provinces = childDivisions(null).map((p) => [p.code, provinceWeights[p.code] ?? 1] as const);

function place(random: Random): Pick<DemoContact, 'provinceCode' | 'cityCode' | 'districtCode'> {
  if (random.chance(0.12)) return { provinceCode: null, cityCode: null, districtCode: null };
  const provinceCode = random.weighted(provinces);
  const cities = childDivisions(provinceCode);
  // Half of Sichuan's supporters are in Chengdu itself.
  const city = provinceCode === '510000' && random.chance(0.5) ? divisionByCode('510100')! : random.pick(cities);
  if (random.chance(0.1)) return { provinceCode, cityCode: city.code, districtCode: null };
  // Cities without districts (东莞, 中山…) list themselves as their only area; keep the city alone.
  const districts = childDivisions(city.code).filter((d) => d.code !== city.code);
  return { provinceCode, cityCode: city.code, districtCode: districts.length ? random.pick(districts).code : null };
}

const profiles: (readonly [DonorProfile, number])[] = [
  ['monthly', 8],
  ['loyal', 10],
  ['lybunt', 12],
  ['sybunt', 12],
  ['new', 8],
  ['occasional', 20],
  ['major', 2],
  ['none', 28],
];

function cityLabel(cityCode: string | null | undefined, provinceCode: string | null | undefined): string {
  const city = cityCode ? divisionByCode(cityCode) : undefined;
  const name =
    city && !city.name.includes('直辖') ? city.name : provinceCode ? divisionByCode(provinceCode)!.name : '成都市';
  return shortName(name);
}

/** A deterministic, realistic zh-CN supporter database: the same options give the same rows. */
export function generateDemoData(options: DemoOptions): DemoData {
  const random = seededRandom(options.seed ?? DEMO_SEED);
  const total = options.contacts ?? DEMO_CONTACTS;
  const today = options.today;
  const from = new Date(today.getTime() - 3 * 365 * DAY_MS);
  let ref = 0;
  const giftCtx = { random, from, today, floodYear: yearOf(today) - 1, nextRef: () => ++ref, shares: {} };
  const data: DemoData = {
    staff: demoStaff,
    tags: tagList.map(([name, color]) => ({ name, color })),
    customFields: demoCustomFields,
    contacts: [],
    contactTags: [],
    relationships: [],
    notes: [],
    activities: [],
    gifts: [],
    consents: [],
  };
  const tag = (contact: number, t: number) => data.contactTags.push({ contact, tag: t });
  const companies: number[] = [];
  const people: { index: number; gender: Gender }[] = [];

  const orgCount = Math.max(3, Math.round(total * 0.07));
  for (let i = 0; i < total; i++) {
    const isOrg = i < orgCount;
    const orgKind: OrgKind = random.weighted([
      ['company', 75],
      ['foundation', 17],
      ['media', 8],
    ] as const);
    const gender: Gender = random.chance(0.56) ? 'female' : 'male';
    const where = place(random);
    const name = isOrg
      ? organizationName(random, orgKind, cityLabel(where.cityCode, where.provinceCode))
      : personName(random, gender);
    const keys = pinyinKeys(name);
    const contact = data.contacts.length;
    const profile: DonorProfile = isOrg ? (orgKind === 'media' ? 'none' : orgKind) : random.weighted(profiles);
    const c: DemoContact = {
      kind: isOrg ? 'organization' : 'person',
      name,
      namePinyin: keys.pinyin,
      nameInitials: keys.initials,
      ...where,
      gender: isOrg ? null : random.chance(0.9) ? gender : null,
      phone: isOrg
        ? random.chance(0.5)
          ? mobileNumber(random)
          : null
        : random.chance(0.85)
          ? mobileNumber(random)
          : null,
      email: random.chance(isOrg ? 0.8 : 0.35) ? emailFor(random, keys.pinyin) : null,
      wechatId: !isOrg && random.chance(0.45) ? wechatIdFor(random, keys.pinyin) : null,
      category: isOrg
        ? { company: '企业', foundation: '基金会', media: '媒体' }[orgKind]
        : profile === 'none'
          ? '潜在支持者'
          : '个人捐赠人',
      custom: {},
      source: random.weighted([
        ['腾讯公益', 3],
        ['线下活动', 3],
        ['官网表单', 2],
        ['朋友介绍', 2],
        ['历史导入', 2],
      ] as const),
    };
    if (c.email && isOrg) c.email = `contact${contact}@${keys.initials || 'org'}${contact}.com.cn`;
    if (!isOrg) {
      c.custom = {
        ...(random.chance(0.6) ? { occupation: random.pick(occupations) } : {}),
        ...(random.chance(0.4) ? { interests: [...new Set([random.pick(interests), random.pick(interests)])] } : {}),
        ...(random.chance(0.2)
          ? {
              birthday: `${random.int(1955, 2004)}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`,
            }
          : {}),
      };
    }
    const gifts = giftsFor(giftCtx, contact, profile).sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime());
    const firstGift = gifts[0]?.receivedAt;
    const createdAt = firstGift
      ? new Date(Math.max(from.getTime() - 180 * DAY_MS, firstGift.getTime() - random.int(0, 30) * DAY_MS))
      : between(random, new Date(from.getTime() - 180 * DAY_MS), today);
    c.createdAt = createdAt;
    const indexed = gifts.map((gift) => ({ gift, index: data.gifts.push(gift) - 1 }));
    const { notes, activities } = timelineFor(random, contact, createdAt, today, indexed, data.staff.length);
    c.updatedAt = activities.reduce((latest, a) => (a.at > latest ? a.at : latest), createdAt);
    data.notes.push(...notes);
    data.activities.push(...activities);
    data.consents.push(
      ...consentsFor(random, contact, { phone: !!c.phone, email: !!c.email, wechat: !!c.wechatId }, createdAt, today),
    );
    data.contacts.push(c);

    if (profile === 'monthly') tag(contact, TAG.月捐);
    if (profile === 'major' || gifts.some((g) => g.amount >= 1_000_000)) tag(contact, TAG.大额捐赠);
    if (profile === 'company') tag(contact, TAG.企业捐赠);
    if (profile === 'foundation') tag(contact, TAG.基金会伙伴);
    if (orgKind === 'media' && isOrg) tag(contact, TAG.媒体);
    if (gifts.some((g) => g.campaign?.endsWith('99公益日'))) tag(contact, TAG['99公益日']);
    if (!isOrg && random.chance(0.12)) {
      tag(contact, TAG.志愿者);
      c.custom = { ...c.custom, volunteer_hours: random.int(2, 400) };
    }
    if (!isOrg && random.chance(0.05)) tag(contact, TAG.需回访);
    if (!isOrg && random.chance(0.04)) tag(contact, TAG.校友);
    if ((profile === 'major' || profile === 'company') && random.chance(0.5))
      c.custom = { ...c.custom, receipt_needed: true };
    if (isOrg && orgKind === 'company') companies.push(contact);
    if (!isOrg) people.push({ index: contact, gender });
  }

  // The board: seven people, chosen among major and loyal donors first.
  const major = new Set(data.contactTags.filter((t) => t.tag === TAG.大额捐赠).map((t) => t.contact));
  for (const { index } of people.filter((p) => major.has(p.index)).slice(0, 7)) tag(index, TAG.理事会);
  relate(random, data, people, companies);
  addDuplicates(
    random,
    data,
    people.map((p) => p.index),
    today,
  );
  return data;
}

/** Households (spouses, parents and children) and employers. */
function relate(random: Random, data: DemoData, people: { index: number; gender: Gender }[], companies: number[]) {
  const shuffled = people.filter(() => random.chance(0.2));
  for (let i = 0; i + 1 < shuffled.length; i += 2) {
    const [a, b] = [shuffled[i]!, shuffled[i + 1]!];
    const spouses = a.gender !== b.gender && random.chance(0.7);
    data.relationships.push({
      contact: a.index,
      related: b.index,
      type: spouses ? 'spouse' : 'household',
      note: spouses ? null : '同住家庭成员',
    });
    if (random.chance(0.2)) data.relationships.push({ contact: a.index, related: b.index, type: 'parent', note: null });
  }
  if (companies.length === 0) return;
  const titles = ['市场部经理', '社会责任负责人', '总经理', '行政主管', '工程师', '财务总监'];
  for (const { index } of people) {
    if (random.chance(0.1))
      data.relationships.push({
        contact: index,
        related: random.pick(companies),
        type: 'employer',
        note: random.pick(titles),
      });
  }
}

/** About one percent of people are entered twice, as imports and forms really do, for the duplicates queue. */
function addDuplicates(random: Random, data: DemoData, people: number[], today: Date) {
  const count = Math.round(people.length * 0.01);
  for (let i = 0; i < count; i++) {
    const original = data.contacts[random.pick(people)]!;
    data.contacts.push({
      ...original,
      email: random.chance(0.5) ? null : original.email,
      phone: random.chance(0.3) ? null : original.phone,
      wechatId: null,
      source: '历史导入',
      custom: {},
    });
    const c = data.contacts.length - 1;
    const createdAt = between(random, original.createdAt as Date, today);
    Object.assign(data.contacts[c]!, { createdAt, updatedAt: createdAt });
    data.activities.push({
      contact: c,
      at: data.contacts[c]!.createdAt as Date,
      type: 'created',
      summary: '从表格导入',
      data: {},
    });
  }
}
