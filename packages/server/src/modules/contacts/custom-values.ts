import type { FieldProblem } from '../../errors/app-error.ts';
import type { customFieldTypes } from './tables.ts';

export interface CustomFieldDef {
  key: string;
  label: string;
  type: (typeof customFieldTypes)[number];
  options: string[];
}

export type ParsedCustomValue = { ok: true; value: unknown } | { ok: false; message: string };

const truthy = new Set(['true', 'yes', 'y', '1', '是', '对', '√', '✓', '✔']);
const falsy = new Set(['false', 'no', 'n', '0', '否', '不', '×', '✗']);
// 1234.5 or, as spreadsheets write it, 1,234.5.
const numberPattern = /^-?(\d+|\d{1,3}(,\d{3})+)(\.\d+)?$/;
const listSeparators = /[,，;；、|]/;

function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/**
 * One value against its field's type. Strings are accepted for every type, as spreadsheets give them;
 * the import runs this for every custom cell, so the rules for a form and a file are the same.
 */
export function parseCustomValue(field: CustomFieldDef, raw: unknown): ParsedCustomValue {
  const str = typeof raw === 'string' ? raw.normalize('NFKC').trim() : undefined;
  switch (field.type) {
    case 'text':
      if (str !== undefined)
        return str.length <= 2000 ? { ok: true, value: str } : { ok: false, message: 'at most 2000 characters' };
      if (typeof raw === 'number' && Number.isFinite(raw)) return { ok: true, value: String(raw) };
      return { ok: false, message: 'must be text' };
    case 'number': {
      const n =
        typeof raw === 'number'
          ? raw
          : str !== undefined && numberPattern.test(str)
            ? Number(str.replace(/,/g, ''))
            : NaN;
      return Number.isFinite(n) ? { ok: true, value: n } : { ok: false, message: 'must be a number' };
    }
    case 'date':
      return str !== undefined && isCalendarDate(str)
        ? { ok: true, value: str }
        : { ok: false, message: 'must be a date (YYYY-MM-DD)' };
    case 'boolean':
      if (typeof raw === 'boolean') return { ok: true, value: raw };
      if (str !== undefined && truthy.has(str.toLowerCase())) return { ok: true, value: true };
      if (str !== undefined && falsy.has(str.toLowerCase())) return { ok: true, value: false };
      return { ok: false, message: 'must be true or false' };
    case 'select':
      return str !== undefined && field.options.includes(str)
        ? { ok: true, value: str }
        : { ok: false, message: `must be one of: ${field.options.join(', ')}` };
    case 'multiselect': {
      const items = Array.isArray(raw) ? raw : str !== undefined ? str.split(listSeparators) : undefined;
      if (!items || !items.every((i) => typeof i === 'string'))
        return { ok: false, message: 'must be a list of options' };
      const chosen = [...new Set(items.map((i) => i.normalize('NFKC').trim()).filter(Boolean))];
      const unknown = chosen.filter((i) => !field.options.includes(i));
      return unknown.length === 0
        ? { ok: true, value: chosen }
        : { ok: false, message: `not an option: ${unknown.join(', ')} (options: ${field.options.join(', ')})` };
    }
  }
}

/**
 * Checks custom values against the organization's field definitions. null or an empty string
 * removes a value; unknown keys are problems, so typos do not pile up as invisible data.
 */
export function validateCustomValues(
  input: Record<string, unknown>,
  fields: readonly CustomFieldDef[],
): { ok: true; values: Record<string, unknown> } | { ok: false; problems: FieldProblem[] } {
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const values: Record<string, unknown> = {};
  const problems: FieldProblem[] = [];
  for (const [key, raw] of Object.entries(input)) {
    const field = byKey.get(key);
    if (!field) {
      problems.push({ path: `custom.${key}`, message: 'there is no custom field with this key' });
      continue;
    }
    if (raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '')) {
      values[key] = null;
      continue;
    }
    const parsed = parseCustomValue(field, raw);
    if (parsed.ok) values[key] = parsed.value;
    else problems.push({ path: `custom.${key}`, message: parsed.message });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, values };
}

/** Applies validated custom values to the stored ones: null removes a key. */
export function mergeCustom(
  stored: Record<string, unknown>,
  changes: Record<string, unknown>,
): Record<string, unknown> {
  const merged = { ...stored };
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  return merged;
}
