import type { Db } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { AppError, notFound } from '../../errors/app-error.ts';
import type { OrgContext } from '../../http/authorize.ts';
import { diffFields, recordAudit } from '../audit/index.ts';
import { findProject } from '../projects/index.ts';
import { sanitizeStory } from './sanitize.ts';
import * as repo from './repo.ts';
import { freeSlug, slugFromTitle } from '../../text/slug.ts';
import type { CampaignInput, CampaignPatch, copyInput, planSchema } from './schemas.ts';
import type { CampaignCopy, FundraisingPlan, PendingEdits } from './tables.ts';
import type { z } from 'zod';

const slugTaken = () =>
  new AppError('SLUG_TAKEN', 'Another campaign already has this address', [
    { path: 'body.slug', message: 'already taken' },
  ]);

const wrongState = (row: repo.CampaignRow, action: string) =>
  new AppError('CAMPAIGN_STATE', `A ${row.status} campaign cannot be ${action}`, [
    { path: 'campaignId', message: `the campaign is ${row.status}` },
  ]);

const toCopy = (input: z.infer<typeof copyInput>): CampaignCopy => ({
  title: input.title,
  summary: input.summary,
  story: sanitizeStory(input.story),
  coverKey: input.coverKey ?? null,
});

const toPlan = (input: z.infer<typeof planSchema>): FundraisingPlan => ({
  filingNumber: input.filingNumber ?? null,
  purpose: input.purpose ?? null,
  region: input.region ?? null,
  personInCharge: input.personInCharge ?? null,
  beneficiaries: input.beneficiaries ?? null,
  useOfFunds: input.useOfFunds ?? null,
  leftoverPlan: input.leftoverPlan ?? null,
});

/** What the filed fundraising plan (募捐方案) must state before the public can see the campaign. */
const requiredPlanFields = ['filingNumber', 'purpose', 'personInCharge', 'beneficiaries', 'useOfFunds'] as const;

/**
 * The Charity Law has public fundraising follow a plan filed with the civil affairs bureau, and the page
 * show its filing number: a campaign is not sent for review, nor published, without them.
 */
function assertPlanComplete(plan: FundraisingPlan) {
  const missing = requiredPlanFields.filter((field) => !plan[field]?.trim());
  if (missing.length === 0) return;
  throw new AppError(
    'PLAN_INCOMPLETE',
    'Complete the fundraising plan (募捐方案) first: the public page shows it, with its filing number',
    missing.map((field) => ({ path: `body.plan.${field}`, message: 'required before the campaign goes public' })),
  );
}

async function loadCampaign(db: Db, orgId: string, id: number, lock = false) {
  const row = await repo.findCampaign(db, orgId, id, lock);
  if (!row) throw notFound('Campaign');
  return row;
}

/** The project a campaign raises for: it must exist and take money (not be closed). */
async function fundFor(db: Db, orgId: string, projectId: number) {
  const project = await findProject(db, orgId, projectId);
  if (!project)
    throw new AppError('NOT_FOUND', 'Project was not found', [{ path: 'body.projectId', message: 'no such project' }]);
  if (project.status !== 'active') {
    throw new AppError('PROJECT_CLOSED', 'This project is closed; choose an active project', [
      { path: 'body.projectId', message: 'closed' },
    ]);
  }
  return project;
}

const withSlugCheck = async <T>(work: () => Promise<T>): Promise<T> => {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error, 'campaigns_slug_key')) throw slugTaken();
    throw error;
  }
};

