import type { AppDeps } from '../../http/deps.ts';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../errors/app-error.ts';
import type { GivingDeps } from './orders.ts';
import * as repo from './repo.ts';
import { receiptsSweepSoon } from '../receipts/index.ts';

/** What starting a gift needs from the app's dependencies. */
export const givingDeps = (
  deps: Pick<AppDeps, 'db' | 'config' | 'payments' | 'clock'> & Partial<Pick<AppDeps, 'boss' | 'email'>>,
): GivingDeps => ({
  db: deps.db,
  config: deps.config,
  payments: deps.payments,
  now: () => deps.clock.now(),
  receiptsIssued: deps.boss && receiptsSweepSoon({ boss: deps.boss, email: deps.email }),
});

/** A campaign by its public address; drafts and campaigns in review are not found by the public. */
export async function publicCampaign(db: Db, orgSlug: string, slug: string) {
  const org = await repo.orgBySlug(db, orgSlug);
  const campaign = org ? await repo.campaignBySlug(db, org.id, slug) : undefined;
  if (!org || !campaign || (campaign.status !== 'live' && campaign.status !== 'closed')) return undefined;
  return { org, campaign };
}

/** The campaign a gift is for, as the giving API finds it. */
export async function liveCampaign(db: Db, orgSlug: string, slug: string) {
  const found = await publicCampaign(db, orgSlug, slug);
  if (!found) throw new AppError('NOT_FOUND', 'Campaign was not found');
  return found.campaign;
}
