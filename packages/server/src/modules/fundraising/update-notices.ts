import { and, eq, sql } from 'drizzle-orm';
import sanitizeHtml from 'sanitize-html';
import type { EmailTransport } from '../../adapters/email/index.ts';
import type { Config } from '../../config/config.ts';
import type { Db } from '../../db/client.ts';
import { money } from '../../text/format.ts';
import { consentFor } from '../consent/index.ts';
import { getContact } from '../contacts/index.ts';
import {
  escapeHtml,
  mergeFieldsFor,
  signUnsubscribeToken,
  unsubscribeKeyring,
  unsubscribeLinks,
  wrapHtml,
  wrapText,
} from '../email/index.ts';
import { CONSENT_PURPOSE } from './orders.ts';
import { campaignPath } from './present.ts';
import * as repo from './repo.ts';
import { campaignUpdates, updateNotices } from './tables.ts';

const MAX_ATTEMPTS = 5;

export interface NoticeDeps {
  db: Db;
  config: Pick<Config, 'PUBLIC_URL' | 'SECRET_KEY' | 'EMAIL_FROM'>;
  email?: EmailTransport;
}

/**
 * Emails the update notices that are waiting. Each donor's consent is read again just before sending,
 * so an unsubscribe made since the update was posted is honoured at once; each email carries RFC 8058
 * one-click unsubscribe. Claimed first, sent at most once. Instance-wide: the sweep serves every
 * organization. Without SMTP_URL notices wait.
 */
export async function emailPendingNotices(deps: NoticeDeps, batch = 100): Promise<number> {
  if (!deps.email) return 0;
  const claimed = (await deps.db.execute(sql`
    update update_notices n set claimed_at = now(), attempts = n.attempts + 1
    from (
      select org_id, id from update_notices
      where status = 'pending' and attempts < ${MAX_ATTEMPTS}
        and (claimed_at is null or claimed_at < now() - interval '10 minutes')
      order by id limit ${batch}
      for update skip locked
    ) c
    where n.org_id = c.org_id and n.id = c.id
    returning n.org_id, n.id, n.update_id, n.contact_id, n.attempts`)) as unknown as {
    rows: {
      org_id: string;
      id: number | string;
      update_id: number | string;
      contact_id: number | string;
      attempts: number;
    }[];
  };
  const keyring = unsubscribeKeyring(deps.config.SECRET_KEY);
  let sent = 0;
  for (const row of claimed.rows) {
    const orgId = row.org_id;
    const mark = (values: Partial<typeof updateNotices.$inferInsert>) =>
      deps.db
        .update(updateNotices)
        .set(values)
        .where(and(eq(updateNotices.orgId, orgId), eq(updateNotices.id, Number(row.id))));
    const contact = await getContact(deps.db, orgId, Number(row.contact_id));
    const consent = await consentFor(deps.db, orgId, Number(row.contact_id), 'email', CONSENT_PURPOSE);
    if (!contact?.email || contact.erasedAt || !consent.granted) {
      await mark({ status: 'skipped', reason: !consent.granted ? 'consent withdrawn' : 'no email address' });
      continue;
    }
    const [update] = await deps.db
      .select()
      .from(campaignUpdates)
      .where(and(eq(campaignUpdates.orgId, orgId), eq(campaignUpdates.id, Number(row.update_id))));
    const campaign = (await repo.findCampaign(deps.db, orgId, update!.campaignId))!;
    const org = await repo.orgSlugOf(deps.db, orgId);
    const token = signUnsubscribeToken(keyring, {
      orgId,
      contactId: contact.id,
      channel: 'email',
      purpose: CONSENT_PURPOSE,
    });
    const links = unsubscribeLinks(deps.config.PUBLIC_URL, deps.config.EMAIL_FROM, token);
    const fields = mergeFieldsFor({
      contactName: contact.name,
      organizationName: org.orgName,
      unsubscribeUrl: links.unsubscribeUrl,
      preferencesUrl: links.preferencesUrl,
    });
    const page = `${deps.config.PUBLIC_URL}${campaignPath(org.orgSlug, campaign.slug)}#updates`;
    // Pictures in the update point at this instance; in an email they need its full address.
    const body = update!.body.replaceAll('src="/media/', `src="${deps.config.PUBLIC_URL}/media/`);
    const spending = update!.spending
      ? `<p style="color:#4e5969">已拨付 ${money(update!.spending.allocated, update!.spending.currency)}，已支出 ${money(
          update!.spending.spent,
          update!.spending.currency,
        )}</p>`
      : '';
    const subject = `项目进展：${update!.title} · ${campaign.copy.title}`;
    const html = `<p>${escapeHtml(fields.greeting)}：</p><h2>${escapeHtml(update!.title)}</h2>${body}${spending}<p><a href="${escapeHtml(page)}">查看项目页面</a></p>`;
    const text = `${fields.greeting}：\n\n${update!.title}\n\n${sanitizeHtml(update!.body, { allowedTags: [], allowedAttributes: {} })}\n\n${page}`;
    const outcome = await deps.email.send({
      from: { name: org.orgName, address: deps.config.EMAIL_FROM },
      to: { name: contact.name, address: contact.email },
      subject,
      html: wrapHtml(html, subject, fields),
      text: wrapText(text, fields),
      sendId: { messageId: `update-${row.update_id}`, recipientId: `c${contact.id}` },
      unsubscribe: { url: links.unsubscribeUrl, mailto: links.mailto },
    });
    if (outcome.status === 'sent') {
      await mark({ status: 'sent', sentAt: new Date(), reason: null });
      sent++;
    } else {
      // A refused address is final; a temporary failure waits ten minutes, five times at most.
      const final = outcome.failure.kind === 'permanent' || row.attempts >= MAX_ATTEMPTS;
      await mark(
        final
          ? { status: 'failed', reason: `${outcome.failure.reason}: ${outcome.failure.message}`.slice(0, 500) }
          : { reason: `${outcome.failure.reason}: ${outcome.failure.message}`.slice(0, 500) },
      );
    }
  }
  return sent;
}
