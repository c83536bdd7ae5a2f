import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import type { Opportunity, OpportunityInput, Shift, ShiftInput } from '../../api/volunteers';

/** The editor's shape: the API's, with the place as the cascader's path of division codes. */
export interface OpportunityValues extends Omit<OpportunityInput, 'divisionCode'> {
  place: string[];
}

export const newOpportunityValues: OpportunityValues = {
  title: '',
  description: '',
  location: '',
  place: [],
  skills: [],
  formId: null,
  waitlist: false,
  reminders: { hoursBefore: 24, email: true, smsTemplateId: null },
};

/**
 * A division code as the province → city → district path the cascader shows: 620621 is 甘肃省 (620000),
 * 武威市 (620600), 民勤县; a code ending in 00 is a city, in 0000 a province.
 */
export function divisionPath(code: string | null): string[] {
  if (!code || !/^\d{6}$/.test(code)) return [];
  const province = `${code.slice(0, 2)}0000`;
  const city = `${code.slice(0, 4)}00`;
  if (code === province) return [province];
  if (code === city) return [province, city];
  return [province, city, code];
}

export function opportunityValuesOf(o: Opportunity): OpportunityValues {
  return {
    title: o.title,
    description: o.description,
    location: o.location,
    place: divisionPath(o.divisionCode),
    skills: o.skills,
    formId: o.formId,
    waitlist: o.waitlist,
    reminders: { ...o.reminders },
  };
}

export function opportunityBody(v: OpportunityValues): OpportunityInput {
  const { place, ...rest } = v;
  return {
    ...rest,
    description: rest.description ?? '',
    location: rest.location ?? '',
    skills: [...new Set((rest.skills ?? []).map((s) => s.trim()).filter(Boolean))],
    formId: rest.formId ?? null,
    divisionCode: place?.length ? place[place.length - 1]! : null,
    reminders: { ...rest.reminders, smsTemplateId: rest.reminders.smsTemplateId ?? null },
  };
}

/** A shift row being edited: the times as the range picker's pair; an empty capacity is 不限. */
export interface ShiftValues {
  title?: string;
  range?: [Dayjs, Dayjs];
  capacity?: number | null;
  location?: string | null;
}

export const shiftValuesOf = (s: Shift): ShiftValues => ({
  title: s.title,
  range: [dayjs(s.startsAt), dayjs(s.endsAt)],
  capacity: s.capacity,
  location: s.location,
});

export function shiftBody(v: ShiftValues): ShiftInput {
  const [start, end] = v.range ?? [];
  return {
    title: v.title?.trim() ?? '',
    startsAt: start ? start.second(0).millisecond(0).toISOString() : '',
    endsAt: end ? end.second(0).millisecond(0).toISOString() : '',
    capacity: typeof v.capacity === 'number' ? v.capacity : null,
    location: v.location?.trim() || null,
  };
}

/** The server names a shift's times startsAt and endsAt; the row shows them in one range picker. */
export const shiftFieldPath = (path: string) => path.replace(/^body\.(startsAt|endsAt)$/, 'body.range');
