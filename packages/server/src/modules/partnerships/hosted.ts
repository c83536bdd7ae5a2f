import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { AppError, notFound } from '../../errors/app-error.ts';
import type { OrgContext } from '../../http/authorize.ts';
import { recordAudit } from '../audit/index.ts';
import {
  campaigns,
  campaignTotals,
  createCampaign,
  postUpdate,
  submitCampaign,
  updateCampaign,
  UPDATE_DUE_DAYS,
  type CampaignInput,
  type CampaignPatch,
  type CampaignRow,
} from '../fundraising/index.ts';
import { organizations } from '../platform/tables.ts';
import { partnershipFor } from './service.ts';
import { fundraisingPartnerships } from './tables.ts';

/**
 * The partner acting on a campaign kept in the host's books: the host's organization, with the
 * partner's user as the actor, so the host's audit log says who from which partner did what.
 */
async function hostContext(db: Db, partner: OrgContext, hostOrgId: string): Promise<OrgContext> {
  const [host] = await db.select().from(organizations).where(eq(organizations.id, hostOrgId));
  if (!host) throw notFound('Host organization');
  return {
    org: { id: host.id, slug: host.slug, name: host.name, timezone: host.timezone, currency: host.currency },
    actor: partner.actor,
    role: 'fundraiser',
  };
}

/** The agreement between a host and this partner that a campaign falls under: the latest one. */
async function agreementOf(db: Db, hostOrgId: string, partnerOrgId: string) {
  const [row] = await db
    .select()
    .from(fundraisingPartnerships)
    .where(
      and(eq(fundraisingPartnerships.hostOrgId, hostOrgId), eq(fundraisingPartnerships.partnerOrgId, partnerOrgId)),
    )
    .orderBy(desc(fundraisingPartnerships.id))
    .limit(1);
  return row;
}

/** A campaign this partner runs, with the host's context to act on it; 404 for anyone else's. */
export async function hostedCampaign(db: Db, ctx: OrgContext, id: number) {
  const [row] = await db
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.partnerOrgId, ctx.org.id), eq(campaigns.id, id)));
  if (!row) throw notFound('Campaign');
  return { row, host: await hostContext(db, ctx, row.orgId) };
}

/** A partner's new campaign, in draft in the host's books, raising for the project the agreement names. */
export async function createHostedCampaign(
  db: Db,
  ctx: OrgContext,
  partnershipId: number,
  input: Omit<CampaignInput, 'projectId'>,
) {
  return db.transaction(async (tx) => {
    const partnership = await partnershipFor(tx, ctx.org, partnershipId);
    if (partnership.partnerOrgId !== ctx.org.id || partnership.status !== 'active') {
      throw new AppError('PARTNERSHIP_STATE', 'Campaigns can only be started under an active partnership', [
        { path: 'body.partnershipId', message: `the partnership is ${partnership.status}` },
      ]);
    }
    const host = await hostContext(tx, ctx, partnership.hostOrgId);
    const created = await createCampaign(tx, host, { ...input, projectId: partnership.projectId });
    const [row] = await tx
      .update(campaigns)
      .set({ partnerOrgId: ctx.org.id })
      .where(and(eq(campaigns.orgId, host.org.id), eq(campaigns.id, created.id)))
      .returning();
    await recordAudit(tx, ctx, {
      action: 'hosted_campaign.create',
      subjectType: 'campaign',
      subjectId: created.id,
      data: { hostOrgId: host.org.id, slug: created.slug },
    });
    return { row: row!, host };
  });
}

/**
 * The partner edits its campaign. The host's own rules apply: before it is live, edits apply at once;
 * once live, the public words wait for the host's reviewer.
 */
export async function updateHostedCampaign(db: Db, ctx: OrgContext, id: number, patch: CampaignPatch) {
  if (patch.projectId !== undefined) {
    throw new AppError('VALIDATION_FAILED', "The project is the host's, set by the agreement", [
      { path: 'body.projectId', message: 'set by the agreement' },
    ]);
  }
  const { host } = await hostedCampaign(db, ctx, id);
  return { row: await updateCampaign(db, host, id, patch), host };
}

export async function submitHostedCampaign(db: Db, ctx: OrgContext, id: number) {
  const { host } = await hostedCampaign(db, ctx, id);
  return { row: await submitCampaign(db, host, id, { planByHost: true }), host };
}

export async function postHostedUpdate(db: Db, ctx: OrgContext, id: number, input: Parameters<typeof postUpdate>[3]) {
  const { host } = await hostedCampaign(db, ctx, id);
  return postUpdate(db, host, id, input);
}

