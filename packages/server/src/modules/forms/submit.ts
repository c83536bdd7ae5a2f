import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { AppError, notFound } from '../../errors/app-error.ts';
import type { OrgContext } from '../../http/authorize.ts';
import { systemContextOf } from '../../http/system-context.ts';
import { appendConsents } from '../consent/index.ts';
import {
  createContact,
  insertActivities,
  lockListedByPhonesOrEmails,
  lockSupporterKeys,
  tagsOf,
  updateContact,
} from '../contacts/index.ts';
import { organizations } from '../platform/tables.ts';
import type { FileStore } from '../../adapters/storage.ts';
import { checkAnswers, type Answer, type RawAnswers } from './answers.ts';
import { storeFormFile, type UploadedFile } from './files.ts';
import * as repo from './repo.ts';
import type { FieldDef } from './schemas.ts';

/** What the answers say about the person, by the contact fields the questions fill in. */
function personOf(fields: FieldDef[], answers: Record<string, Answer>) {
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
    provinceCode: of('province'),
    note: of('note'),
  };
}

/** The form a member of the public reaches, while it is public. */
export async function publicForm(db: Db, orgSlug: string, formSlug: string) {
  const [org] = await db
    .select({
      id: organizations.id,
      name: organizations.name,
      slug: organizations.slug,
      timezone: organizations.timezone,
      currency: organizations.currency,
    })
    .from(organizations)
    .where(eq(organizations.slug, orgSlug));
  const form = org ? await repo.formBySlug(db, org.id, formSlug) : undefined;
  if (!org || !form || form.status === 'draft') return undefined;
  return { org, form };
}

/** Whether the form takes a response now: open, before its closing time, below its limit. */
export function formOpen(form: repo.FormRow, now: Date, responses: number): 'open' | 'closed' | 'full' {
  if (form.status !== 'open') return 'closed';
  if (form.settings.closesAt && now >= new Date(form.settings.closesAt)) return 'closed';
  if (form.settings.responseLimit && responses >= form.settings.responseLimit) return 'full';
  return 'open';
}

/**
 * Records one submission. Its answers are checked against the questions shown; a form with a limit is
 * locked, so concurrent submissions never pass it. A new person becomes a contact with the tags and the
 * consents the form gives (收录进联系人档案); someone already listed with the same phone or email is
 * flagged, and waits for staff to sync or ignore the response.
 */
export async function submitResponse(
  db: Db,
  target: { org: OrgContext['org']; formId: number },
  raw: RawAnswers,
  now: Date,
  prefix = 'body.answers',
  upload?: { files: Record<string, UploadedFile>; store: FileStore },
) {
  return db.transaction(async (tx) => {
    // Only a limited form is locked, so concurrent answers to it are counted one after another; any
    // other form takes its answers side by side.
    const unlocked = await repo.findForm(tx, target.org.id, target.formId);
    const limited = Boolean(unlocked?.settings.responseLimit);
    const form = limited ? await repo.findForm(tx, target.org.id, target.formId, true) : unlocked;
    if (!form || form.status === 'draft') throw notFound('Form');
    const state = formOpen(form, now, limited ? await repo.countResponses(tx, form.orgId, form.id) : 0);
    if (state === 'closed') throw new AppError('FORM_CLOSED', 'This form is no longer taking responses');
    if (state === 'full') throw new AppError('FORM_FULL', 'This form has all the responses it takes');
    const checked = checkAnswers(form.fields, raw, prefix, upload?.files);
    if ('problems' in checked) throw new AppError('VALIDATION_FAILED', checked.problems[0]!.message, checked.problems);
    const { answers } = checked;
    // Kept before the rows that point at them; a submission that fails after this leaves a file no one reads.
    for (const accepted of checked.files)
      answers[accepted.key] = await storeFormFile(upload!.store, form.orgId, accepted.file, accepted.extension);
    const person = personOf(form.fields, answers);
    const ctx = systemContextOf(target.org, `form:${form.slug}`, 'form');
    const matched = await listedContact(tx, form.orgId, person);
    if (matched) {
      return repo.insertResponse(tx, form.orgId, {
        formId: form.id,
        answers,
        status: 'duplicate',
        matchedContactId: matched,
      });
    }
    // A form that collects no contacts keeps its answers only.
    if (!person.name && !person.phone && !person.email)
      return repo.insertResponse(tx, form.orgId, { formId: form.id, answers, status: 'synced' });
    const { contact } = await createContact(tx, ctx, {
      kind: 'person',
      name: person.name ?? person.phone ?? person.email!,
      phone: person.phone,
      email: person.email,
      wechatId: person.wechatId,
      provinceCode: person.provinceCode,
      source: `form:${form.slug}`,
      tags: form.settings.tags,
    });
    const response = await repo.insertResponse(tx, form.orgId, {
      formId: form.id,
      answers,
      status: 'synced',
      contactId: contact.id,
    });
    await storeOnContact(tx, ctx, form, response, contact.id, now);
    return response;
  });
}

