import { childDivisions, divisionAt, type Division, type DivisionLevel } from './divisions.ts';

export const regionLevels = ['province', 'city', 'district'] as const satisfies readonly DivisionLevel[];

/** A place picked down to a level: the province, then its city, then the city's district. */
export interface Region {
  provinceCode: string;
  cityCode: string | null;
  districtCode: string | null;
  /** The deepest code: what an answer keeps. */
  code: string;
  /** "四川省 成都市 武侯区" (a municipality is named once: "北京市 海淀区"). */
  label: string;
}

const choose = { province: 'choose a province', city: 'choose a city', district: 'choose a district' } as const;

/** The codes from the province down to the division with this code at this level, if there is one. */
function chainOf(code: string, level: DivisionLevel): string[] | undefined {
  const chain: string[] = [];
  for (let d = divisionAt(code, level); d;) {
    chain.unshift(d.code);
    const up = regionLevels[regionLevels.indexOf(d.level) - 1];
    d = d.parentCode && up ? divisionAt(d.parentCode, up) : undefined;
  }
  return chain.length ? chain : undefined;
}

/**
 * A place picked down to `level`, checked against the national division codes: either one deepest code
 * (what an API client sends) or the codes from the province down (the page's three linked selects). Each
 * code must be a child of the one before, and the place must reach the level asked for (a division
 * without children ends it sooner).
 */
export function pickRegion(given: string[], level: DivisionLevel): { region: Region } | { problem: string } {
  const depth = regionLevels.indexOf(level) + 1;
  // One code is the deepest, unless it is a province: then the page's other selects were left empty.
  const only = given.length === 1 ? given[0]! : undefined;
  const codes = only && !divisionAt(only, 'province') ? chainOf(only, level) : given;
  if (!codes) return { problem: `not a ${level}` };
  if (codes.length > depth) return { problem: choose[level] };
  const picked: Division[] = [];
  for (const [i, code] of codes.entries()) {
    const parent = i === 0 ? null : picked[i - 1]!.code;
    const division = childDivisions(parent).find((d) => d.code === code);
    if (!division) return { problem: i === 0 ? 'not a province' : `not in the ${regionLevels[i - 1]} chosen` };
    picked.push(division);
  }
  const last = picked[picked.length - 1]!;
  if (picked.length < depth && childDivisions(last.code).length > 0)
    return { problem: choose[regionLevels[picked.length]!] };
  const names = picked.map((d) => d.name).filter((name, i, all) => all.indexOf(name) === i);
  return {
    region: {
      provinceCode: picked[0]!.code,
      cityCode: picked[1]?.code ?? null,
      districtCode: picked[2]?.code ?? null,
      code: last.code,
      label: names.join(' '),
    },
  };
}
