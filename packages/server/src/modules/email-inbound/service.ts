import { messageIdFor } from '../../adapters/email/index.ts';
import type { Config } from '../../config/config.ts';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../errors/app-error.ts';
import { systemContext } from '../../http/system-context.ts';
import { recordAudit } from '../audit/index.ts';
import { recordConsent } from '../consent/index.ts';
import { unsubscribeKeyring, verifyUnsubscribeToken, type UnsubscribeKeyring } from '../email/index.ts';
import { suppressAddress, suppressBounced } from '../mailings/index.ts';
import { classifyInbound, type InboundMessage, type ReturnedCopy } from './classify.ts';
import * as repo from './repo.ts';

export interface InboundDeps {
  db: Db;
  config: Pick<Config, 'SECRET_KEY'>;
}

/** What a message did: recorded one of three things, or nothing, and why. */
export interface InboundResult {
  outcome: 'bounced' | 'complained' | 'unsubscribed' | 'ignored';
  detail: string;
}

const ignored = (detail: string): InboundResult => ({ outcome: 'ignored', detail });

const keyrings = new Map<string, UnsubscribeKeyring>();
const keyringFor = (secret: string) => {
  let keyring = keyrings.get(secret);
  if (!keyring) keyrings.set(secret, (keyring = unsubscribeKeyring(secret)));
  return keyring;
};

/** Mailing copies are sent as `message=mailing-<id>; recipient=c<contact id>` (personalize.ts). */
const mailingIds = (sendId: { messageId: string; recipientId: string }) => ({
  mailingId: Number(/^mailing-(\d{1,15})$/.exec(sendId.messageId)?.[1] ?? NaN),
  contactId: Number(/^c(\d{1,15})$/.exec(sendId.recipientId)?.[1] ?? NaN),
});

/**
 * The copy a report returns: by its send id, else within that mailing by the reported address, else
 * by recomputing the Message-ID of each copy sent to that address. The copy names the organization.
 */
async function locateCopy(db: Db, returned: ReturnedCopy, addresses: string[]) {
  if (returned.sendId) {
    const { mailingId, contactId } = mailingIds(returned.sendId);
    const orgId = Number.isSafeInteger(mailingId) ? await repo.orgOfMailing(db, mailingId) : undefined;
    if (!orgId) return undefined;
    const byIds = Number.isSafeInteger(contactId) ? await repo.copyByIds(db, orgId, mailingId, contactId) : undefined;
    return byIds ?? repo.copyInMailingTo(db, orgId, mailingId, addresses);
  }
  const local = /^([0-9a-f]{32})@/.exec(returned.messageId ?? '')?.[1];
  if (!local) return undefined;
  const candidates = await repo.copiesTo(db, addresses);
  return candidates.find(
    (c) =>
      messageIdFor({ messageId: `mailing-${c.mailingId}`, recipientId: `c${c.contactId}` }, 'x@x') === `<${local}@x>`,
  );
}

async function bounce(db: Db, message: Extract<InboundMessage, { kind: 'bounce' }>): Promise<InboundResult> {
  const addresses = message.bounces.flatMap((b) => [b.finalRecipient, b.originalRecipient ?? '']).filter(Boolean);
  const copy = await locateCopy(db, message.copy, addresses);
  if (!copy) return ignored('the notice returns no copy of a mailing');
  // The notice must be about the address the copy went to: ids alone are easy to guess.
  const email = copy.email.toLowerCase();
  const failure = message.bounces.find((b) => b.finalRecipient === email || b.originalRecipient === email);
  if (!failure) return ignored('the notice is about another address than the copy it returns');
  const reason = `bounce notice ${failure.status}: ${failure.diagnostic ?? 'no diagnostic'}`;
  return db.transaction(async (tx) => {
    if (!(await repo.markBounced(tx, copy, reason))) return ignored(`the copy is already ${copy.status}`);
    await suppressBounced(tx, copy.orgId, copy.mailingId, [copy.contactId], 'bounce-notice');
    const ctx = await systemContext(tx, { id: copy.orgId }, 'email:bounce-notice', 'mail');
    await recordAudit(tx, ctx, {
      action: 'mailing.bounce-notice',
      subjectType: 'mailing',
      subjectId: copy.mailingId,
      data: { contactId: copy.contactId, status: failure.status, report: message.reportId ?? null },
    });
    return { outcome: 'bounced', detail: `mailing ${copy.mailingId}: ${failure.status}` };
  });
}

async function complaint(db: Db, message: Extract<InboundMessage, { kind: 'complaint' }>): Promise<InboundResult> {
  const copy = await locateCopy(db, message.copy, message.recipient ? [message.recipient] : []);
  if (!copy) return ignored('the report returns no copy of a mailing');
  const email = copy.email.toLowerCase();
  // Feedback loops often redact the recipient; when they name one, it must be the copy's.
  if (!email || (message.recipient && message.recipient !== email))
    return ignored('the report is about another address than the copy it returns');
  if ((await repo.suppressionOf(db, copy.orgId, email))?.reason === 'complaint')
    return ignored('the address is already suppressed for a complaint');
  const ctx = await systemContext(db, { id: copy.orgId }, 'email:complaint-report', 'mail');
  await suppressAddress(db, ctx, {
    email,
    reason: 'complaint',
    origin: 'complaint-report',
    note: `complaint report (${message.feedbackType}) ${message.reportId ? `<${message.reportId}> ` : ''}on mailing ${copy.mailingId}`,
  });
  return { outcome: 'complained', detail: `mailing ${copy.mailingId}: ${message.feedbackType}` };
}

async function unsubscribe(deps: InboundDeps, message: Extract<InboundMessage, { kind: 'unsubscribe' }>) {
  const verdict = verifyUnsubscribeToken(keyringFor(deps.config.SECRET_KEY), message.token);
  if (!verdict.ok) return ignored(`the unsubscribe token is ${verdict.reason}`);
  const { orgId, contactId, channel, purpose } = verdict.claims;
  if ((await repo.latestConsentStatus(deps.db, orgId, contactId, channel, purpose)) === 'withdrawn')
    return ignored('already unsubscribed');
  const ctx = await systemContext(deps.db, { id: orgId }, 'email:unsubscribe-mail', 'mail');
  await recordConsent(deps.db, ctx, contactId, {
    channel,
    purpose,
    status: 'withdrawn',
    source: 'unsubscribe',
    evidence: { type: 'email_reply', ref: 'mailto-unsubscribe', text: message.reportId ?? null },
  });
  return { outcome: 'unsubscribed' as const, detail: `${channel} / ${purpose}` };
}

/**
 * One message that came back to the sending mailbox: a bounce notice marks its copy bounced and
 * suppresses the address; a complaint report suppresses it and withdraws its email consents; a
 * mailto: unsubscribe withdraws what its signed token names. The organization is always the one the
 * token or the copy names. Anything else, and the same message a second time, changes nothing.
 */
export async function handleInboundEmail(deps: InboundDeps, raw: Buffer | string): Promise<InboundResult> {
  const message = await classifyInbound(raw);
  try {
    if (message.kind === 'bounce') return await bounce(deps.db, message);
    if (message.kind === 'complaint') return await complaint(deps.db, message);
    if (message.kind === 'unsubscribe') return await unsubscribe(deps, message);
  } catch (error) {
    // An erased or merged contact, or a deleted organization: there is no one left to record it for.
    if (error instanceof AppError) return ignored(error.message);
    throw error;
  }
  return ignored(message.why);
}
