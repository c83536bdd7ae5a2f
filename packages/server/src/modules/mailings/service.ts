import type { Clock } from '../../adapters/clock.ts';
import type { EmailTransport } from '../../adapters/email/index.ts';
import type { Config } from '../../config/config.ts';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../errors/app-error.ts';
import type { OrgContext } from '../../http/authorize.ts';
import { recordAudit } from '../audit/index.ts';
import { sql } from 'drizzle-orm';
import { mergeFieldsFor, renderEmail } from '../email/index.ts';
import { editable, sendLifecycle } from '../outreach/index.ts';
import { audienceCondition, countAudience, listRecipients } from './audience.ts';
import { compileMailing } from './content.ts';
import { personalize } from './personalize.ts';
import * as repo from './repo.ts';
import type { MailingContent, MailingInput, MailingPatch } from './schemas.ts';

export interface MailingDeps {
  db: Db;
  clock: Clock;
  config: Pick<Config, 'PUBLIC_URL' | 'SECRET_KEY' | 'EMAIL_FROM'>;
  email?: EmailTransport;
}

const lifecycle = sendLifecycle<repo.MailingRow>({
  noun: 'Mailing',
  stateCode: 'MAILING_STATE',
  auditPrefix: 'mailing',
  subjectType: 'mailing',
  cancelledReason: 'mailing cancelled',
  reachableMeans: 'with an address and consent for this purpose',
  find: repo.findMailing,
  transition: repo.transition,
  countReachable: async (db, clock, ctx, row) =>
    (await countAudience(db, clock, ctx, row.audience, row.purpose)).reachable,
  async listRecipients(tx, clock, ctx, row) {
    await listRecipients(tx, ctx.org.id, row.id, await audienceCondition(tx, clock, ctx, row.audience), row.purpose);
    return repo.updateMailing(tx, ctx.org.id, row.id, { recipientsListedAt: new Date() });
  },
  skipPending: repo.skipPending,
});
const { stateError } = lifecycle;
export const loadMailing = lifecycle.load;

export async function createMailing(db: Db, ctx: OrgContext, input: MailingInput) {
  compileMailing(input.subject, input.content);
  const row = await repo.insertMailing(db, {
    orgId: ctx.org.id,
    ...input,
    createdBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
  });
  await recordAudit(db, ctx, {
    action: 'mailing.create',
    subjectType: 'mailing',
    subjectId: row.id,
    data: { name: row.name },
  });
  return row;
}

/** Drafts and scheduled mailings can change; the template is checked on every save. */
export async function updateMailing(db: Db, ctx: OrgContext, id: number, patch: MailingPatch) {
  const current = await loadMailing(db, ctx.org.id, id);
  if (!editable(current.status)) throw stateError(current, 'edited');
  compileMailing(patch.subject ?? current.subject, patch.content ?? current.content);
  const row = await repo.updateMailing(db, ctx.org.id, id, patch);
  await recordAudit(db, ctx, {
    action: 'mailing.update',
    subjectType: 'mailing',
    subjectId: id,
    data: { fields: Object.keys(patch) },
  });
  return row!;
}

export async function deleteMailing(db: Db, ctx: OrgContext, id: number) {
  const current = await loadMailing(db, ctx.org.id, id);
  const deleted = await repo.deleteMailing(db, ctx.org.id, id);
  if (deleted.length === 0) throw stateError(current, 'deleted');
  await recordAudit(db, ctx, {
    action: 'mailing.delete',
    subjectType: 'mailing',
    subjectId: id,
    data: { name: current.name },
  });
}

/** A sample recipient's copy, for the editor's preview: no contact's data is read. */
export function previewMailing(deps: MailingDeps, ctx: OrgContext, subject: string, content: MailingContent) {
  const template = compileMailing(subject, content);
  const sample = `${deps.config.PUBLIC_URL}/email/unsubscribe/preview`;
  return renderEmail(
    template,
    mergeFieldsFor({
      contactName: '王小明',
      organizationName: ctx.org.name,
      unsubscribeUrl: sample,
      preferencesUrl: `${deps.config.PUBLIC_URL}/email/preferences/preview`,
    }),
  );
}

