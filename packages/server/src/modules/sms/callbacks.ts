import type { FastifyBaseLogger } from 'fastify';
import { systemClock } from '../../adapters/clock.ts';
import {
  aliyunSmsProvider,
  optOutKeyword,
  tencentSmsProvider,
  type SmsCallbackRequest,
  type SmsCallbackResponse,
  type SmsProvider,
} from '../../adapters/sms/index.ts';
import type { Db } from '../../db/client.ts';
import { systemContext } from '../../http/system-context.ts';
import { appendConsents } from '../consent/index.ts';
import * as repo from './repo.ts';
import { settingsByToken } from './settings.ts';

/** Parsing needs no keys: an adapter without them reads the vendor's pushes even when the secret is unreadable. */
const noFetch = () => Promise.reject(new Error('callbacks never call the vendor'));
function parserFor(provider: string | null): SmsProvider | undefined {
  if (provider === 'aliyun')
    return aliyunSmsProvider({ accessKeyId: '', accessKeySecret: '' }, { fetch: noFetch, clock: systemClock });
  if (provider === 'tencent')
    return tencentSmsProvider({ secretId: '', secretKey: '', smsSdkAppId: '' }, { fetch: noFetch, clock: systemClock });
  return undefined;
}

export type CallbackKind = 'receipts' | 'replies';

/**
 * A vendor's push for the organization whose token is in the path: delivery receipts update their
 * copies; an opt-out reply (TD, 退订…) withdraws SMS consent, for every purpose granted now, from the
 * organization's contacts with that phone. Undefined (a 404) for an unknown token or a vendor without
 * callbacks; the content is otherwise unauthenticated, so it can only do what the phone's owner may ask.
 */
export async function handleSmsCallback(
  deps: { db: Db; log: FastifyBaseLogger },
  token: string,
  kind: CallbackKind,
  request: SmsCallbackRequest,
): Promise<SmsCallbackResponse | undefined> {
  const settings = await settingsByToken(deps.db, token);
  const parser = parserFor(settings?.provider ?? null);
  if (!settings || !parser?.callbackResponse) return undefined;
  const orgId = settings.orgId;
  if (kind === 'receipts') {
    const parsed = parser.parseDeliveryReceipts!(request);
    if (!parsed.ok) return parser.callbackResponse(false);
    for (const receipt of parsed.events)
      await repo.recordReceipt(deps.db, orgId, { ...receipt, at: receipt.reportedAt ?? new Date() });
    if (parsed.skipped) deps.log.warn({ skipped: parsed.skipped }, 'sms receipts: entries not read');
    return parser.callbackResponse(true);
  }
  const parsed = parser.parseInboundMessages!(request);
  if (!parsed.ok) return parser.callbackResponse(false);
  for (const reply of parsed.events) {
    if (!optOutKeyword(reply.text)) continue;
    const ctx = await systemContext(deps.db, { id: orgId }, 'sms-reply', 'sms-callback');
    await deps.db.transaction(async (tx) => {
      const granted = await repo.grantedSmsPurposes(tx, orgId, reply.phone);
      await appendConsents(
        tx,
        ctx,
        granted.map((g) => ({
          contactId: Number(g.contact_id),
          input: {
            channel: 'sms' as const,
            purpose: g.purpose,
            status: 'withdrawn' as const,
            source: 'unsubscribe' as const,
            // Recorded now, not at the vendor's (Beijing, unzoned) reply time: a withdrawal must never sort
            // before a grant it answers because of a clock. The reply and its time are the evidence.
            evidence: {
              type: 'sms_reply' as const,
              ref: `${reply.phone} ${reply.receivedAt.toISOString()}`,
              text: reply.text.slice(0, 5000),
            },
          },
        })),
      );
    });
  }
  return parser.callbackResponse(true);
}
