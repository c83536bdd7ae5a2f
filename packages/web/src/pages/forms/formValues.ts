import dayjs, { type Dayjs } from 'dayjs';
import type { ContactTarget, FieldDef, FieldType, FormDef, FormInput, FormSettings } from '../../api/forms';

/** The editor's shape: the API's, with the closing time as a dayjs for the DatePicker. */
export interface FormValues extends Omit<FormInput, 'settings'> {
  settings: Omit<FormSettings, 'closesAt'> & { closesAt?: Dayjs | null };
}

export const DEFAULT_PURPOSE = 'updates';
export const DEFAULT_THEME = '#1f7a5c';

export const withOptions = (type: FieldType) => type === 'single' || type === 'multiple';
/** Number questions bound the value; text questions bound the length. */
export const withBounds = (type: FieldType) => type === 'number' || type === 'text' || type === 'textarea';

/** Only a region question fills in the whole address; the province comes from a province or region question. */
export const fitsTarget = (type: FieldType, target: ContactTarget) =>
  target === 'region' ? type === 'region' : target === 'province' ? type === 'province' || type === 'region' : true;

/** Two questions cannot fill in one field; a region fills in the province too. */
export const takesSamePlace = (taken: ContactTarget | null | undefined, target: ContactTarget) =>
  taken === target || (['province', 'region'].includes(taken ?? '') && ['province', 'region'].includes(target));

/** field_1, field_2…: the first number no other question uses. */
export function nextKey(fields: Pick<FieldDef, 'key'>[]): string {
  const used = new Set(fields.map((f) => f.key));
  let n = fields.length + 1;
  while (used.has(`field_${n}`)) n++;
  return `field_${n}`;
}

// Questions whose answer is plainly a contact field fill it in unless staff say otherwise.
const obviousTarget: Partial<Record<FieldType, FieldDef['mapTo']>> = {
  phone: 'phone',
  email: 'email',
  province: 'province',
  region: 'region',
};

/** A question just added: a free key, and for a phone, email, province or region question its contact field. */
export function newField(type: FieldType, existing: FieldDef[], label = ''): FieldDef {
  const taken = new Set(existing.map((f) => f.mapTo).filter(Boolean));
  const target = obviousTarget[type];
  return {
    key: nextKey(existing),
    type,
    label,
    help: '',
    required: false,
    options: withOptions(type) ? [] : undefined,
    page: 1,
    showIf: null,
    // A region fills in the province too: it takes the address only when no question fills either.
    mapTo: target && ![...taken].some((t) => takesSamePlace(t, target)) ? target : null,
    level: type === 'region' ? 'district' : null,
    consent: type === 'consent' ? { channel: 'sms', purpose: DEFAULT_PURPOSE } : null,
  };
}

export const newFormValues: FormValues = {
  title: '',
  slug: '',
  description: '',
  fields: [],
  settings: {
    thankYou: '',
    redirectUrl: null,
    closesAt: null,
    responseLimit: null,
    themeColor: DEFAULT_THEME,
    tags: [],
    captcha: false,
    notifyEmails: [],
  },
};

export function formValuesOf(form: FormDef): FormValues {
  const { closesAt, ...settings } = form.settings;
  return {
    title: form.title,
    slug: form.slug,
    description: form.description,
    fields: form.fields.map((f) => ({ ...f, page: f.page ?? 1, showIf: f.showIf ?? null })),
    settings: {
      ...newFormValues.settings,
      ...settings,
      closesAt: closesAt ? dayjs(closesAt) : null,
    },
  };
}

const blankToUndefined = (v: string | undefined) => (v?.trim() ? v.trim() : undefined);
const numberOrNull = (v: number | null | undefined) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** A question as the API takes it: only what its type uses, so a changed type leaves nothing behind. */
export function fieldBody(f: FieldDef): FieldDef {
  const bounded = withBounds(f.type);
  return {
    key: f.key,
    type: f.type,
    label: f.label,
    help: blankToUndefined(f.help),
    required: Boolean(f.required),
    options: withOptions(f.type) ? (f.options ?? []) : undefined,
    min: bounded ? numberOrNull(f.min) : null,
    max: bounded ? numberOrNull(f.max) : null,
    page: f.page ?? 1,
    showIf: f.showIf?.key ? { key: f.showIf.key, equals: f.showIf.equals ?? '' } : null,
    mapTo: f.type === 'consent' ? null : (f.mapTo ?? null),
    level: f.type === 'region' ? (f.level ?? 'district') : null,
    consent:
      f.type === 'consent'
        ? { channel: f.consent?.channel ?? 'sms', purpose: f.consent?.purpose?.trim() || DEFAULT_PURPOSE }
        : null,
  };
}

const cleanList = (list: string[] | undefined) => (list ?? []).map((item) => item.trim()).filter(Boolean);

/**
 * Editor values as the API's body; an empty address is left out, so the server makes one from the title.
 * Settings the editor does not show are passed through: the server replaces the settings as a whole.
 */
export function formBody(v: FormValues): FormInput {
  const { closesAt, ...s } = v.settings;
  return {
    slug: blankToUndefined(v.slug),
    title: v.title,
    description: v.description ?? '',
    fields: (v.fields ?? []).map(fieldBody),
    settings: {
      ...s,
      thankYou: s.thankYou ?? '',
      redirectUrl: blankToUndefined(s.redirectUrl ?? undefined) ?? null,
      closesAt: closesAt ? closesAt.toISOString() : null,
      responseLimit: numberOrNull(s.responseLimit),
      themeColor: s.themeColor || DEFAULT_THEME,
      tags: cleanList(s.tags),
      notifyEmails: cleanList(s.notifyEmails),
    },
  };
}
