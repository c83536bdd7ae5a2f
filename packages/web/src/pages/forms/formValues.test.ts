import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import type { FieldDef, FormDef } from '../../api/forms';
import { fieldBody, fitsTarget, formBody, formValuesOf, newField, newFormValues, nextKey } from './formValues';

describe('form editor values', () => {
  it('numbers new questions with the first key no question uses', () => {
    expect(nextKey([])).toBe('field_1');
    expect(nextKey([{ key: 'field_1' }, { key: 'name' }])).toBe('field_3');
    expect(nextKey([{ key: 'field_2' }])).toBe('field_3');
  });

  it('maps a phone question to the contact phone once, and gives a consent question its default purpose', () => {
    const phone = newField('phone', []);
    expect(phone).toMatchObject({ key: 'field_1', mapTo: 'phone', page: 1 });
    expect(newField('phone', [phone]).mapTo).toBeNull();
    expect(newField('consent', [phone]).consent).toEqual({ channel: 'sms', purpose: 'updates' });
  });

  it('asks a region question down to the district and maps it to the address, unless the province is taken', () => {
    const region = newField('region', []);
    expect(region).toMatchObject({ mapTo: 'region', level: 'district' });
    expect(newField('region', [newField('province', [])]).mapTo).toBeNull();
    expect(newField('province', [region]).mapTo).toBeNull();
    expect(fieldBody({ ...region, level: 'city' })).toMatchObject({ level: 'city', mapTo: 'region' });
    expect(fieldBody({ ...region, level: undefined })).toMatchObject({ level: 'district' });
    expect(fitsTarget('text', 'region')).toBe(false);
    expect(fitsTarget('region', 'province')).toBe(true);
    expect(fitsTarget('text', 'province')).toBe(false);
  });

  it('sends only what a question of its type uses', () => {
    const changed: FieldDef = {
      key: 'q',
      type: 'text',
      label: '你的名字',
      help: '  ',
      options: ['a'],
      min: 2,
      max: undefined,
      showIf: { key: '', equals: '' },
      mapTo: 'name',
      consent: { channel: 'email', purpose: 'x' },
    };
    expect(fieldBody(changed)).toEqual({
      key: 'q',
      type: 'text',
      label: '你的名字',
      help: undefined,
      required: false,
      options: undefined,
      min: 2,
      max: null,
      page: 1,
      showIf: null,
      mapTo: 'name',
      level: null,
      consent: null,
    });
    expect(fieldBody({ ...changed, type: 'consent', consent: { channel: 'sms', purpose: ' ' } })).toMatchObject({
      mapTo: null,
      min: null,
      consent: { channel: 'sms', purpose: 'updates' },
    });
  });

  it('leaves an empty address out and turns the closing time into ISO', () => {
    const closesAt = dayjs('2026-05-01T18:00:00+08:00');
    const body = formBody({ ...newFormValues, title: '志愿者报名', settings: { ...newFormValues.settings, closesAt } });
    expect(body.slug).toBeUndefined();
    expect(body.settings).toMatchObject({
      closesAt: '2026-05-01T10:00:00.000Z',
      redirectUrl: null,
      responseLimit: null,
    });
  });

  it('reads a saved form back into the editor', () => {
    const saved: FormDef = {
      id: 1,
      slug: 'zhi-yuan-zhe',
      title: '志愿者',
      description: '',
      fields: [{ key: 'field_1', type: 'text', label: '姓名' }],
      settings: { closesAt: '2026-05-01T10:00:00.000Z', tags: ['志愿者'] },
      status: 'open',
      accepting: true,
      publicUrl: '/f/demo/zhi-yuan-zhe',
      responseCount: 0,
      createdAt: '2026-04-01T00:00:00.000Z',
      updatedAt: '2026-04-01T00:00:00.000Z',
    };
    const values = formValuesOf(saved);
    expect(values.fields[0]).toMatchObject({ page: 1, showIf: null });
    expect(values.settings.closesAt?.toISOString()).toBe('2026-05-01T10:00:00.000Z');
    expect(formBody(values).settings.tags).toEqual(['志愿者']);
    // A setting this console does not know yet survives a save.
    const later = formValuesOf({ ...saved, settings: { ...saved.settings, ...{ welcome: 'hi' } } });
    expect(formBody(later).settings).toMatchObject({ welcome: 'hi' });
  });
});
