import type { Db } from '../../db/client.ts';
import type { OrgContext } from '../../http/authorize.ts';
import { recordAudits } from '../audit/index.ts';
import type { NormalizedContact } from './contact-input.ts';
import { mergeCustom } from './custom-values.ts';
import * as repo from './repo.ts';
import { actorUserId, createdActivity, createdAudit, uniqueNames } from './service.ts';

/** A new contact as a public form collects it: normalized values (a name given) and the tags it gets. */
export interface NewContact {
  values: NormalizedContact;
  tags: readonly string[];
}

/**
 * New contacts in a few statements for all of them, in the caller's transaction, each as createContact
 * leaves one: its tags (with their timeline lines), its "created" line and its audit event. The rows
 * come back in the order given.
 */
export async function createContacts(tx: Db, ctx: OrgContext, fresh: readonly NewContact[]) {
  if (fresh.length === 0) return [];
  const orgId = ctx.org.id;
  const rows = await repo.insertContacts(
    tx,
    orgId,
    fresh.map(({ values }) => ({ ...values, name: values.name!, custom: mergeCustom({}, values.custom ?? {}) })),
  );
  const tags = await repo.ensureTags(tx, orgId, uniqueNames(fresh.flatMap((c) => c.tags)));
  const tagsOf = fresh.map((c) => {
    const names = new Set(uniqueNames(c.tags));
    return tags.filter((tag) => names.has(tag.name));
  });
  await repo.addTagsToContacts(
    tx,
    orgId,
    rows.flatMap((row, i) => tagsOf[i]!.map((tag) => ({ contactId: row.id, tagId: tag.id }))),
  );
  const actor = actorUserId(ctx);
  await repo.insertActivities(
    tx,
    orgId,
    rows.flatMap((row, i) => [
      ...tagsOf[i]!.map((tag) => ({
        contactId: row.id,
        type: 'tag_added',
        summary: `Tag added: ${tag.name}`,
        data: { tagId: tag.id, tag: tag.name },
        actorUserId: actor,
      })),
      { ...createdActivity(ctx, row), contactId: row.id },
    ]),
  );
  await recordAudits(
    tx,
    ctx,
    rows.map((row, i) =>
      createdAudit(
        row,
        fresh[i]!.values,
        tagsOf[i]!.map((tag) => tag.name),
      ),
    ),
  );
  return rows;
}