/**
 * The listed contact with this phone or, failing that, this email. The person's phone and email stay
 * locked until the transaction ends, as for donors, so two answers from one new person make one contact.
 */
async function listedContact(tx: Db, orgId: string, person: { phone?: string; email?: string }) {
  const phones = person.phone ? [person.phone] : [];
  const emails = person.email ? [person.email] : [];
  await lockSupporterKeys(tx, orgId, [...phones, ...emails]);
  const listed = await lockListedByPhonesOrEmails(tx, orgId, { phones, emails });
  return (listed.find((c) => c.phone === person.phone) ?? listed.find((c) => c.email === person.email))?.id;
}

/** The consents ticked and a line on the timeline, for the contact a response went to. */
async function storeOnContact(
  tx: Db,
  ctx: OrgContext,
  form: repo.FormRow,
  response: repo.ResponseRow,
  contactId: number,
  now: Date,
) {
  const ticked = form.fields.filter((f) => f.type === 'consent' && f.consent && response.answers[f.key] === true);
  await appendConsents(
    tx,
    ctx,
    ticked.map((field) => ({
      contactId,
      input: {
        channel: field.consent!.channel,
        purpose: field.consent!.purpose,
        status: 'granted' as const,
        source: 'form' as const,
        evidence: {
          type: 'form_submission' as const,
          ref: `form:${form.id}/response:${response.id}`,
          text: field.label,
        },
        recordedAt: response.createdAt.toISOString(),
      },
    })),
    now,
  );
  const note = personOf(form.fields, response.answers as Record<string, Answer>).note;
  await insertActivities(tx, form.orgId, [
    {
      contactId,
      type: 'form',
      summary: `提交了表单「${form.title}」`,
      data: { formId: form.id, responseId: response.id, ...(note ? { note } : {}) },
      at: response.createdAt,
    },
  ]);
}

/**
 * Staff decide on a flagged response: sync stores it on the contact it matched (the new phone, email,
 * WeChat ID and province, the form's tags and consents; the listed name stays), ignore sets it aside.
 */
export async function decideResponse(
  db: Db,
  ctx: OrgContext,
  formId: number,
  responseId: number,
  decision: 'sync' | 'ignore',
  now: Date,
) {
  return db.transaction(async (tx) => {
    const form = await repo.findForm(tx, ctx.org.id, formId);
    const response = form && (await repo.findResponse(tx, ctx.org.id, formId, responseId, true));
    if (!form || !response) throw notFound('Response');
    if (response.status !== 'duplicate')
      throw new AppError('RESPONSE_STATE', 'Only a response flagged as a possible duplicate waits for a decision');
    if (decision === 'ignore') return repo.updateResponse(tx, ctx.org.id, response.id, { status: 'ignored' });
    const contactId = response.matchedContactId!;
    const { name: _name, note: _note, ...person } = personOf(form.fields, response.answers as Record<string, Answer>);
    const changes = Object.fromEntries(Object.entries(person).filter(([, v]) => v !== undefined));
    await updateContact(tx, ctx, contactId, {
      ...changes,
      ...(form.settings.tags?.length ? { tags: await withTags(tx, ctx.org.id, contactId, form.settings.tags) } : {}),
    });
    await storeOnContact(tx, ctx, form, response, contactId, now);
    return repo.updateResponse(tx, ctx.org.id, response.id, { status: 'synced', contactId });
  });
}

/** The contact's tags with the form's added (a contact's tags are replaced as a whole). */
async function withTags(tx: Db, orgId: string, contactId: number, add: string[]) {
  return [...new Set([...(await tagsOf(tx, orgId, contactId)).map((t) => t.name), ...add])];
}