/** A new campaign, in draft: nothing is public until a reviewer approves it. */
export async function createCampaign(db: Db, ctx: OrgContext, input: CampaignInput) {
  return withSlugCheck(() =>
    db.transaction(async (tx) => {
      const project = await fundFor(tx, ctx.org.id, input.projectId);
      const slugTakenHere = async (slug: string) => Boolean(await repo.campaignBySlug(tx, ctx.org.id, slug));
      if (input.slug && (await slugTakenHere(input.slug))) throw slugTaken();
      const slug = input.slug ?? (await freeSlug(slugFromTitle(input.copy.title), slugTakenHere));
      const row = await repo.insertCampaign(tx, ctx.org.id, {
        slug,
        copy: toCopy(input.copy),
        plan: toPlan(input.plan),
        projectId: project.id,
        currency: project.currency,
        goal: input.goal ?? null,
        presetAmounts: input.presetAmounts,
        minAmount: input.minAmount,
        maxAmount: input.maxAmount,
        allowMonthly: input.allowMonthly,
        startsAt: input.startsAt ? new Date(input.startsAt) : null,
        endsAt: input.endsAt ? new Date(input.endsAt) : null,
      });
      await recordAudit(tx, ctx, {
        action: 'campaign.create',
        subjectType: 'campaign',
        subjectId: row.id,
        data: { slug: row.slug, projectId: row.projectId, goal: row.goal, currency: row.currency },
      });
      return row;
    }),
  );
}

export async function listCampaigns(db: Db, ctx: OrgContext) {
  return repo.listCampaigns(db, ctx.org.id);
}

export async function getCampaign(db: Db, ctx: OrgContext, id: number) {
  return loadCampaign(db, ctx.org.id, id);
}

/**
 * Edits a campaign. Before it is live, everything applies at once. Once live, the public words (the
 * copy and the fundraising plan) wait in pendingCopy for a reviewer, so the page never shows text that
 * nobody approved; amounts, goal and dates apply at once. The address never changes once published.
 */
export async function updateCampaign(db: Db, ctx: OrgContext, id: number, patch: CampaignPatch) {
  return withSlugCheck(() =>
    db.transaction(async (tx) => {
      const before = await loadCampaign(tx, ctx.org.id, id, true);
      if (before.status === 'closed') throw wrongState(before, 'edited');
      const published = before.publishedAt !== null;
      if (patch.slug && patch.slug !== before.slug && published) {
        throw new AppError('CAMPAIGN_STATE', 'A published campaign keeps its address', [
          { path: 'body.slug', message: 'cannot change once published' },
        ]);
      }
      const values: Partial<repo.CampaignRow> = {};
      if (patch.slug) values.slug = patch.slug;
      if (patch.projectId !== undefined && patch.projectId !== before.projectId) {
        if (published)
          throw new AppError('CAMPAIGN_STATE', 'A published campaign keeps its project', [
            { path: 'body.projectId', message: 'cannot change once published' },
          ]);
        const project = await fundFor(tx, ctx.org.id, patch.projectId);
        values.projectId = project.id;
        values.currency = project.currency;
      }
      if (patch.goal !== undefined) values.goal = patch.goal ?? null;
      if (patch.presetAmounts) values.presetAmounts = patch.presetAmounts;
      if (patch.minAmount !== undefined) values.minAmount = patch.minAmount;
      if (patch.maxAmount !== undefined) values.maxAmount = patch.maxAmount;
      if (patch.allowMonthly !== undefined) values.allowMonthly = patch.allowMonthly;
      if (patch.startsAt !== undefined) values.startsAt = patch.startsAt ? new Date(patch.startsAt) : null;
      if (patch.endsAt !== undefined) values.endsAt = patch.endsAt ? new Date(patch.endsAt) : null;
      const min = values.minAmount ?? before.minAmount;
      const max = values.maxAmount ?? before.maxAmount;
      const presets = values.presetAmounts ?? before.presetAmounts;
      if (min > max || presets.some((p) => p < min || p > max)) {
        throw new AppError('VALIDATION_FAILED', 'Preset amounts must lie between the smallest and largest amount', [
          { path: 'body.presetAmounts', message: 'outside the smallest and largest amount' },
        ]);
      }
      const copy = patch.copy ? toCopy(patch.copy) : undefined;
      const plan = patch.plan ? toPlan(patch.plan) : undefined;
      let pendingReview = false;
      if (before.status === 'live' && (copy || plan)) {
        const waiting = before.pendingCopy ?? { ...before.copy, plan: before.plan };
        values.pendingCopy = { ...waiting, ...copy, plan: plan ?? waiting.plan };
        pendingReview = true;
      } else {
        if (copy) values.copy = copy;
        if (plan) values.plan = plan;
      }
      const row = await repo.updateCampaign(tx, ctx.org.id, id, values);
      await recordAudit(tx, ctx, {
        action: 'campaign.update',
        subjectType: 'campaign',
        subjectId: id,
        data: {
          ...diffFields(before, { ...values, copy: undefined, plan: undefined, pendingCopy: undefined }),
          copyChanged: Boolean(copy),
          planChanged: Boolean(plan),
          waitsForReview: pendingReview,
        },
      });
      return row;
    }),
  );
}

