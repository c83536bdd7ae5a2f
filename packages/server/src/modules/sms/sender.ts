import { sql } from 'drizzle-orm';
import { nextSendTime, type SendResult, type SmsProvider } from '../../adapters/sms/index.ts';
import { isSmsCapableE164 } from '../../adapters/sms/phone.ts';
import type { Clock } from '../../adapters/clock.ts';
import type { Config } from '../../config/config.ts';
import type { Db } from '../../db/client.ts';
import type { ClaimedCopy } from '../outreach/index.ts';
import { textable, type Textable } from './audience.ts';
import * as repo from './repo.ts';
import { providerFromSettings, quietHoursOf, settingsRow, timezoneOf, type SmsSettingsConfig } from './settings.ts';
import { templateParamsFor } from './template.ts';
import { pace } from './throttle.ts';

export interface SmsSenderDeps {
  db: Db;
  clock: Clock;
  config: SmsSettingsConfig & Pick<Config, 'SMS_RATE'>;
}

export interface SmsRunOptions {
  batchSize?: number;
  /** Tries of a copy the vendor throttled before it counts as failed. */
  maxRounds?: number;
  /** A run hands over after this long; the job queues the next. */
  budgetMs?: number;
}

/** finished; paused or cancelled; waiting (quiet hours, retries, no provider); another sender holds it; time up. */
export type SmsRunResult = 'finished' | 'stopped' | 'waiting' | 'busy' | 'continue';

const LEASE_SECONDS = 120;

interface Settled {
  contactId: number;
  status: 'sent' | 'failed' | 'skipped' | 'uncertain' | 'pending';
  reason: string | null;
  retryAfterSeconds: number | null;
  providerMessageId: string | null;
}

async function settle(db: Db, orgId: string, sendId: number, settled: Settled[]) {
  if (settled.length === 0) return;
  await db.execute(sql`
    update sms_recipients r set
      status = s.status,
      reason = s.reason,
      provider_message_id = coalesce(s."providerMessageId", r.provider_message_id),
      sent_at = case when s.status = 'sent' then now() else r.sent_at end,
      retry_at = case when s."retryAfterSeconds" is not null
        then now() + make_interval(secs => s."retryAfterSeconds") else null end
    from jsonb_to_recordset(${JSON.stringify(settled)}::jsonb)
      as s("contactId" bigint, status text, reason text, "retryAfterSeconds" integer, "providerMessageId" text)
    where r.org_id = ${orgId} and r.send_id = ${sendId} and r.contact_id = s."contactId"
      and r.status = 'sending'`);
}

const settled = (contactId: number, status: Settled['status'], reason: string | null = null): Settled => ({
  contactId,
  status,
  reason,
  retryAfterSeconds: null,
  providerMessageId: null,
});

/**
 * Only a throttled copy is tried again: the vendor said no before sending. A vendor or network error
 * (`unavailable`) does not prove the message did not go (Aliyun's SendSms is not idempotent), so that
 * copy is `uncertain` and never sent again; so is a call that threw.
 */
export function outcomeOf(claimed: ClaimedCopy, result: SendResult, maxRounds: number): Settled {
  const { contactId } = claimed;
  if (result.ok) return { ...settled(contactId, 'sent'), providerMessageId: result.providerMessageId };
  const { failure } = result;
  const reason = `${failure.kind} ${failure.providerCode}: ${failure.message}`.slice(0, 500);
  if (failure.kind === 'throttled' && claimed.attempts < maxRounds)
    return { ...settled(contactId, 'pending', reason), retryAfterSeconds: Math.max(1, failure.retryAfterSeconds) };
  if (failure.kind === 'unavailable')
    return settled(contactId, 'uncertain', `may have gone out; not sent again (${reason})`);
  return settled(contactId, 'failed', reason);
}

async function sendOne(
  provider: SmsProvider,
  message: Parameters<SmsProvider['send']>[0],
  claimed: ClaimedCopy,
  maxRounds: number,
  rate: number,
): Promise<Settled> {
  await pace(rate);
  try {
    return outcomeOf(claimed, await provider.send(message), maxRounds);
  } catch (error) {
    return settled(
      claimed.contactId,
      'uncertain',
      `may have gone out; not sent again (${String(error)})`.slice(0, 500),
    );
  }
}

/**
 * Sends an SMS send that is `sending` until it is done, paused or cancelled, as the mailing sender does
 * (mailings/sender.ts): one lease per send, copies claimed before they go and settled after, a copy a
 * stopped run left in flight `uncertain`. It also keeps the organization's quiet hours: a batch due
 * inside them waits, with `waitUntil` set, until they end.
 */
export async function runSmsSend(
  deps: SmsSenderDeps,
  orgId: string,
  sendId: number,
  options: SmsRunOptions = {},
): Promise<SmsRunResult> {
  const { batchSize = 100, maxRounds = 5, budgetMs = 5 * 60_000 } = options;
  const deadline = Date.now() + budgetMs;
  const settings = await settingsRow(deps.db, orgId);
  const provider = providerFromSettings(deps, settings);
  if (!provider) return 'waiting';
  const lease = await repo.takeLease(deps.db, orgId, sendId, LEASE_SECONDS);
  if (!lease) return 'busy';
  const send = (await repo.findSend(deps.db, orgId, sendId))!;
  try {
    await repo.markInFlightUncertain(deps.db, orgId, sendId, lease);
    const template = send.templateId ? await repo.findTemplate(deps.db, orgId, send.templateId) : undefined;
    const org = await timezoneOf(deps.db, orgId);
    for (;;) {
      if (!(await repo.renewLease(deps.db, orgId, sendId, lease, LEASE_SECONDS))) return 'stopped';
      const now = deps.clock.now();
      const allowed = nextSendTime(now, org.timezone, quietHoursOf(settings));
      if (allowed.getTime() > now.getTime()) {
        await repo.waitUntil(deps.db, orgId, sendId, allowed);
        return 'waiting';
      }
      const claimed = await repo.claimBatch(deps.db, orgId, sendId, lease, batchSize);
      if (claimed.length === 0) {
        if (await repo.finishIfDone(deps.db, orgId, sendId)) return 'finished';
        const retry = await repo.nextRetry(deps.db, orgId, sendId);
        if (retry) await repo.waitUntil(deps.db, orgId, sendId, retry);
        return 'waiting';
      }
      const checked = new Map<number, Textable>(
        (
          await textable(
            deps.db,
            orgId,
            sendId,
            send.purpose,
            claimed.map((c) => c.contactId),
          )
        ).map((t) => [Number(t.contactId), t]),
      );
      const results = await Promise.all(
        claimed.map(async (c): Promise<Settled> => {
          const t = checked.get(Number(c.contactId));
          if (!t || t.skip) return settled(c.contactId, 'skipped', t?.skip ?? 'contact gone');
          if (!isSmsCapableE164(t.phone)) return settled(c.contactId, 'skipped', 'not a mobile number (E.164)');
          if (!template) return settled(c.contactId, 'failed', 'template deleted');
          const templateParams = templateParamsFor(template.params, {
            contactName: t.name,
            organizationName: org.name,
          });
          const message = {
            phone: t.phone,
            signName: template.signName,
            templateCode: template.templateCode,
            templateParams,
            reference: `s${sendId}c${c.contactId}`,
          };
          return sendOne(provider, message, c, maxRounds, deps.config.SMS_RATE);
        }),
      );
      await settle(deps.db, orgId, sendId, results);
      if (Date.now() > deadline) return 'continue';
    }
  } finally {
    await repo.releaseLease(deps.db, orgId, sendId, lease);
  }
}
