import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { divisionPath, newOpportunityValues, opportunityBody, shiftBody, shiftFieldPath } from './opportunityValues';

describe('opportunity values', () => {
  it('turn a division code into the cascader path and back', () => {
    expect(divisionPath('620621')).toEqual(['620000', '620600', '620621']);
    expect(divisionPath('620600')).toEqual(['620000', '620600']);
    expect(divisionPath('620000')).toEqual(['620000']);
    expect(divisionPath(null)).toEqual([]);
    const body = opportunityBody({
      ...newOpportunityValues,
      title: '植树',
      place: divisionPath('620621'),
      skills: [' 会开车 ', '会开车', ''],
    });
    expect(body).toMatchObject({ divisionCode: '620621', skills: ['会开车'], formId: null });
    expect(body).not.toHaveProperty('place');
    expect(opportunityBody({ ...newOpportunityValues, place: [] }).divisionCode).toBeNull();
  });

  it('send a shift with whole-minute times, an empty capacity as no limit, and name its errors at the range', () => {
    const start = dayjs('2027-05-01T09:00:37+08:00');
    const body = shiftBody({
      title: ' 上午 ',
      range: [start, start.add(3, 'hour')],
      capacity: undefined,
      location: ' ',
    });
    expect(body).toEqual({
      title: '上午',
      startsAt: '2027-05-01T01:00:00.000Z',
      endsAt: '2027-05-01T04:00:00.000Z',
      capacity: null,
      location: null,
    });
    expect(shiftBody({ range: [start, start.add(1, 'hour')], capacity: 1 }).capacity).toBe(1);
    expect(shiftFieldPath('body.endsAt')).toBe('body.range');
    expect(shiftFieldPath('body.capacity')).toBe('body.capacity');
  });
});
