import { and, eq, gt, sql } from 'drizzle-orm';
import type { EmailTransport } from '../../adapters/email/index.ts';
import type { Config } from '../../config/config.ts';
import type { Db } from '../../db/client.ts';
import { organizations } from '../platform/tables.ts';
import { formResponses, forms } from './tables.ts';
import { paragraphsEmail } from '../email/index.ts';

export interface FormNoticeDeps {
  db: Db;
  config: Pick<Config, 'PUBLIC_URL' | 'EMAIL_FROM'>;
  email?: EmailTransport;
}

/**
 * Tells each form's staff of its new responses: how many, how many wait for a decision, and the link.
 * The answers stay in the console (personal details do not travel by email). A form is claimed first so
 * two workers never send one notice twice; a notice that fails is tried again after ten minutes.
 * Without SMTP_URL they wait.
 */
export async function emailFormNotices(deps: FormNoticeDeps, batch = 50): Promise<number> {
  if (!deps.email) return 0;
  const claimed = (await deps.db.execute(sql`
    update forms f set notify_claimed_at = now()
    from (
      select org_id, id from forms
      where jsonb_array_length(coalesce(settings->'notifyEmails', '[]'::jsonb)) > 0
        and (notify_claimed_at is null or notify_claimed_at < now() - interval '10 minutes')
        and exists (select 1 from form_responses r
                    where r.org_id = forms.org_id and r.form_id = forms.id and r.id > forms.notified_through_id)
      limit ${batch}
      for update skip locked
    ) c
    where f.org_id = c.org_id and f.id = c.id
    returning f.org_id, f.id`)) as unknown as { rows: { org_id: string; id: number | string }[] };
  let sent = 0;
  for (const row of claimed.rows) {
    const [found] = await deps.db
      .select({ form: forms, orgName: organizations.name, orgSlug: organizations.slug })
      .from(forms)
      .innerJoin(organizations, eq(organizations.id, forms.orgId))
      .where(and(eq(forms.orgId, row.org_id), eq(forms.id, Number(row.id))));
    if (!found) continue;
    const { form } = found;
    const [news] = await deps.db
      .select({
        count: sql<number>`count(*)::int`,
        flagged: sql<number>`count(*) filter (where ${formResponses.status} = 'duplicate')::int`,
        last: sql<number>`max(${formResponses.id})`,
      })
      .from(formResponses)
      .where(
        and(
          eq(formResponses.orgId, form.orgId),
          eq(formResponses.formId, form.id),
          gt(formResponses.id, form.notifiedThroughId),
        ),
      );
    const release = (through?: number) =>
      deps.db
        .update(forms)
        .set({ notifyClaimedAt: null, ...(through ? { notifiedThroughId: through } : {}) })
        .where(and(eq(forms.orgId, form.orgId), eq(forms.id, form.id)));
    if (!news?.count) {
      await release();
      continue;
    }
    const link = `${deps.config.PUBLIC_URL}/admin/o/${found.orgSlug}/forms/${form.id}`;
    const lines = [
      `「${form.title}」收到 ${news.count} 条新回复。`,
      ...(news.flagged ? [`其中 ${news.flagged} 条来自已在联系人里的人，等你决定是否同步到联系人档案。`] : []),
      `查看回复：${link}`,
      found.orgName,
    ];
    let delivered = true;
    for (const [i, address] of (form.settings.notifyEmails ?? []).entries()) {
      const outcome = await deps.email.send({
        from: { name: found.orgName, address: deps.config.EMAIL_FROM },
        to: { name: address, address },
        subject: `「${form.title}」有 ${news.count} 条新回复`,
        ...paragraphsEmail(lines),
        sendId: { messageId: `form-${form.id}-through-${news.last}`, recipientId: `staff-${i}` },
      });
      if (outcome.status !== 'sent' && outcome.failure.kind !== 'permanent') delivered = false;
      else if (outcome.status === 'sent') sent++;
    }
    // Not delivered to every address: the claim lapses and the notice is tried again.
    if (delivered) await release(Number(news.last));
  }
  return sent;
}
