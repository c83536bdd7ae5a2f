import { pickRegion, regionLevels, type Region } from '../geo/region.ts';
import type { Answer } from './answers.ts';
import type { FieldDef } from './schemas.ts';

/**
 * The place a region answer (its deepest code) stands for, read at the question's level first: staff may
 * have changed the level since, and 东莞's 441900 is a city or its own district depending on the level.
 */
export function regionOfAnswer(code: string, level: FieldDef['level']): Region | undefined {
  for (const at of [level ?? 'district', ...regionLevels]) {
    const picked = pickRegion([code], at);
    if ('region' in picked) return picked.region;
  }
  return undefined;
}

/** The contact's place from the answers: a region question fills province, city and district; a province question the province. */
export function placeOf(fields: FieldDef[], answers: Record<string, Answer>) {
  const field = fields.find((f) => f.mapTo === 'region' || f.mapTo === 'province');
  const answer = field ? answers[field.key] : undefined;
  if (!field || typeof answer !== 'string' || !answer) return {};
  if (field.type !== 'region') return { provinceCode: answer };
  const region = regionOfAnswer(answer, field.level);
  if (!region) return {};
  if (field.mapTo === 'province') return { provinceCode: region.provinceCode };
  return {
    provinceCode: region.provinceCode,
    cityCode: region.cityCode ?? undefined,
    districtCode: region.districtCode ?? undefined,
  };
}
