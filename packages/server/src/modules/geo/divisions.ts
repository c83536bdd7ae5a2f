import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export type DivisionLevel = 'province' | 'city' | 'district';

export interface Division {
  code: string; // 6 digits
  name: string;
  level: DivisionLevel;
  parentCode: string | null;
}

const dataDir = (file: string) => fileURLToPath(new URL(`./data/${file}`, import.meta.url));
const pad = (code: string) => code.padEnd(6, '0');

function readCsv(file: string): string[][] {
  return readFileSync(dataDir(file), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(',').map((cell) => cell.replace(/^"|"$/g, '')));
}

function load(): Division[] {
  const provinces = readCsv('provinces.csv').map(([code, name]) => ({
    code: pad(code!),
    name: name!,
    level: 'province' as const,
    parentCode: null,
  }));
  const cities = readCsv('cities.csv').map(([code, name, province]) => ({
    code: pad(code!),
    // Municipalities list their districts under a "市辖区" city; name it after the province instead.
    name: name === '市辖区' || name === '县' ? provinces.find((p) => p.code === pad(province!))!.name : name!,
    level: 'city' as const,
    parentCode: pad(province!),
  }));
  const districts = readCsv('areas.csv').map(([code, name, city]) => ({
    code: code!,
    name: name!,
    level: 'district' as const,
    parentCode: pad(city!),
  }));
  return [...provinces, ...cities, ...districts];
}

const all = load();
const byCode = new Map(all.map((d) => [d.code, d]));
// 东莞, 中山 and 儋州 have no districts: each is listed again as the one "district" of itself, under
// the same code, so a code alone does not say the level.
const byLevelAndCode = new Map(all.map((d) => [`${d.level}:${d.code}`, d]));
const children = new Map<string | null, Division[]>();
for (const d of all) children.set(d.parentCode, [...(children.get(d.parentCode) ?? []), d]);

const suffixes = /(省|市|自治区|特别行政区|壮族|回族|维吾尔|自治州|地区|盟|区|县|自治县|旗)+$/;
/** "四川省" and "四川" are the same place; so are "广西壮族自治区" and "广西". */
export const shortName = (name: string) => {
  const trimmed = name.trim();
  const short = trimmed.replace(suffixes, '');
  return short.length >= 2 ? short : trimmed;
};

export const divisionByCode = (code: string): Division | undefined => byCode.get(code);

/** The division with this code at this level (东莞's 441900 is both a city and its own district). */
export const divisionAt = (code: string, level: DivisionLevel): Division | undefined =>
  byLevelAndCode.get(`${level}:${code}`);

export const childDivisions = (parentCode: string | null): Division[] => children.get(parentCode) ?? [];

/** Finds a division by name under a parent (or among provinces), accepting short names. */
export function findDivision(name: string, parentCode: string | null): Division | undefined {
  const candidates = childDivisions(parentCode);
  const wanted = name.trim();
  if (!wanted) return undefined;
  return (
    candidates.find((d) => d.name === wanted) ??
    candidates.find((d) => shortName(d.name) === shortName(wanted)) ??
    candidates.find((d) => d.name.startsWith(wanted) && wanted.length >= 2)
  );
}

export interface ResolvedPlace {
  provinceCode: string | null;
  cityCode: string | null;
  districtCode: string | null;
}

/**
 * Resolves free-text province, city and district names (as found in spreadsheets) to division
 * codes. A district name alone is enough when it is unique within the given province or city.
 */
export function resolvePlace(input: {
  province?: string | null;
  city?: string | null;
  district?: string | null;
}): ResolvedPlace {
  const province = input.province ? findDivision(input.province, null) : undefined;
  let city = input.city && province ? findDivision(input.city, province.code) : undefined;
  if (!city && input.city && !province) {
    city = all.find((d) => d.level === 'city' && shortName(d.name) === shortName(input.city!));
  }
  const district = input.district && city ? findDivision(input.district, city.code) : undefined;
  const provinceCode = province?.code ?? city?.parentCode ?? null;
  return { provinceCode, cityCode: city?.code ?? null, districtCode: district?.code ?? null };
}

/** "四川省 成都市 武侯区" for display. */
export function placeLabel(codes: Partial<ResolvedPlace>): string {
  return [codes.provinceCode, codes.cityCode, codes.districtCode]
    .map((c) => (c ? byCode.get(c)?.name : undefined))
    .filter((name, i, names) => name && names.indexOf(name) === i)
    .join(' ');
}

/** Province division code from a USCC (characters 3-8 are the registering place's division code). */
export const provinceOfUscc = (uscc: string) => byCode.get(`${uscc.slice(2, 4)}0000`);