/** Figures of a hosted campaign both sides see: raised, gifts, donors, and when it last reported. */
async function figuresOf(db: Db, row: CampaignRow, now: Date) {
  const totals = await campaignTotals(db, row.orgId, row);
  const result = (await db.execute(sql`
    select max(published_at) as last_at from campaign_updates where org_id = ${row.orgId} and campaign_id = ${row.id}`)) as unknown as {
    rows: { last_at: string | Date | null }[];
  };
  const lastAt = result.rows[0]?.last_at ?? row.publishedAt;
  const lastUpdateAt = lastAt ? new Date(lastAt) : null;
  const updateOverdue =
    row.status === 'live' &&
    lastUpdateAt !== null &&
    now.getTime() - lastUpdateAt.getTime() > UPDATE_DUE_DAYS * 86_400_000;
  return { ...totals, lastUpdateAt: lastUpdateAt?.toISOString() ?? null, updateOverdue };
}

/** The partner's campaigns across its hosts, with their figures and what the agreement lets it see. */
export async function listHostedCampaigns(db: Db, ctx: OrgContext, now: Date) {
  const rows = await db
    .select()
    .from(campaigns)
    .where(eq(campaigns.partnerOrgId, ctx.org.id))
    .orderBy(desc(campaigns.id));
  // One after another: `db` may be a transaction, whose one connection takes one query at a time.
  const items = [];
  for (const row of rows) {
    const host = await hostContext(db, ctx, row.orgId);
    const agreement = await agreementOf(db, row.orgId, ctx.org.id);
    items.push({ row, host, donorData: agreement?.donorData ?? 'totals', figures: await figuresOf(db, row, now) });
  }
  return items;
}

/** The host's view across its partners: every hosted campaign's figures, overdue reports first. */
export async function partnerOverview(db: Db, ctx: OrgContext, now: Date) {
  const rows = (await db.execute(sql`
    select c.id, o.name as partner_name, o.slug as partner_slug
    from campaigns c join organizations o on o.id = c.partner_org_id
    where c.org_id = ${ctx.org.id} and c.partner_org_id is not null`)) as unknown as {
    rows: { id: number | string; partner_name: string; partner_slug: string }[];
  };
  const items = [];
  for (const r of rows.rows) {
    const [row] = await db
      .select()
      .from(campaigns)
      .where(and(eq(campaigns.orgId, ctx.org.id), eq(campaigns.id, Number(r.id))));
    items.push({
      row: row!,
      partner: { name: r.partner_name, slug: r.partner_slug },
      figures: await figuresOf(db, row!, now),
    });
  }
  return items.sort(
    (a, b) => Number(b.figures.updateOverdue) - Number(a.figures.updateOverdue) || b.figures.raised - a.figures.raised,
  );
}

/**
 * The donors of a partner's campaign, when the agreement shares them: the partner thanks them itself.
 * A read of personal data, audited on both sides.
 */
export async function hostedCampaignDonors(db: Db, ctx: OrgContext, id: number) {
  const { row, host } = await hostedCampaign(db, ctx, id);
  const agreement = await agreementOf(db, row.orgId, ctx.org.id);
  if (agreement?.donorData !== 'donors') {
    throw new AppError('FORBIDDEN', `The agreement with ${host.org.name} shares totals only, not donors`);
  }
  const result = (await db.execute(sql`
    select g.id, g.amount, g.currency, g.received_at, c.name, c.phone, c.email
    from gifts g join contacts c on c.org_id = g.org_id and c.id = g.contact_id
    where g.org_id = ${row.orgId} and g.campaign = ${row.slug} and g.kind = 'money' and c.erased_at is null
    order by g.received_at desc, g.id desc limit 2000`)) as unknown as {
    rows: {
      id: number | string;
      amount: number | string;
      currency: string;
      received_at: string | Date;
      name: string;
      phone: string | null;
      email: string | null;
    }[];
  };
  const donors = result.rows.map((g) => ({
    giftId: Number(g.id),
    amount: Number(g.amount),
    currency: g.currency,
    receivedAt: new Date(g.received_at).toISOString(),
    name: g.name,
    phone: g.phone,
    email: g.email,
  }));
  for (const [context, label] of [
    [host, 'partner'],
    [ctx, 'own campaign'],
  ] as const) {
    await recordAudit(db, context, {
      action: 'hosted_campaign.donors_read',
      subjectType: 'campaign',
      subjectId: id,
      data: { count: donors.length, by: label === 'partner' ? ctx.org.slug : host.org.slug },
    });
  }
  return donors;
}
