import { and, eq, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { AppError, notFound } from '../../errors/app-error.ts';
import type { OrgContext, OrgRef } from '../../http/authorize.ts';
import { recordAudit } from '../audit/index.ts';
import { organizations } from '../platform/tables.ts';
import { projects } from '../projects/tables.ts';
import type { donorDataShares } from './enums.ts';
import { fundraisingPartnerships } from './tables.ts';

export type PartnershipRow = typeof fundraisingPartnerships.$inferSelect;

const SETTING = 'publicFundraisingCertificate';

const stateError = (message: string, path = 'id') => new AppError('PARTNERSHIP_STATE', message, [{ path, message }]);

/** The host's 公募资格: the certificate it declared, or null when it has none. */
export async function qualificationOf(db: Db, orgId: string): Promise<string | null> {
  const [org] = await db
    .select({ settings: organizations.settings })
    .from(organizations)
    .where(eq(organizations.id, orgId));
  const value = org?.settings[SETTING];
  return typeof value === 'string' && value ? value : null;
}

export async function setQualification(db: Db, ctx: OrgContext, certificate: string | null) {
  return db.transaction(async (tx) => {
    const before = await qualificationOf(tx, ctx.org.id);
    await tx
      .update(organizations)
      .set({ settings: sql`${organizations.settings} || ${JSON.stringify({ [SETTING]: certificate })}::jsonb` })
      .where(eq(organizations.id, ctx.org.id));
    await recordAudit(tx, ctx, {
      action: 'org.public_fundraising',
      subjectType: 'organization',
      subjectId: ctx.org.id,
      data: { before, after: certificate },
    });
    return certificate;
  });
}

/**
 * The host invites a partner organization (by its address in Commonweal) to run campaigns under its
 * qualification, raising for one of the host's projects.
 */
export async function invitePartner(
  db: Db,
  ctx: OrgContext,
  input: { partnerSlug: string; projectId: number; donorData: (typeof donorDataShares)[number]; note?: string | null },
) {
  return db.transaction(async (tx) => {
    if (!(await qualificationOf(tx, ctx.org.id))) {
      throw new AppError(
        'PARTNERSHIP_STATE',
        'Only an organization with public-fundraising qualification (公募资格) can host partners: enter its certificate first',
        [{ path: 'body.partnerSlug', message: 'no public-fundraising qualification on record' }],
      );
    }
    const [partner] = await tx.select().from(organizations).where(eq(organizations.slug, input.partnerSlug));
    if (!partner || partner.id === ctx.org.id) {
      throw new AppError('NOT_FOUND', 'No other organization has this address', [
        { path: 'body.partnerSlug', message: 'no such organization' },
      ]);
    }
    const [project] = await tx
      .select()
      .from(projects)
      .where(and(eq(projects.orgId, ctx.org.id), eq(projects.id, input.projectId)));
    if (!project)
      throw new AppError('NOT_FOUND', 'Project was not found', [
        { path: 'body.projectId', message: 'no such project' },
      ]);
    let row: PartnershipRow;
    try {
      [row] = (await tx
        .insert(fundraisingPartnerships)
        .values({
          hostOrgId: ctx.org.id,
          partnerOrgId: partner.id,
          projectId: project.id,
          donorData: input.donorData,
          note: input.note ?? null,
        })
        .returning()) as [PartnershipRow];
    } catch (error) {
      if (!isUniqueViolation(error, 'fundraising_partnerships_pair_key')) throw error;
      throw stateError('This organization is already invited or a partner', 'body.partnerSlug');
    }
    await recordAudit(tx, ctx, {
      action: 'partnership.invite',
      subjectType: 'partnership',
      subjectId: row.id,
      data: { partnerOrgId: partner.id, projectId: project.id, donorData: input.donorData },
    });
    return row;
  });
}

/** A partnership as one side sees it; 404 for organizations that are not in it. */
export async function partnershipFor(db: Db, org: OrgRef, id: number, forUpdate = false) {
  const query = db
    .select()
    .from(fundraisingPartnerships)
    .where(
      and(
        eq(fundraisingPartnerships.id, id),
        or(eq(fundraisingPartnerships.hostOrgId, org.id), eq(fundraisingPartnerships.partnerOrgId, org.id)),
      ),
    );
  const [row] = await (forUpdate ? query.for('update') : query);
  if (!row) throw notFound('Partnership');
  return row;
}

const setStatus = async (tx: Db, row: PartnershipRow, values: Partial<PartnershipRow>) =>
  (
    await tx
      .update(fundraisingPartnerships)
      .set({ ...values, updatedAt: new Date() })
      .where(and(eq(fundraisingPartnerships.hostOrgId, row.hostOrgId), eq(fundraisingPartnerships.id, row.id)))
      .returning()
  )[0]!;

/** The partner accepts the host's invitation. */
export async function acceptPartnership(db: Db, ctx: OrgContext, id: number) {
  return db.transaction(async (tx) => {
    const row = await partnershipFor(tx, ctx.org, id, true);
    if (row.partnerOrgId !== ctx.org.id) throw stateError('Only the invited organization can accept');
    if (row.status !== 'invited') throw stateError(`This partnership is ${row.status}`);
    const saved = await setStatus(tx, row, { status: 'active', acceptedAt: new Date() });
    await recordAudit(tx, ctx, { action: 'partnership.accept', subjectType: 'partnership', subjectId: id });
    return saved;
  });
}

/**
 * Either side ends the partnership: the partner can start no new campaign under it. Campaigns already
 * published stay the host's, with their gifts; the host closes them when it decides to.
 */
export async function endPartnership(db: Db, ctx: OrgContext, id: number) {
  return db.transaction(async (tx) => {
    const row = await partnershipFor(tx, ctx.org, id, true);
    if (row.status === 'ended') throw stateError('This partnership has already ended');
    const saved = await setStatus(tx, row, { status: 'ended', endedAt: new Date() });
    await recordAudit(tx, ctx, { action: 'partnership.end', subjectType: 'partnership', subjectId: id });
    return saved;
  });
}

/** Both sides' partnerships, with the other organization's name. */
export async function listPartnerships(db: Db, orgId: string) {
  const result = (await db.execute(sql`
    select p.*, h.name as host_name, h.slug as host_slug, o.name as partner_name, o.slug as partner_slug,
      pr.name as project_name
    from fundraising_partnerships p
    join organizations h on h.id = p.host_org_id
    join organizations o on o.id = p.partner_org_id
    join projects pr on pr.org_id = p.host_org_id and pr.id = p.project_id
    where p.host_org_id = ${orgId} or p.partner_org_id = ${orgId}
    order by p.created_at desc`)) as unknown as { rows: Record<string, unknown>[] };
  return result.rows.map((r) => ({
    id: Number(r.id),
    role: r.host_org_id === orgId ? ('host' as const) : ('partner' as const),
    status: r.status as PartnershipRow['status'],
    host: { name: String(r.host_name), slug: String(r.host_slug) },
    partner: { name: String(r.partner_name), slug: String(r.partner_slug) },
    project: { id: Number(r.project_id), name: String(r.project_name) },
    donorData: r.donor_data as PartnershipRow['donorData'],
    note: (r.note as string | null) ?? null,
    acceptedAt: r.accepted_at ? new Date(r.accepted_at as string).toISOString() : null,
    endedAt: r.ended_at ? new Date(r.ended_at as string).toISOString() : null,
    createdAt: new Date(r.created_at as string).toISOString(),
  }));
}
