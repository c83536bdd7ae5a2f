import type { Db } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { AppError, notFound } from '../../errors/app-error.ts';
import type { OrgContext } from '../../http/authorize.ts';
import { freeSlug, slugFromTitle } from '../../text/slug.ts';
import { recordAudit } from '../audit/index.ts';
import * as repo from './repo.ts';
import type { FormInput, FormPatch } from './schemas.ts';

const slugTaken = () =>
  new AppError('SLUG_TAKEN', 'Another form of this organization has this address', [
    { path: 'body.slug', message: 'already used' },
  ]);

const withSlugCheck = async <T>(work: () => Promise<T>) => {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error, 'forms_slug_key')) throw slugTaken();
    throw error;
  }
};

export async function loadForm(db: Db, orgId: string, id: number, lock = false) {
  const row = await repo.findForm(db, orgId, id, lock);
  if (!row) throw notFound('Form');
  return row;
}

/** A new form, in draft: nothing is public until it is opened. */
export function createForm(db: Db, ctx: OrgContext, input: FormInput) {
  return withSlugCheck(() =>
    db.transaction(async (tx) => {
      const taken = async (slug: string) => Boolean(await repo.formBySlug(tx, ctx.org.id, slug));
      if (input.slug && (await taken(input.slug))) throw slugTaken();
      const slug = input.slug ?? (await freeSlug(slugFromTitle(input.title), taken));
      const row = await repo.insertForm(tx, ctx.org.id, {
        slug,
        title: input.title,
        description: input.description,
        fields: input.fields,
        settings: input.settings,
      });
      await recordAudit(tx, ctx, { action: 'form.create', subjectType: 'form', subjectId: row.id, data: { slug } });
      return row;
    }),
  );
}

/** Edits a form. Its address stays once it has been opened, as people may have it. */
export function updateForm(db: Db, ctx: OrgContext, id: number, patch: FormPatch) {
  return withSlugCheck(() =>
    db.transaction(async (tx) => {
      const before = await loadForm(tx, ctx.org.id, id, true);
      if (patch.slug && patch.slug !== before.slug && before.status !== 'draft')
        throw new AppError('FORM_STATE', 'An opened form keeps its address', [
          { path: 'body.slug', message: 'cannot change once opened' },
        ]);
      const row = await repo.updateForm(tx, ctx.org.id, id, patch);
      await recordAudit(tx, ctx, {
        action: 'form.update',
        subjectType: 'form',
        subjectId: id,
        data: { changed: Object.keys(patch) },
      });
      return row;
    }),
  );
}

/** Opens a form for responses, or closes it. */
export function setFormStatus(db: Db, ctx: OrgContext, id: number, status: 'open' | 'closed') {
  return db.transaction(async (tx) => {
    const before = await loadForm(tx, ctx.org.id, id, true);
    if (before.status === status) return before;
    const row = await repo.updateForm(tx, ctx.org.id, id, { status });
    await recordAudit(tx, ctx, {
      action: `form.${status === 'open' ? 'open' : 'close'}`,
      subjectType: 'form',
      subjectId: id,
    });
    return row;
  });
}
