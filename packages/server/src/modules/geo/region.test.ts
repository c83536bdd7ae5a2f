import { describe, expect, it } from 'vitest';
import { pickRegion } from './region.ts';

describe('pickRegion', () => {
  it('takes the deepest code alone, or the codes from the province down, and names the path', () => {
    const wuhou = {
      provinceCode: '510000',
      cityCode: '510100',
      districtCode: '510107',
      code: '510107',
      label: '四川省 成都市 武侯区',
    };
    expect(pickRegion(['510107'], 'district')).toEqual({ region: wuhou });
    expect(pickRegion(['510000', '510100', '510107'], 'district')).toEqual({ region: wuhou });
    expect(pickRegion(['510100'], 'city')).toMatchObject({ region: { code: '510100', label: '四川省 成都市' } });
    expect(pickRegion(['510000'], 'province')).toMatchObject({ region: { code: '510000', districtCode: null } });
  });

  it('names a municipality once', () => {
    expect(pickRegion(['110108'], 'district')).toMatchObject({
      region: { label: '北京市 海淀区', cityCode: '110100' },
    });
  });

  it('takes 东莞 as a city and as its own district', () => {
    expect(pickRegion(['441900'], 'city')).toMatchObject({ region: { cityCode: '441900', districtCode: null } });
    expect(pickRegion(['441900'], 'district')).toMatchObject({
      region: { cityCode: '441900', districtCode: '441900', label: '广东省 东莞市' },
    });
  });

  it('refuses a city outside the province, a code at the wrong level and a place that stops short', () => {
    expect(pickRegion(['510000', '440100', '440106'], 'district')).toEqual({ problem: 'not in the province chosen' });
    expect(pickRegion(['510000', '510100', '440106'], 'district')).toEqual({ problem: 'not in the city chosen' });
    expect(pickRegion(['510107'], 'city')).toEqual({ problem: 'not a city' });
    expect(pickRegion(['510100'], 'province')).toEqual({ problem: 'not a province' });
    expect(pickRegion(['510000'], 'district')).toEqual({ problem: 'choose a city' });
    expect(pickRegion(['510000', '510100'], 'district')).toEqual({ problem: 'choose a district' });
    expect(pickRegion(['510000'], 'city')).toEqual({ problem: 'choose a city' });
    expect(pickRegion(['510000', '510100', '510107'], 'city')).toEqual({ problem: 'choose a city' });
    expect(pickRegion(['999999'], 'district')).toEqual({ problem: 'not a district' });
    expect(pickRegion(['999999', '510100'], 'district')).toEqual({ problem: 'not a province' });
  });
});
