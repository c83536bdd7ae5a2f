import type { Db } from '../../db/client.ts';
import { invalidField } from '../../errors/app-error.ts';
import type { OrgContext } from '../../http/authorize.ts';
import { recordAudits } from '../audit/index.ts';
import {
  actorUserId,
  auditContactRead,
  insertActivities,
  loadContact,
  loadWritableContact,
} from '../contacts/index.ts';
import * as repo from './repo.ts';
import { currentConsents, normalizePurpose, type ConsentChannel, type ConsentStatus } from './rules.ts';
import type { ConsentInput } from './schemas.ts';

// A little slack for clocks that run slightly ahead of ours.
const FUTURE_SLACK_MS = 5 * 60_000;

/** Appends a grant or withdrawal, with its timeline line and audit event. Records are never edited. */
export async function recordConsent(db: Db, ctx: OrgContext, contactId: number, input: ConsentInput, now = new Date()) {
  return db.transaction(async (tx) => {
    await loadWritableContact(tx, ctx.org.id, contactId);
    const [row] = await appendConsents(tx, ctx, [{ contactId, input }], now);
    return row!;
  });
}

/**
 * Several records at once, each with its timeline line and audit event, in the caller's transaction.
 * The caller has checked that each contact can still be written to (listed, locked).
 */
export async function appendConsents(
  tx: Db,
  ctx: OrgContext,
  items: readonly { contactId: number; input: ConsentInput }[],
  now = new Date(),
) {
  if (items.length === 0) return [];
  const values = items.map(({ contactId, input }) => {
    const recordedAt = input.recordedAt ? new Date(input.recordedAt) : now;
    if (recordedAt.getTime() > now.getTime() + FUTURE_SLACK_MS)
      throw invalidField('body.recordedAt', 'cannot be in the future');
    return {
      contactId,
      channel: input.channel,
      purpose: normalizePurpose(input.purpose),
      status: input.status,
      source: input.source,
      evidence: input.evidence ?? { type: input.source === 'unsubscribe' ? 'unsubscribe_link' : 'staff_entry' },
      recordedAt,
      recordedBy: actorUserId(ctx),
    };
  });
  const rows = await repo.insertConsents(tx, ctx.org.id, values);
  const facts = (row: (typeof rows)[number]) => ({
    consentId: row.id,
    channel: row.channel,
    purpose: row.purpose,
    status: row.status,
    source: row.source,
  });
  await insertActivities(
    tx,
    ctx.org.id,
    rows.map((row) => ({
      contactId: row.contactId,
      type: 'consent',
      summary: `Consent ${row.status === 'granted' ? 'granted' : 'withdrawn'}: ${row.channel} / ${row.purpose}`,
      data: facts(row),
      actorUserId: actorUserId(ctx),
      at: row.recordedAt,
    })),
  );
  await recordAudits(
    tx,
    ctx,
    rows.map((row) => ({
      action: 'consent.record',
      subjectType: 'contact',
      subjectId: row.contactId,
      data: facts(row),
    })),
  );
  return rows;
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
