import { and, eq, sql } from 'drizzle-orm';
import type { EmailTransport } from '../../adapters/email/index.ts';
import type { Config } from '../../config/config.ts';
import type { Db } from '../../db/client.ts';
import { day, money } from '../../text/format.ts';
import { getContact } from '../contacts/index.ts';
import { MAX_CHARGE_FAILURES } from './monthly.ts';
import type { MonthlyGiftRow } from './monthly-repo.ts';
import { monthlyGiftUrl } from './monthly-view.ts';
import { campaignPath } from './present.ts';
import * as repo from './repo.ts';
import type { monthlyNotices } from './enums.ts';
import { monthlyGifts } from './tables.ts';
import { paragraphsEmail } from '../email/index.ts';

export interface MonthlyNoticeDeps {
  db: Db;
  config: Pick<Config, 'PUBLIC_URL' | 'SECRET_KEY' | 'EMAIL_FROM'>;
  email?: EmailTransport;
}

interface NoticeFacts {
  gift: MonthlyGiftRow;
  orgName: string;
  zone: string;
  campaignTitle: string;
  campaignUrl: string;
  manageUrl: string;
}

/** Each email's subject and lines: what happened, what happens next, and the donor's own page. */
function noticeText(kind: (typeof monthlyNotices)[number], f: NoticeFacts) {
  const amount = money(f.gift.amount, f.gift.currency);
  const next = f.gift.nextChargeAt ? day(f.gift.nextChargeAt, f.zone) : '';
  switch (kind) {
    case 'welcome':
      return {
        subject: `感谢您的月捐 · ${f.campaignTitle}`,
        lines: [
          `感谢您每月捐赠 ${amount} 支持「${f.campaignTitle}」。`,
          `下次捐赠将在 ${next} 自动进行，每月 ${f.gift.chargeDay} 日，每次都会给您寄收据。`,
          `修改金额、暂停或取消月捐，随时都可以在这里办理：${f.manageUrl}`,
        ],
      };
    case 'declined':
      return {
        subject: `本月月捐未能扣款 · ${f.campaignTitle}`,
        lines: [
          `您本月 ${amount} 的月捐未能扣款（${f.gift.lastFailure ?? '支付机构未说明原因'}）。`,
          `我们将在 ${next} 再试一次，最多尝试 ${MAX_CHARGE_FAILURES} 次。如需修改或暂停，请点这里：${f.manageUrl}`,
        ],
      };
    case 'lapsed':
      return {
        subject: `月捐已暂停扣款 · ${f.campaignTitle}`,
        lines: [
          `您 ${amount} 的月捐连续 ${MAX_CHARGE_FAILURES} 次未能扣款，我们已停止扣款，不会再尝试。`,
          `如果您愿意继续支持，可以在这里恢复：${f.manageUrl}`,
          `或者重新捐赠：${f.campaignUrl}`,
        ],
      };
    case 'ended':
      return {
        subject: `募捐已结束，月捐随之停止 · ${f.campaignTitle}`,
        lines: [
          `「${f.campaignTitle}」的募捐期已经结束。按照慈善法，募捐期外不能再接受捐赠，您的月捐已经停止，不会再扣款。`,
          `感谢您一直以来的支持。您的捐赠记录和收据仍在这里：${f.manageUrl}`,
        ],
      };
  }
}

/**
 * Emails the monthly-gift notices that are waiting (welcome, declined, lapsed, ended): service emails
 * about the donor's own gift, so no marketing consent is needed. Claimed first so two workers never send
 * one twice; a temporary failure is tried again after ten minutes. Without SMTP_URL they wait.
 */
export async function emailMonthlyNotices(deps: MonthlyNoticeDeps, batch = 100): Promise<number> {
  if (!deps.email) return 0;
  const claimed = (await deps.db.execute(sql`
    update monthly_gifts g set notice_claimed_at = now()
    from (
      select org_id, id from monthly_gifts
      where notice_due is not null
        and (notice_claimed_at is null or notice_claimed_at < now() - interval '10 minutes')
      order by updated_at limit ${batch}
      for update skip locked
    ) c
    where g.org_id = c.org_id and g.id = c.id
    returning g.org_id, g.id`)) as unknown as { rows: { org_id: string; id: number | string }[] };
  let sent = 0;
  for (const row of claimed.rows) {
    const [gift] = await deps.db
      .select()
      .from(monthlyGifts)
      .where(and(eq(monthlyGifts.orgId, row.org_id), eq(monthlyGifts.id, Number(row.id))));
    if (!gift?.noticeDue) continue;
    const done = (values: Partial<typeof monthlyGifts.$inferInsert> = {}) =>
      deps.db
        .update(monthlyGifts)
        .set({ noticeDue: null, noticeClaimedAt: null, ...values })
        // Only the notice that was sent: a newer one that came due meanwhile still goes out.
        .where(
          and(
            eq(monthlyGifts.orgId, gift.orgId),
            eq(monthlyGifts.id, gift.id),
            eq(monthlyGifts.noticeDue, gift.noticeDue!),
          ),
        );
    const contact = await getContact(deps.db, gift.orgId, gift.contactId);
    const address = contact && !contact.erasedAt ? (contact.email ?? gift.donor.email) : null;
    if (!address) {
      await done();
      continue;
    }
    const campaign = (await repo.findCampaign(deps.db, gift.orgId, gift.campaignId))!;
    const org = await repo.orgSlugOf(deps.db, gift.orgId);
    const { subject, lines } = noticeText(gift.noticeDue, {
      gift,
      orgName: org.orgName,
      zone: org.timezone,
      campaignTitle: campaign.copy.title,
      campaignUrl: `${deps.config.PUBLIC_URL}${campaignPath(org.orgSlug, campaign.slug)}`,
      manageUrl: monthlyGiftUrl(deps.config, gift.orgId, gift.id),
    });
    const all = [`${gift.donor.name}，您好：`, ...lines, org.orgName];
    const outcome = await deps.email.send({
      from: { name: org.orgName, address: deps.config.EMAIL_FROM },
      to: { name: gift.donor.name, address },
      subject,
      ...paragraphsEmail(all),
      sendId: { messageId: `monthly-${gift.id}-${gift.noticeDue}-${gift.failures}`, recipientId: `c${gift.contactId}` },
    });
    if (outcome.status === 'sent') {
      await done();
      sent++;
    } else if (outcome.failure.kind === 'permanent') {
      await done();
    }
  }
  return sent;
}
