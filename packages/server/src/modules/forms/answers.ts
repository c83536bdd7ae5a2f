import type { FieldProblem } from '../../errors/app-error.ts';
import { normalizeEmail, normalizePhone } from '../contacts/normalize.ts';
import { childDivisions } from '../geo/divisions.ts';
import { pickRegion } from '../geo/region.ts';
import { checkFile, type FileAnswer, type FileExtension, type UploadedFile } from './files.ts';
import type { FieldDef } from './schemas.ts';

/** A submission as it arrives: each question by its key, a multiple choice as a list. */
export type RawAnswers = Record<string, string | string[] | undefined>;
export type Answer = string | string[] | number | boolean | FileAnswer;

/** A file that passed its question's checks, to be kept once the whole submission has. */
export interface AcceptedFile {
  key: string;
  file: UploadedFile;
  extension: FileExtension;
}

const provinceCodes = new Set(childDivisions(null).map((d) => d.code));

const values = (raw: string | string[] | undefined) =>
  (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map((v) => v.trim()).filter(Boolean);

/** Whether a question is asked, given the answers so far: a hidden question is neither required nor kept. */
export function isShown(field: FieldDef, answers: Record<string, Answer>): boolean {
  if (!field.showIf) return true;
  const given = answers[field.showIf.key];
  return Array.isArray(given) ? given.includes(field.showIf.equals) : String(given ?? '') === field.showIf.equals;
}

/** One answer checked against its question: the value to keep, or what is wrong with it. */
function checkOne(field: FieldDef, raw: string | string[] | undefined): { value?: Answer } | { problem: string } {
  const given = values(raw);
  if (field.type === 'file') return field.required ? { problem: 'required' } : {};
  if (field.type === 'consent') {
    const agreed = given[0] === 'on' || given[0] === 'true';
    return agreed || !field.required ? { value: agreed } : { problem: 'please tick the box to go on' };
  }
  if (given.length === 0) return field.required ? { problem: 'required' } : {};
  const one = given[0]!;
  switch (field.type) {
    case 'text':
    case 'textarea': {
      const longest = field.max ?? (field.type === 'text' ? 200 : 5000);
      if (one.length > longest) return { problem: `at most ${longest} characters` };
      if (field.min && one.length < field.min) return { problem: `at least ${field.min} characters` };
      return { value: one };
    }
    case 'number': {
      if (!/^-?\d{1,15}(\.\d{1,6})?$/.test(one)) return { problem: 'a number' };
      const n = Number(one);
      if (field.min !== undefined && field.min !== null && n < field.min) return { problem: `at least ${field.min}` };
      if (field.max !== undefined && field.max !== null && n > field.max) return { problem: `at most ${field.max}` };
      return { value: n };
    }
    case 'email': {
      const email = normalizeEmail(one);
      return email.ok ? { value: email.email } : { problem: 'not an email address' };
    }
    case 'phone': {
      // A mobile: a form's phone is for texts (a consent to SMS), so a landline or a short number is refused.
      const phone = normalizePhone(one);
      const mobile = phone.ok && (!phone.e164.startsWith('+86') || /^\+861[3-9]\d{9}$/.test(phone.e164));
      return mobile ? { value: phone.e164 } : { problem: 'not a mobile number' };
    }
    case 'single':
      return field.options?.includes(one) ? { value: one } : { problem: 'not one of the choices' };
    case 'multiple':
      return given.every((v) => field.options?.includes(v))
        ? { value: [...new Set(given)] }
        : { problem: 'not one of the choices' };
    case 'date': {
      const valid = /^\d{4}-\d{2}-\d{2}$/.test(one) && !Number.isNaN(Date.parse(`${one}T00:00:00Z`));
      return valid && new Date(`${one}T00:00:00Z`).toISOString().startsWith(one)
        ? { value: one }
        : { problem: 'a date such as 2026-05-01' };
    }
    case 'province':
      return provinceCodes.has(one) ? { value: one } : { problem: 'not a province' };
    case 'region': {
      // The deepest code is kept: the province and city are in its first digits, and names can change.
      const picked = pickRegion(given, field.level ?? 'district');
      return 'problem' in picked ? picked : { value: picked.region.code };
    }
  }
}

/**
 * The answers of a submission, checked question by question in order (so a condition sees the earlier
 * answers). Problems carry `<prefix>.<key>` paths.
 */
export function checkAnswers(
  fields: FieldDef[],
  raw: RawAnswers,
  prefix = 'body.answers',
  files: Record<string, UploadedFile> = {},
): { answers: Record<string, Answer>; files: AcceptedFile[] } | { problems: FieldProblem[] } {
  const answers: Record<string, Answer> = {};
  const accepted: AcceptedFile[] = [];
  const problems: FieldProblem[] = [];
  for (const field of fields) {
    if (!isShown(field, answers)) continue;
    const upload = field.type === 'file' ? files[field.key] : undefined;
    if (upload) {
      const file = checkFile(field, upload);
      if ('problem' in file) problems.push({ path: `${prefix}.${field.key}`, message: file.problem });
      else accepted.push({ key: field.key, file: upload, extension: file.extension });
      continue;
    }
    const checked = checkOne(field, raw[field.key]);
    if ('problem' in checked) problems.push({ path: `${prefix}.${field.key}`, message: checked.problem });
    else if (checked.value !== undefined) answers[field.key] = checked.value;
  }
  return problems.length ? { problems } : { answers, files: accepted };
}
