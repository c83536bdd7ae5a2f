import type { Db } from '../../db/client.ts';
import { invalidField } from '../../errors/app-error.ts';
import type { OrgContext } from '../../http/authorize.ts';
import { recordAudit } from '../audit/index.ts';
import { actorUserId, addActivity, auditContactRead, loadContact, loadWritableContact } from '../contacts/index.ts';
import * as repo from './repo.ts';
import { currentConsents, normalizePurpose, type ConsentChannel, type ConsentStatus } from './rules.ts';
import type { ConsentInput } from './schemas.ts';

// A little slack for clocks that run slightly ahead of ours.
const FUTURE_SLACK_MS = 5 * 60_000;

/** Appends a grant or withdrawal, with its timeline line and audit event. Records are never edited. */
export async function recordConsent(db: Db, ctx: OrgContext, contactId: number, input: ConsentInput, now = new Date()) {
  const recordedAt = input.recordedAt ? new Date(input.recordedAt) : now;
  if (recordedAt.getTime() > now.getTime() + FUTURE_SLACK_MS)
    throw invalidField('body.recordedAt', 'cannot be in the future');
  return db.transaction(async (tx) => {
    await loadWritableContact(tx, ctx.org.id, contactId);
    const purpose = normalizePurpose(input.purpose);
    const row = await repo.insertConsent(tx, ctx.org.id, {
      contactId,
      channel: input.channel,
      purpose,
      status: input.status,
      source: input.source,
      evidence: input.evidence ?? { type: input.source === 'unsubscribe' ? 'unsubscribe_link' : 'staff_entry' },
      recordedAt,
      recordedBy: actorUserId(ctx),
    });
    const verb = input.status === 'granted' ? 'granted' : 'withdrawn';
    await addActivity(tx, ctx.org.id, contactId, {
      type: 'consent',
      summary: `Consent ${verb}: ${input.channel} / ${purpose}`,
      data: { consentId: row.id, channel: input.channel, purpose, status: input.status, source: input.source },
      actorUserId: actorUserId(ctx),
      at: recordedAt,
    });
    await recordAudit(tx, ctx, {
      action: 'consent.record',
      subjectType: 'contact',
      subjectId: contactId,
      data: { consentId: row.id, channel: input.channel, purpose, status: input.status, source: input.source },
    });
    return row;
  });
}

/** Current state per channel and purpose, and the full history; an audited read. */
export async function consentState(db: Db, ctx: OrgContext, contactId: number) {
  return db.transaction(async (tx) => {
    await loadContact(tx, ctx.org.id, contactId);
    await auditContactRead(tx, ctx, contactId, 'consents');
    const history = await repo.consentRecords(tx, ctx.org.id, contactId);
    return { current: currentConsents(history), history };
  });
}

export interface ConsentAnswer {
  status: ConsentStatus | 'none';
  /** True only with a current grant: silence is not consent. */
  granted: boolean;
  recordedAt: Date | null;
  consentId: number | null;
}

/**
 * For messaging: may we use this channel for this purpose with this contact? Reads only; the
 * caller audits the send. An unknown contact, or one never asked, answers `none`.
 */
export async function consentFor(
  db: Db,
  orgId: string,
  contactId: number,
  channel: ConsentChannel,
  purpose: string,
): Promise<ConsentAnswer> {
  const [latest] = await repo.consentRecords(db, orgId, contactId, { channel, purpose: normalizePurpose(purpose) });
  if (!latest) return { status: 'none', granted: false, recordedAt: null, consentId: null };
  return {
    status: latest.status,
    granted: latest.status === 'granted',
    recordedAt: latest.recordedAt,
    consentId: latest.id,
  };
}
