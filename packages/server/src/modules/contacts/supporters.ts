import type { Db } from '../../db/client.ts';
import type { OrgContext } from '../../http/authorize.ts';
import { recordAudits } from '../audit/index.ts';
import { normalizeContactInput, type NormalizedContact } from './contact-input.ts';
import { mergeCustom } from './custom-values.ts';
import * as repo from './repo.ts';
import { bodyProblems, createdActivity, createdAudit } from './service.ts';

/** Who gave or signed up, as a public form collected them: an E.164 phone or an email, or both. */
export interface Supporter {
  name: string;
  phone: string | null;
  email: string | null;
  /** Where a new contact came from, e.g. online_giving. */
  source: string;
}

type Slot = { id: number } | { fresh: number };

/**
 * The contact each supporter belongs to, in the order given: the listed contact with their phone or,
 * failing that, their email (the lowest id among equals), else a new contact with its timeline line
 * and audit event. Supporters of one call who share a phone or email become one contact, as if they
 * had come one after another. Every contact answered is locked until the transaction ends, so a
 * merge or erasure cannot slip in before the caller writes to it.
 */
export async function findOrCreateSupporters(
  tx: Db,
  ctx: OrgContext,
  supporters: readonly Supporter[],
): Promise<{ id: number; created: boolean }[]> {
  const orgId = ctx.org.id;
  const distinct = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => v !== null))];
  const phones = distinct(supporters.map((s) => s.phone));
  const emails = distinct(supporters.map((s) => s.email));
  // Two transactions meeting the same new supporter at once would each create them: the second waits.
  await repo.lockSupporterKeys(tx, orgId, [...phones, ...emails]);
  const listed = await repo.lockListedByPhonesOrEmails(tx, orgId, { phones, emails });
  const byPhone = new Map<string, Slot>();
  const byEmail = new Map<string, Slot>();
  for (const row of listed) {
    if (row.phone && !byPhone.has(row.phone)) byPhone.set(row.phone, { id: row.id });
    if (row.email && !byEmail.has(row.email)) byEmail.set(row.email, { id: row.id });
  }
  const fresh: NormalizedContact[] = [];
  const slots = supporters.map((supporter): Slot => {
    const found =
      (supporter.phone ? byPhone.get(supporter.phone) : undefined) ??
      (supporter.email ? byEmail.get(supporter.email) : undefined);
    if (found) return found;
    const checked = normalizeContactInput(
      {
        kind: 'person',
        name: supporter.name,
        phone: supporter.phone ?? undefined,
        email: supporter.email ?? undefined,
        source: supporter.source,
      },
      { mode: 'create', customFields: [] },
    );
    if (!checked.ok) throw bodyProblems(checked.problems);
    const slot = { fresh: fresh.push(checked.values) - 1 };
    if (supporter.phone) byPhone.set(supporter.phone, slot);
    if (supporter.email && !byEmail.has(supporter.email)) byEmail.set(supporter.email, slot);
    return slot;
  });
  const created = await repo.insertContacts(
    tx,
    orgId,
    fresh.map((values) => ({ ...values, name: values.name!, custom: mergeCustom({}, values.custom ?? {}) })),
  );
  await repo.insertActivities(
    tx,
    orgId,
    created.map((row) => ({ ...createdActivity(ctx, row), contactId: row.id })),
  );
  await recordAudits(
    tx,
    ctx,
    created.map((row, i) => createdAudit(row, fresh[i]!, [])),
  );
  return slots.map((slot) =>
    'id' in slot ? { id: slot.id, created: false } : { id: created[slot.fresh]!.id, created: true },
  );
}
