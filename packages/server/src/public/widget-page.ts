import type { CampaignPageData } from './campaign-page.ts';
import type { GivingTexts } from './giving-texts.ts';
import { html } from './html.ts';
import { layout, money, pageUrl, type PageContext } from './layout.ts';

const widgetStyle = `body{background:transparent}main{padding:8px}.widget{margin:0}.widget h1{font-size:16px;margin:0 0 6px}
.bar{height:8px;background:#e6e8eb;border-radius:4px;overflow:hidden;margin:6px 0}.bar i{display:block;height:100%;background:#1a7f37}
.widget a.give{display:block;text-align:center;margin-top:8px;padding:8px;border-radius:8px;background:#1677ff;color:#fff}`;

/**
 * /c/<org>/<campaign>/widget: the campaign's progress and a give button, small enough to embed in the
 * organization's own site with an iframe; the button opens the full page.
 */
export function widgetPage(ctx: PageContext, t: GivingTexts, d: CampaignPageData) {
  const { campaign, totals } = d;
  const m = (n: number) => money(n, campaign.currency);
  const total = totals.raised + totals.matched;
  const percent = campaign.goal ? Math.min(100, Math.floor((total / campaign.goal) * 100)) : null;
  const page = pageUrl(ctx, `/c/${d.org.slug}/${campaign.slug}`);
  const body = html`<div class="card widget">
    <h1>${campaign.copy.title}</h1>
    ${percent !== null ? html`<div class="bar"><i style="width:${percent}%"></i></div>` : ''}
    <div class="muted">
      ${campaign.goal ? t.raisedOf(m(total), m(campaign.goal)) : t.raised(m(total))} · ${t.donors(totals.donors)}
    </div>
    <a class="give" href="${page}#give" target="_top">${d.open ? t.give : t.ended}</a>
  </div>`;
  return layout(ctx, campaign.copy.title, body, { style: widgetStyle });
}
