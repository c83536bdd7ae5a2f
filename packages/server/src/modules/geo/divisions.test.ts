import { describe, expect, it } from 'vitest';
import { childDivisions, divisionByCode, findDivision, placeLabel, resolvePlace } from './divisions.ts';

describe('divisions', () => {
  it('loads all 31 provinces with 6-digit codes', () => {
    const provinces = childDivisions(null);
    expect(provinces).toHaveLength(31);
    expect(divisionByCode('510000')?.name).toBe('四川省');
  });

  it('accepts short names', () => {
    expect(findDivision('四川', null)?.code).toBe('510000');
    expect(findDivision('广西', null)?.code).toBe('450000');
    expect(findDivision('成都', '510000')?.code).toBe('510100');
  });

  it('resolves a full place and labels it', () => {
    const place = resolvePlace({ province: '四川省', city: '成都市', district: '武侯区' });
    expect(place).toEqual({ provinceCode: '510000', cityCode: '510100', districtCode: '510107' });
    expect(placeLabel(place)).toBe('四川省 成都市 武侯区');
  });

  it('names municipal districts under the municipality', () => {
    const place = resolvePlace({ province: '北京', city: '北京市', district: '海淀区' });
    expect(place.districtCode).toBe('110108');
    expect(placeLabel(place)).toBe('北京市 海淀区');
  });

  it('finds the province from a city alone', () => {
    expect(resolvePlace({ city: '杭州' }).provinceCode).toBe('330000');
  });

  it('returns nulls for unknown places', () => {
    expect(resolvePlace({ province: '火星' })).toEqual({ provinceCode: null, cityCode: null, districtCode: null });
  });
});
