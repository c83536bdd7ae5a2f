import QRCode from 'qrcode';
import type { AppDeps } from '../http/deps.ts';
import { projectTransparency } from '../modules/flows/index.ts';
import {
  campaignTotals,
  givingDeps,
  listMatchingFunds,
  listUpdates,
  openForGiving,
  providersOf,
  publicCampaign,
  recentGifts,
} from '../modules/fundraising/index.ts';
import { findProject } from '../modules/projects/index.ts';
import type { CampaignPageData } from './campaign-page.ts';

/** QR codes as inline SVG: no image request, crisp when a phone screenshots it. */
export const qrSvg = (text: string) => QRCode.toString(text, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });

/** Everything the campaign page shows, or undefined when there is no public campaign at that address. */
export async function campaignPageData(
  deps: Pick<AppDeps, 'db' | 'config' | 'payments' | 'clock'>,
  orgSlug: string,
  slug: string,
): Promise<CampaignPageData | undefined> {
  const found = await publicCampaign(deps.db, orgSlug, slug);
  if (!found) return undefined;
  const { org, campaign } = found;
  const project = await findProject(deps.db, org.id, campaign.projectId);
  const url = `${deps.config.PUBLIC_URL}/c/${org.slug}/${campaign.slug}`;
  const [totals, recent, accounts, svg, funds] = await Promise.all([
    campaignTotals(deps.db, org.id, campaign),
    recentGifts(deps.db, org.id, campaign.id),
    project ? projectTransparency(deps.db, org.slug, project.slug) : undefined,
    qrSvg(url),
    listMatchingFunds(deps.db, org.id, campaign.id),
  ]);
  const updates = await listUpdates(deps.db, org.id, campaign.id, 5);
  const now = deps.clock.now();
  const figures = accounts?.totals;
  const providers = await providersOf(givingDeps(deps), org.id);
  return {
    org,
    campaign,
    projectSlug: project?.slug ?? null,
    totals,
    project: figures
      ? {
          allocated: figures.allocated,
          spent: figures.spent + figures.transfersOut,
          balance: figures.allocated + figures.transfersIn - figures.spent - figures.transfersOut,
        }
      : null,
    recent,
    updates,
    // Funds still matching now, and funds that ran out (the page thanks their sponsor).
    matching: funds
      .filter((f) => f.active && (!f.startsAt || f.startsAt <= now) && (!f.endsAt || f.endsAt > now))
      .map((f) => ({
        sponsorName: f.sponsorName,
        ratio: { numerator: f.ratioNumerator, denominator: f.ratioDenominator },
        cap: f.cap,
        matched: f.matched,
      })),
    open: openForGiving(campaign, now),
    providers: [...providers.keys()],
    monthlyProviders: [...providers.values()].filter((p) => p.chargeAgreement).map((p) => p.name),
    url,
    qrSvg: svg,
    now,
  };
}
