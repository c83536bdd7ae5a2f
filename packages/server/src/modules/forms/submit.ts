import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { AppError, notFound } from '../../errors/app-error.ts';
import type { OrgContext } from '../../http/authorize.ts';
import { tagsOf, updateContact } from '../contacts/index.ts';
import { organizations } from '../platform/tables.ts';
import type { FileStore } from '../../adapters/storage.ts';
import type { Answer, RawAnswers } from './answers.ts';
import type { UploadedFile } from './files.ts';
import { recordSubmissions, storeOnContacts } from './recording.ts';
import * as repo from './repo.ts';
import { personOf } from './submission.ts';
import { forms } from './tables.ts';

/** The form a member of the public reaches, while it is public. */
export async function publicForm(db: Db, orgSlug: string, formSlug: string) {
  // One read for both, as every submission starts with it.
  const [found] = await db
    .select({
      org: {
        id: organizations.id,
        name: organizations.name,
        slug: organizations.slug,
        timezone: organizations.timezone,
        currency: organizations.currency,
      },
      form: forms,
    })
    .from(organizations)
    .innerJoin(forms, and(eq(forms.orgId, organizations.id), eq(forms.slug, formSlug)))
    .where(eq(organizations.slug, orgSlug));
  if (!found || found.form.status === 'draft') return undefined;
  return found;
}

export { formOpen } from './submission.ts';

/**
 * Records one submission, in its own transaction or the caller's (a volunteer's sign-up books a shift
 * in the same one), as recordSubmissions does for many: a refused one throws its error.
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
    const [outcome] = await recordSubmissions(tx, target.org, target.formId, [{ raw, now, prefix, upload }]);
    if (outcome instanceof AppError) throw outcome;
    return outcome!;
  });
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
    await storeOnContacts(tx, ctx, form, [{ response, contactId }], now);
    return repo.updateResponse(tx, ctx.org.id, response.id, { status: 'synced', contactId });
  });
}

/** The contact's tags with the form's added (a contact's tags are replaced as a whole). */
async function withTags(tx: Db, orgId: string, contactId: number, add: string[]) {
  return [...new Set([...(await tagsOf(tx, orgId, contactId)).map((t) => t.name), ...add])];
}