/**
 * Draft → review: the campaign waits for an admin or owner to approve it. A partner's campaign may go to
 * its host with the plan unfinished: the plan is filed by the host, who completes it before approving.
 */
export async function submitCampaign(db: Db, ctx: OrgContext, id: number, options = { planByHost: false }) {
  return db.transaction(async (tx) => {
    const before = await loadCampaign(tx, ctx.org.id, id, true);
    if (before.status !== 'draft') throw wrongState(before, 'submitted for review');
    if (!options.planByHost) assertPlanComplete(before.plan);
    const row = await repo.updateCampaign(tx, ctx.org.id, id, {
      status: 'review',
      submittedAt: new Date(),
      reviewNote: null,
    });
    await recordAudit(tx, ctx, { action: 'campaign.submit', subjectType: 'campaign', subjectId: id });
    return row;
  });
}

/** The words of pendingCopy, split back into copy and plan. */
const pendingParts = (pending: PendingEdits) => {
  const { plan, ...copy } = pending;
  return { copy, plan };
};

/**
 * A reviewer's decision. On a campaign in review: approve makes it live, reject sends it back to draft.
 * On a live campaign with edits waiting: approve publishes them, reject discards them. The note goes
 * back to the staff who wrote it.
 */
export async function reviewCampaign(
  db: Db,
  ctx: OrgContext,
  id: number,
  input: { decision: 'approve' | 'reject'; note?: string | null },
) {
  return db.transaction(async (tx) => {
    const before = await loadCampaign(tx, ctx.org.id, id, true);
    const note = input.note ?? null;
    const approverId = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
    let values: Partial<repo.CampaignRow>;
    if (input.decision === 'approve') assertPlanComplete(before.pendingCopy?.plan ?? before.plan);
    if (before.status === 'review') {
      values =
        input.decision === 'approve'
          ? { status: 'live', publishedAt: before.publishedAt ?? new Date(), approvedBy: approverId, reviewNote: note }
          : { status: 'draft', reviewNote: note };
    } else if (before.status === 'live' && before.pendingCopy) {
      values =
        input.decision === 'approve'
          ? { ...pendingParts(before.pendingCopy), pendingCopy: null, approvedBy: approverId, reviewNote: note }
          : { pendingCopy: null, reviewNote: note };
    } else {
      throw wrongState(before, 'reviewed: nothing is waiting for review');
    }
    const row = await repo.updateCampaign(tx, ctx.org.id, id, values);
    await recordAudit(tx, ctx, {
      action: `campaign.${input.decision}`,
      subjectType: 'campaign',
      subjectId: id,
      data: { from: before.status, to: row.status, editsOnly: before.status === 'live', note },
    });
    return row;
  });
}

/** Live → closed: the page stays up as a record, and takes no more gifts. */
export async function closeCampaign(db: Db, ctx: OrgContext, id: number) {
  return db.transaction(async (tx) => {
    const before = await loadCampaign(tx, ctx.org.id, id, true);
    if (before.status !== 'live') throw wrongState(before, 'closed');
    const row = await repo.updateCampaign(tx, ctx.org.id, id, { status: 'closed', closedAt: new Date() });
    await recordAudit(tx, ctx, { action: 'campaign.close', subjectType: 'campaign', subjectId: id });
    return row;
  });
}
