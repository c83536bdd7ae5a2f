import { and, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { AppError, notFound } from '../../errors/app-error.ts';
import type { OrgContext } from '../../http/authorize.ts';
import { recordAudit } from '../audit/index.ts';
import { projectTransparency } from '../flows/index.ts';
import { findProject } from '../projects/index.ts';
import { CONSENT_PURPOSE } from './orders.ts';
import * as repo from './repo.ts';
import { sanitizeStory } from './sanitize.ts';
import { campaignUpdates, campaigns, updateNotices, type UpdateSpending } from './tables.ts';

/** A live campaign with no update for this long is flagged: the Charity Law asks for one every three months. */
export const UPDATE_DUE_DAYS = 90;

export const updateInput = z.object({
  title: z.string().trim().min(1).max(120),
  body: z.string().min(1).max(200_000).describe('HTML; sanitized like a story'),
  notifyDonors: z.boolean().default(true).describe('email the donors who agreed to hear from the organization'),
});

export type UpdateRow = typeof campaignUpdates.$inferSelect;

async function spendingNow(db: Db, ctx: OrgContext, projectId: number): Promise<UpdateSpending | null> {
  const project = await findProject(db, ctx.org.id, projectId);
  const accounts = project ? await projectTransparency(db, ctx.org.slug, project.slug) : undefined;
  if (!project || !accounts) return null;
  return {
    currency: project.currency,
    allocated: accounts.totals.allocated,
    spent: accounts.totals.spent + accounts.totals.transfersOut,
    byCategory: accounts.byCategory.map((c) => ({ category: c.category, amount: c.amount })),
  };
}

/**
 * Posts an update on a published campaign, with the project's spending as it stands, and queues an
 * email to each donor of the campaign whose latest email consent for fundraising is a grant.
 */
export async function postUpdate(db: Db, ctx: OrgContext, campaignId: number, input: z.infer<typeof updateInput>) {
  return db.transaction(async (tx) => {
    const campaign = await repo.findCampaign(tx, ctx.org.id, campaignId);
    if (!campaign) throw notFound('Campaign');
    if (!campaign.publishedAt) {
      throw new AppError('CAMPAIGN_STATE', 'Updates are for published campaigns', [
        { path: 'campaignId', message: `the campaign is ${campaign.status}` },
      ]);
    }
    const [update] = await tx
      .insert(campaignUpdates)
      .values({
        orgId: ctx.org.id,
        campaignId,
        title: input.title,
        body: sanitizeStory(input.body),
        spending: await spendingNow(tx, ctx, campaign.projectId),
        authorUserId: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
      })
      .returning();
    let queued = 0;
    if (input.notifyDonors) {
      const inserted = (await tx.execute(sql`
        insert into update_notices (org_id, update_id, contact_id)
        select distinct g.org_id, ${update!.id}::bigint, g.contact_id
        from gifts g join contacts c on c.org_id = g.org_id and c.id = g.contact_id
        where g.org_id = ${ctx.org.id} and g.campaign = ${campaign.slug}
          and c.email is not null and c.erased_at is null and c.merged_into_id is null
          and (select s.status from consents s
               where s.org_id = g.org_id and s.contact_id = g.contact_id and s.channel = 'email' and s.purpose = ${CONSENT_PURPOSE}
               order by s.recorded_at desc, s.id desc limit 1) = 'granted'
        on conflict do nothing
        returning 1`)) as unknown as { rows: unknown[] };
      queued = inserted.rows.length;
    }
    await recordAudit(tx, ctx, {
      action: 'campaign.update.post',
      subjectType: 'campaign',
      subjectId: campaignId,
      data: { updateId: update!.id, title: input.title, donorsToNotify: queued },
    });
    return { update: update!, queued };
  });
}

export async function listUpdates(db: Db, orgId: string, campaignId: number, limit = 50) {
  return db
    .select()
    .from(campaignUpdates)
    .where(and(eq(campaignUpdates.orgId, orgId), eq(campaignUpdates.campaignId, campaignId)))
    .orderBy(desc(campaignUpdates.publishedAt), desc(campaignUpdates.id))
    .limit(limit);
}

/** How each update's emails went: sent, waiting, skipped (consent withdrawn meanwhile) or failed. */
export async function noticeCounts(db: Db, orgId: string, updateIds: number[]) {
  const counts = new Map<number, Record<string, number>>();
  if (updateIds.length === 0) return counts;
  const rows = await db
    .select({ updateId: updateNotices.updateId, status: updateNotices.status, n: sql<string>`count(*)` })
    .from(updateNotices)
    .where(and(eq(updateNotices.orgId, orgId), sql`${updateNotices.updateId} in ${updateIds}`))
    .groupBy(updateNotices.updateId, updateNotices.status);
  for (const r of rows) counts.set(r.updateId, { ...counts.get(r.updateId), [r.status]: Number(r.n) });
  return counts;
}

/**
 * Live campaigns whose last update (or, before any, their publication) is older than 90 days, oldest
 * first: the reminder staff see in the console.
 */
export async function overdueCampaigns(db: Db, orgId: string, now: Date) {
  const result = (await db.execute(sql`
    select c.id, c.slug, c.copy ->> 'title' as title,
      coalesce((select max(u.published_at) from campaign_updates u where u.org_id = c.org_id and u.campaign_id = c.id),
               c.published_at) as last_at
    from ${campaigns} c
    where c.org_id = ${orgId} and c.status = 'live'`)) as unknown as {
    rows: { id: number | string; slug: string; title: string; last_at: string | Date }[];
  };
  const due = now.getTime() - UPDATE_DUE_DAYS * 86_400_000;
  return result.rows
    .map((r) => ({ id: Number(r.id), slug: r.slug, title: r.title, lastUpdateAt: new Date(r.last_at) }))
    .filter((r) => r.lastUpdateAt.getTime() < due)
    .sort((a, b) => a.lastUpdateAt.getTime() - b.lastUpdateAt.getTime());
}