export const audienceOf = (
  deps: MailingDeps,
  ctx: OrgContext,
  audience: repo.MailingRow['audience'],
  purpose: string,
) => countAudience(deps.db, deps.clock, ctx, audience, purpose);

const requireTransport = (deps: MailingDeps) => {
  if (!deps.email) throw new AppError('EMAIL_NOT_CONFIGURED', 'Email cannot be sent: SMTP_URL is not set');
  return deps.email;
};

/**
 * A test send to staff addresses, marked [测试] and merged as a sample recipient. Its unsubscribe link
 * points nowhere real: a test address is not a contact.
 */
export async function testMailing(deps: MailingDeps, ctx: OrgContext, id: number, emails: string[]) {
  const row = await loadMailing(deps.db, ctx.org.id, id);
  const transport = requireTransport(deps);
  const template = compileMailing(`[测试] ${row.subject}`, row.content);
  const results = [];
  for (const [i, email] of emails.entries()) {
    const copy = personalize(
      deps.config,
      { org: ctx.org, mailing: row, template },
      { contactId: 0, name: '王小明', email },
      { sendId: { messageId: `mailing-${row.id}-test-${Date.now()}`, recipientId: `t${i}` } },
    );
    const outcome = await transport.send(copy);
    results.push(
      outcome.status === 'sent'
        ? { email, status: 'sent' as const }
        : { email, status: 'failed' as const, error: `${outcome.failure.reason}: ${outcome.failure.message}` },
    );
  }
  await recordAudit(deps.db, ctx, { action: 'mailing.test', subjectType: 'mailing', subjectId: id, data: { emails } });
  return { results };
}

/** Sends now, or schedules; the template and subject are checked first. */
export async function sendMailing(deps: MailingDeps, ctx: OrgContext, id: number, scheduledAt?: string | null) {
  const row = await loadMailing(deps.db, ctx.org.id, id);
  requireTransport(deps);
  return lifecycle.sendOrSchedule(deps, ctx, row, scheduledAt, () => {
    compileMailing(row.subject, row.content);
    if (!row.subject.trim())
      throw new AppError('VALIDATION_FAILED', 'A mailing needs a subject', [{ path: 'subject', message: 'required' }]);
  });
}

export const { startSending, move: moveMailing } = lifecycle;

/**
 * Puts an address on the suppression list. A complaint (marked as spam) also withdraws every email
 * consent of the contacts with that address: they said, in the strongest way, that they want none.
 */
export async function suppressAddress(
  db: Db,
  ctx: OrgContext,
  input: { email: string; reason: 'bounce' | 'complaint' | 'manual'; note?: string; origin?: 'complaint-report' },
) {
  const email = input.email.toLowerCase();
  return db.transaction(async (tx) => {
    const row = await repo.upsertSuppression(tx, { orgId: ctx.org.id, ...input, email });
    if (input.reason === 'complaint') {
      await tx.execute(sql`
        insert into consents (org_id, contact_id, channel, purpose, status, source, evidence, recorded_by)
        select org_id, contact_id, channel, purpose, 'withdrawn', 'staff',
               jsonb_build_object('type', 'email_reply', 'ref', 'complaint', 'text', ${input.note ?? null}::text),
               ${ctx.actor.kind === 'user' ? ctx.actor.userId : null}::uuid
        from (select distinct on (k.contact_id, k.purpose) k.* from consents k
              join contacts c on c.org_id = k.org_id and c.id = k.contact_id
              where k.org_id = ${ctx.org.id} and k.channel = 'email' and lower(c.email) = ${email}
              order by k.contact_id, k.purpose, k.recorded_at desc, k.id desc) latest
        where status = 'granted'`);
    }
    await recordAudit(tx, ctx, {
      action: 'email-suppression.add',
      subjectType: 'email_suppression',
      subjectId: email,
      data: { reason: row.reason },
    });
    return row;
  });
}
