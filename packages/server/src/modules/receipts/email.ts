import { and, eq, sql } from 'drizzle-orm';
import type { EmailTransport } from '../../adapters/email/index.ts';
import type { Config } from '../../config/config.ts';
import type { Db } from '../../db/client.ts';
import { receiptToken } from './links.ts';
import { receiptPdf } from './pdf.ts';
import { receipts } from './tables.ts';
import { documentTexts } from './texts.ts';
import { receiptView } from './view.ts';
import { paragraphsEmail } from '../email/index.ts';

export const MAX_EMAIL_ATTEMPTS = 5;

export interface ReceiptMailDeps {
  db: Db;
  config: Pick<Config, 'PUBLIC_URL' | 'SECRET_KEY' | 'EMAIL_FROM'>;
  email?: EmailTransport;
}

/** The public page of a receipt, for links in emails and on the thank-you page. */
export const receiptUrl = (config: Pick<Config, 'PUBLIC_URL' | 'SECRET_KEY'>, orgId: string, receiptId: number) =>
  `${config.PUBLIC_URL}/r/${receiptToken(config.SECRET_KEY, orgId, receiptId)}`;

/**
 * Sends the receipts that are waiting, each with its PDF: claimed first (so two workers never send one
 * twice, and a crash mid-send is retried after ten minutes), then marked sent or failed. Instance-wide
 * on purpose: the sweep serves every organization. Without SMTP_URL receipts simply wait.
 */
export async function emailPendingReceipts(deps: ReceiptMailDeps, batch = 50): Promise<number> {
  if (!deps.email) return 0;
  const claimed = (await deps.db.execute(sql`
    update receipts r set email_claimed_at = now(), email_attempts = r.email_attempts + 1
    from (
      select org_id, id from receipts
      where emailed_at is null and email_attempts < ${MAX_EMAIL_ATTEMPTS}
        and (email_claimed_at is null or email_claimed_at < now() - interval '10 minutes')
      order by issued_at limit ${batch}
      for update skip locked
    ) c
    where r.org_id = c.org_id and r.id = c.id
    returning r.org_id, r.id, r.email_attempts`)) as unknown as {
    rows: { org_id: string; id: number | string; email_attempts: number }[];
  };
  let sent = 0;
  for (const row of claimed.rows) {
    const id = Number(row.id);
    const mark = (values: Partial<typeof receipts.$inferInsert>) =>
      deps.db
        .update(receipts)
        .set(values)
        .where(and(eq(receipts.orgId, row.org_id), eq(receipts.id, id)));
    const view = await receiptView(deps.db, row.org_id, id);
    if (!view?.donorEmail) {
      await mark({ emailError: 'the donor has no email address', emailAttempts: MAX_EMAIL_ATTEMPTS });
      continue;
    }
    const t = documentTexts('zh-CN');
    const url = receiptUrl(deps.config, row.org_id, id);
    const tracking = view.gift.trackingCode ? `${deps.config.PUBLIC_URL}/t/${view.gift.trackingCode}` : null;
    const pdf = await receiptPdf(view, 'zh-CN', tracking);
    const subject = `${t.receiptTitle} ${view.receipt.number} · ${view.org.name}`;
    const lines = [
      t.dear(view.donorName),
      t.receiptTitle + '：' + url,
      ...(tracking ? [t.follow(tracking)] : []),
      t.notOfficial,
      view.org.name,
    ];
    const outcome = await deps.email.send({
      from: { name: view.org.name, address: deps.config.EMAIL_FROM },
      to: { name: view.donorName ?? '', address: view.donorEmail },
      subject,
      ...paragraphsEmail(lines),
      sendId: { messageId: `receipt-${id}`, recipientId: `c${view.contactId}` },
      attachments: [{ filename: `${view.receipt.number}.pdf`, content: pdf, contentType: 'application/pdf' }],
    });
    if (outcome.status === 'sent') {
      await mark({ emailedAt: new Date(), emailError: null });
      sent++;
    } else {
      const final = outcome.failure.kind === 'permanent';
      await mark({
        emailError: `${outcome.failure.reason}: ${outcome.failure.message}`.slice(0, 500),
        // A permanent failure (a refused address) is not tried again; a temporary one stays claimed, so
        // the sweep tries it again ten minutes later.
        ...(final ? { emailAttempts: MAX_EMAIL_ATTEMPTS } : {}),
      });
    }
  }
  return sent;
}
