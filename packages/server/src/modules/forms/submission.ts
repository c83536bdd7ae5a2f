import { AppError } from '../../errors/app-error.ts';
import type { FileStore } from '../../adapters/storage.ts';
import { normalizeContactInput, type NormalizeResult } from '../contacts/index.ts';
import { checkAnswers, type AcceptedFile, type Answer, type RawAnswers } from './answers.ts';
import type { UploadedFile } from './files.ts';
import { placeOf } from './place.ts';
import type { FormRow } from './repo.ts';
import type { FieldDef } from './schemas.ts';

/** One submission as it arrived: its answers, when, where its problems point, and its files if any. */
export interface Submission {
  raw: RawAnswers;
  now: Date;
  /** The path its problems carry: `body.answers` for JSON, `answers` for the page. */
  prefix: string;
  upload?: { files: Record<string, UploadedFile>; store: FileStore };
}

/** What the answers say about the person, by the contact fields the questions fill in. */
export function personOf(fields: FieldDef[], answers: Record<string, Answer>) {
  const of = (target: NonNullable<FieldDef['mapTo']>) => {
    const field = fields.find((f) => f.mapTo === target);
    const value = field ? answers[field.key] : undefined;
    return typeof value === 'string' && value ? value : undefined;
  };
  return {
    name: of('name'),
    phone: of('phone'),
    email: of('email'),
    wechatId: of('wechatId'),
    ...placeOf(fields, answers),
    note: of('note'),
  };
}

/** Whether the form takes a response now: open, before its closing time, below its limit. */
export function formOpen(form: FormRow, now: Date, responses: number): 'open' | 'closed' | 'full' {
  if (form.status !== 'open') return 'closed';
  if (form.settings.closesAt && now >= new Date(form.settings.closesAt)) return 'closed';
  if (form.settings.responseLimit && responses >= form.settings.responseLimit) return 'full';
  return 'open';
}

/** A submission whose answers pass the form's questions, with the person they describe. */
export interface CheckedSubmission {
  answers: Record<string, Answer>;
  files: AcceptedFile[];
  person: ReturnType<typeof personOf>;
  /** The contact a new person would become; none when the form collects no name, phone or email. */
  contact?: NormalizeResult;
}

/** A submission checked against the form's questions, without the database. */
export function checkSubmission(form: FormRow, submission: Submission): CheckedSubmission | AppError {
  const checked = checkAnswers(form.fields, submission.raw, submission.prefix, submission.upload?.files);
  if ('problems' in checked) return new AppError('VALIDATION_FAILED', checked.problems[0]!.message, checked.problems);
  const person = personOf(form.fields, checked.answers);
  if (!person.name && !person.phone && !person.email) return { ...checked, person };
  const contact = normalizeContactInput(
    {
      kind: 'person',
      name: person.name ?? person.phone ?? person.email,
      phone: person.phone,
      email: person.email,
      wechatId: person.wechatId,
      provinceCode: person.provinceCode,
      cityCode: person.cityCode,
      districtCode: person.districtCode,
      source: `form:${form.slug}`,
    },
    { customFields: [], mode: 'create' },
  );
  return { ...checked, person, contact };
}
