import type { Db } from '../../db/client.ts';
import { AppError, notFound } from '../../errors/app-error.ts';
import type { OrgContext } from '../../http/authorize.ts';
import { systemContextOf } from '../../http/system-context.ts';
import { appendConsents } from '../consent/index.ts';
import {
  bodyProblems,
  createContacts,
  insertActivities,
  lockListedByPhonesOrEmails,
  lockSupporterKeys,
  type NewContact,
} from '../contacts/index.ts';
import type { Answer } from './answers.ts';
import { storeFormFile } from './files.ts';
import * as repo from './repo.ts';
import { checkSubmission, formOpen, personOf, type CheckedSubmission, type Submission } from './submission.ts';

/** What became of one submission: its response, or why it was refused. */
export type Outcome = repo.ResponseRow | AppError;

/** A contact listed before, or one this call creates (by its place among the new ones). */
type Slot = { id: number } | { fresh: number };

interface Taken {
  index: number;
  checked: CheckedSubmission;
  contact?: Slot;
  matched?: Slot;
}

/** The form, read to take answers: locked when it has a limit, with the responses it has so far. */
async function formTakingAnswers(tx: Db, orgId: string, formId: number) {
  // Only a limited form is locked, so concurrent answers to it are counted one after another; any
  // other form takes its answers side by side.
  const unlocked = await repo.findForm(tx, orgId, formId);
  const limited = Boolean(unlocked?.settings.responseLimit);
  const form = limited ? await repo.findForm(tx, orgId, formId, true) : unlocked;
  if (!form || form.status === 'draft') return undefined;
  return { form, responses: limited ? await repo.countResponses(tx, form.orgId, form.id) : 0 };
}

/**
 * The listed contacts with these people's phones or emails, by phone and by email (the lowest id among
 * equals). The phones and emails stay locked until the transaction ends, as for donors, so two answers
 * from one new person make one contact.
 */
async function listedPeople(tx: Db, orgId: string, people: readonly CheckedSubmission['person'][]) {
  const distinct = (values: (string | undefined)[]) => [...new Set(values.filter((v): v is string => !!v))];
  const phones = distinct(people.map((p) => p.phone));
  const emails = distinct(people.map((p) => p.email));
  await lockSupporterKeys(tx, orgId, [...phones, ...emails]);
  const byPhone = new Map<string, Slot>();
  const byEmail = new Map<string, Slot>();
  for (const row of await lockListedByPhonesOrEmails(tx, orgId, { phones, emails })) {
    if (row.phone && !byPhone.has(row.phone)) byPhone.set(row.phone, { id: row.id });
    if (row.email && !byEmail.has(row.email)) byEmail.set(row.email, { id: row.id });
  }
  return { byPhone, byEmail };
}

const refusal = (state: 'closed' | 'full') =>
  state === 'full'
    ? new AppError('FORM_FULL', 'This form has all the responses it takes')
    : new AppError('FORM_CLOSED', 'This form is no longer taking responses');

/**
 * Records submissions to one form in the caller's transaction, a few statements for all of them, and
 * answers each in the order given. Each in turn is refused when the form has closed or is full
 * (counting those taken before it) or when its answers do not pass; a refusal writes nothing and
 * leaves the others alone. A new person becomes a contact with the form's tags and the consents they
 * ticked (收录进联系人档案); someone already listed with the same phone or email, or who came earlier
 * in the same call, is flagged and waits for staff to sync or ignore the response.
 */
export async function recordSubmissions(
  tx: Db,
  org: OrgContext['org'],
  formId: number,
  submissions: readonly Submission[],
): Promise<Outcome[]> {
  const read = await formTakingAnswers(tx, org.id, formId);
  if (!read) return submissions.map(() => notFound('Form'));
  const { form } = read;
  const checked = submissions.map((submission) => checkSubmission(form, submission));
  const { byPhone, byEmail } = await listedPeople(
    tx,
    form.orgId,
    checked.flatMap((c) => (c instanceof AppError ? [] : [c.person])),
  );
  const outcomes: Outcome[] = [];
  const taken: Taken[] = [];
  const fresh: NewContact[] = [];
  for (const [index, submission] of submissions.entries()) {
    const state = formOpen(form, submission.now, read.responses + taken.length);
    const check = checked[index]!;
    if (state !== 'open' || check instanceof AppError) {
      outcomes[index] = state === 'open' ? (check as AppError) : refusal(state);
      continue;
    }
    const { phone, email } = check.person;
    const matched = (phone ? byPhone.get(phone) : undefined) ?? (email ? byEmail.get(email) : undefined);
    // A form that collects no contacts keeps its answers only.
    if (matched || !check.contact) {
      taken.push({ index, checked: check, matched });
      continue;
    }
    if (!check.contact.ok) {
      outcomes[index] = bodyProblems(check.contact.problems);
      continue;
    }
    const slot = { fresh: fresh.push({ values: check.contact.values, tags: form.settings.tags ?? [] }) - 1 };
    if (phone) byPhone.set(phone, slot);
    if (email && !byEmail.has(email)) byEmail.set(email, slot);
    taken.push({ index, checked: check, contact: slot });
  }
  // Kept before the rows that point at them; a submission that fails after this leaves a file no one reads.
  for (const { index, checked: accepted } of taken) {
    for (const file of accepted.files)
      accepted.answers[file.key] = await storeFormFile(
        submissions[index]!.upload!.store,
        form.orgId,
        file.file,
        file.extension,
      );
  }
  const ctx = systemContextOf(org, `form:${form.slug}`, 'form');
  const created = await createContacts(tx, ctx, fresh);
  const idOf = (slot?: Slot) => (!slot ? undefined : 'id' in slot ? slot.id : created[slot.fresh]!.id);
  const responses = await repo.insertResponses(
    tx,
    form.orgId,
    taken.map(({ index, checked: { answers }, contact, matched }) => {
      const createdAt = submissions[index]!.now;
      return matched
        ? { formId: form.id, answers, createdAt, status: 'duplicate' as const, matchedContactId: idOf(matched) }
        : { formId: form.id, answers, createdAt, status: 'synced' as const, contactId: idOf(contact) };
    }),
  );
  const now = new Date(Math.max(...submissions.map((s) => s.now.getTime())));
  await storeOnContacts(
    tx,
    ctx,
    form,
    responses.flatMap((response) => (response.contactId === null ? [] : [{ response, contactId: response.contactId }])),
    now,
  );
  for (const [i, { index }] of taken.entries()) outcomes[index] = responses[i]!;
  return outcomes;
}

/** The consents ticked and a line on the timeline, for the contacts responses went to. */
export async function storeOnContacts(
  tx: Db,
  ctx: OrgContext,
  form: repo.FormRow,
  stored: readonly { response: repo.ResponseRow; contactId: number }[],
  now: Date,
) {
  const consentFields = form.fields.filter((f) => f.type === 'consent' && f.consent);
  await appendConsents(
    tx,
    ctx,
    stored.flatMap(({ response, contactId }) =>
      consentFields
        .filter((field) => response.answers[field.key] === true)
        .map((field) => ({
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
    ),
    now,
  );
  await insertActivities(
    tx,
    form.orgId,
    stored.map(({ response, contactId }) => {
      const note = personOf(form.fields, response.answers as Record<string, Answer>).note;
      return {
        contactId,
        type: 'form',
        summary: `提交了表单「${form.title}」`,
        data: { formId: form.id, responseId: response.id, ...(note ? { note } : {}) },
        at: response.createdAt,
      };
    }),
  );
}
