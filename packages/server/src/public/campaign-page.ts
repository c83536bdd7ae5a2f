import { type CampaignRow, type RecentGift, type UpdateSpending } from '../modules/fundraising/index.ts';
import type { GiveFormValues, FormErrors } from './give-form.ts';
import type { GivingTexts } from './giving-texts.ts';
import { html, SafeHtml } from './html.ts';
import { day, layout, money, pageUrl, topLine, type PageContext } from './layout.ts';

// The campaign page's own rules: the progress bar, amount chips, form fields and the share block.
const campaignStyle = `
.cover{width:100%;aspect-ratio:16/9;object-fit:cover;border-radius:8px;display:block}.summary{color:#424a53}
.bar{height:10px;background:#e6e8eb;border-radius:5px;overflow:hidden;margin:8px 0}.bar i{display:block;height:100%;background:#1a7f37}
.stats{display:flex;flex-wrap:wrap;gap:4px 16px;font-size:14px}.stats b{font-size:18px}
form label{display:block;margin:10px 0 4px;font-weight:600;font-size:14px}
input[type=text],input[type=tel],input[type=email],select,textarea{width:100%;font:inherit;padding:9px 10px;border:1px solid #d0d7de;border-radius:6px;background:#fff}
.chips{display:flex;flex-wrap:wrap;gap:8px}.chips label{margin:0;font-weight:400}.chips input{position:absolute;opacity:0}
.chips span{display:inline-block;min-width:72px;text-align:center;padding:8px 12px;border:1px solid #d0d7de;border-radius:6px;background:#fff}
.chips input:checked+span{border-color:#1677ff;background:#e6f0ff;color:#0958d9;font-weight:600}.chips input:focus-visible+span{outline:2px solid #1677ff}
.check{display:flex;gap:8px;align-items:flex-start;font-weight:400!important}.check input{margin-top:5px}
.error{color:#cf222e;font-size:13px;margin:4px 0 0}.form-error{background:#ffebe9;border-radius:8px;padding:8px 12px;color:#82071e}
details summary{cursor:pointer;margin:10px 0 4px;font-weight:600;font-size:14px}.story img{max-width:100%;border-radius:6px}
.gifts li{display:flex;justify-content:space-between;gap:8px;padding:6px 0;border-bottom:1px solid #eee}.gifts{list-style:none;padding:0;margin:0}
dl.plan{display:grid;grid-template-columns:minmax(0,40%) minmax(0,1fr);gap:4px 12px;font-size:14px;margin:0}dl.plan dt{color:#656d76}dl.plan dd{margin:0;overflow-wrap:anywhere}
.update h3{font-size:15px;margin:4px 0}.match b{font-size:14px}.matched{color:#9a6700;font-size:13px}.share{display:flex;gap:12px;align-items:center}.share svg{width:120px;height:120px;flex:none}.share input{font-size:13px}`;

/** A matching fund as the public sees it. */
export interface PublicMatch {
  sponsorName: string;
  ratio: { numerator: number; denominator: number };
  cap: number;
  matched: number;
}

export interface CampaignPageData {
  org: { name: string; slug: string; timezone: string };
  campaign: CampaignRow;
  projectSlug: string | null;
  totals: { raised: number; donors: number; matched: number };
  matching: PublicMatch[];
  updates: { id: number; title: string; body: string; spending: UpdateSpending | null; publishedAt: Date }[];
  project: { allocated: number; spent: number; balance: number } | null;
  recent: RecentGift[];
  open: boolean;
  providers: string[];
  /** The providers that can charge a monthly gift; with none, the page offers one-off gifts only. */
  monthlyProviders: string[];
  /** The page's absolute address, for sharing. */
  url: string;
  qrSvg: string;
  now: Date;
}

const ago = (t: GivingTexts, then: Date, now: Date) => {
  const minutes = Math.floor((now.getTime() - then.getTime()) / 60_000);
  if (minutes < 1) return t.ago.now;
  if (minutes < 60) return t.ago.minutes(minutes);
  if (minutes < 24 * 60) return t.ago.hours(Math.floor(minutes / 60));
  return t.ago.days(Math.floor(minutes / (24 * 60)));
};

const ratioText = (r: PublicMatch['ratio']) => `${r.denominator}:${r.numerator}`;

function progress(t: GivingTexts, d: CampaignPageData) {
  const { campaign, totals } = d;
  const m = (n: number) => money(n, campaign.currency);
  const total = totals.raised + totals.matched;
  const percent = campaign.goal ? Math.min(100, Math.floor((total / campaign.goal) * 100)) : null;
  const daysLeft = campaign.endsAt ? Math.ceil((campaign.endsAt.getTime() - d.now.getTime()) / 86_400_000) : null;
  return html`<div class="card">
      ${percent !== null ? html`<div class="bar" role="progressbar" aria-valuenow="${percent}" aria-valuemin="0" aria-valuemax="100"><i style="width:${percent}%"></i></div>` : ''}
      <div class="stats">
        <span><b>${campaign.goal ? t.raisedOf(m(total), m(campaign.goal)) : t.raised(m(total))}</b></span>
        ${totals.matched > 0 ? html`<span class="muted">${t.includesMatched(m(totals.matched))}</span>` : ''}
        <span>${t.donors(totals.donors)}</span>
        ${daysLeft !== null && d.open ? html`<span>${t.daysLeft(daysLeft)}</span>` : ''}
      </div>
    </div>
    ${d.matching.map((f) => {
      const left = f.cap - f.matched;
      return html`<div class="card match">
        <b>${t.matching(f.sponsorName, ratioText(f.ratio))}</b>
        <div class="bar">
          <i style="width:${Math.min(100, Math.floor((f.matched / f.cap) * 100))}%;background:#bf8700"></i>
        </div>
        <span class="muted">${left > 0 ? t.matchingLeft(m(left), m(f.cap)) : t.matchingFull}</span>
      </div>`;
    })}`;
}

function giveForm(ctx: PageContext, t: GivingTexts, d: CampaignPageData, v: GiveFormValues, errors: FormErrors) {
  const { campaign } = d;
  const m = (n: number) => money(n, campaign.currency);
  const err = (field: keyof FormErrors) =>
    errors[field] ? html`<p class="error" role="alert">${errors[field]}</p>` : '';
  const checked = (on: boolean) => (on ? new SafeHtml('checked') : '');
  if (d.providers.length === 0) return html`<p class="notice">${t.noProvider}</p>`;
  const chosen = v.amount || String(campaign.presetAmounts[1] ?? campaign.presetAmounts[0]);
  const chips = campaign.presetAmounts.map(
    (fen) =>
      html`<label
        ><input type="radio" name="amount" value="${fen}" ${checked(chosen === String(fen))} /><span
          >${m(fen)}</span
        ></label
      >`,
  );
  return html`<form
    method="post"
    action="${pageUrl(ctx, `/c/${d.org.slug}/${campaign.slug}/give`)}"
    class="card"
    novalidate
  >
    ${errors.form ? html`<p class="form-error" role="alert">${errors.form}</p>` : ''}
    ${Object.keys(errors).length > 0 && !errors.form ? html`<p class="form-error" role="alert">${t.fixBelow}</p>` : ''}
    <input type="hidden" name="submitToken" value="${v.submitToken}" />
    <label>${t.amount}</label>
    <div class="chips">
      ${chips}
      <label
        ><input type="radio" name="amount" value="other" ${checked(chosen === 'other')} /><span
          >${t.otherAmount}</span
        ></label
      >
    </div>
    <input
      type="text"
      inputmode="decimal"
      name="otherAmount"
      value="${v.otherAmount}"
      placeholder="${t.otherAmount}"
      aria-label="${t.otherAmount}"
      style="margin-top:8px"
    />
    ${err('amount')}
    ${
      campaign.allowMonthly && d.monthlyProviders.length > 0
        ? html`<label>${t.frequency}</label>
            <div class="chips">
              <label
                ><input type="radio" name="frequency" value="once" ${checked(v.frequency !== 'monthly')} /><span
                  >${t.once}</span
                ></label
              >
              <label
                ><input type="radio" name="frequency" value="monthly" ${checked(v.frequency === 'monthly')} /><span
                  >${t.monthly}</span
                ></label
              >
            </div>`
        : ''
    }
    ${err('frequency')}
    <label for="name">${t.name}</label>
    <input type="text" id="name" name="name" value="${v.name}" autocomplete="name" maxlength="50" />
    ${err('name')}
    <label for="phone">${t.phone}</label>
    <input type="tel" id="phone" name="phone" value="${v.phone}" autocomplete="tel" maxlength="30" />
    ${err('phone')}
    <label for="email">${t.email}</label>
    <input type="email" id="email" name="email" value="${v.email}" autocomplete="email" maxlength="200" />
    ${err('email')}
    <p class="muted">${t.contactHint}</p>
    <label class="check"><input type="checkbox" name="anonymous" ${checked(v.anonymous)} /> ${t.anonymous}</label>
    <details ${v.dedicationKind !== 'none' ? new SafeHtml('open') : ''}>
      <summary>${t.dedication}</summary>
      <select name="dedicationKind" aria-label="${t.dedication}">
        ${(['none', 'honour', 'memory'] as const).map(
          (k) =>
            html`<option value="${k}" ${v.dedicationKind === k ? new SafeHtml('selected') : ''}>
              ${t.dedicationKind[k]}
            </option>`,
        )}
      </select>
      <label for="dedicationName">${t.dedicationName}</label>
      <input type="text" id="dedicationName" name="dedicationName" value="${v.dedicationName}" maxlength="50" />
      ${err('dedicationName')}
      <label for="dedicationMessage">${t.dedicationMessage}</label>
      <input
        type="text"
        id="dedicationMessage"
        name="dedicationMessage"
        value="${v.dedicationMessage}"
        maxlength="200"
      />
    </details>
    <label>${t.consents}</label>
    <label class="check"
      ><input type="checkbox" name="consentEmail" ${checked(v.consentEmail)} /> ${t.consentEmail}</label
    >
    <label class="check"><input type="checkbox" name="consentSms" ${checked(v.consentSms)} /> ${t.consentSms}</label>
    <p class="muted">${t.consentNote}</p>
    <label>${t.provider}</label>
    <div class="chips">
      ${d.providers.map(
        (p, i) =>
          html`<label
            ><input
              type="radio"
              name="provider"
              value="${p}"
              ${checked(v.provider ? v.provider === p : i === 0)}
            /><span>${t.providers[p as keyof GivingTexts['providers']] ?? p}</span></label
          >`,
      )}
    </div>
    ${err('provider')}
    <p><button type="submit">${t.submit}</button></p>
  </form>`;
}

function recentList(t: GivingTexts, d: CampaignPageData) {
  if (d.recent.length === 0) return html`<p class="muted">${t.noGiftsYet}</p>`;
  return html`<ul class="gifts card">
    ${d.recent.map(
      (g) =>
        html`<li>
          <span
            >${g.maskedName ?? t.anonymousDonor}${g.monthly ? html` <span class="muted">${t.monthlyTag}</span>` : ''}</span
          >
          <span
            ><span class="amount">${money(g.amount, g.currency)}</span>
            <span class="muted">${ago(t, g.paidAt, d.now)}</span></span
          >
        </li>`,
    )}
  </ul>`;
}

function planList(t: GivingTexts, d: CampaignPageData) {
  const { plan } = d.campaign;
  const f = t.planFields;
  const period = [d.campaign.startsAt, d.campaign.endsAt].some(Boolean)
    ? `${d.campaign.startsAt ? day(d.campaign.startsAt, d.org.timezone) : ''} – ${d.campaign.endsAt ? day(d.campaign.endsAt, d.org.timezone) : ''}`
    : null;
  const rows: [string, string | null][] = [
    [f.organizer, d.org.name],
    [f.filingNumber, plan.filingNumber],
    [f.purpose, plan.purpose],
    [f.region, plan.region],
    [f.period, period],
    [f.personInCharge, plan.personInCharge],
    [f.beneficiaries, plan.beneficiaries],
    [f.useOfFunds, plan.useOfFunds],
    [f.leftoverPlan, plan.leftoverPlan],
  ];
  return html`<dl class="plan card">
    ${rows
      .filter(([, value]) => value)
      .map(
        ([label, value]) =>
          html`<dt>${label}</dt>
            <dd>${value}</dd>`,
      )}
  </dl>`;
}

/** /c/<org>/<campaign>: the campaign's public page, with its giving form while it is open. */
export function campaignPage(
  ctx: PageContext,
  t: GivingTexts,
  d: CampaignPageData,
  form: { values: GiveFormValues; errors: FormErrors },
) {
  const { campaign, project } = d;
  const m = (n: number) => money(n, campaign.currency);
  const notYet = campaign.status === 'live' && campaign.startsAt && d.now < campaign.startsAt;
  const body = html`${topLine(ctx, t.kicker(d.org.name))}
    ${campaign.copy.coverKey ? html`<img class="cover" src="/${campaign.copy.coverKey}" alt="" />` : ''}
    <h1>${campaign.copy.title}</h1>
    ${campaign.copy.summary ? html`<p class="summary">${campaign.copy.summary}</p>` : ''} ${progress(t, d)}
    <h2 id="give">${t.give}</h2>
    ${
      d.open
        ? giveForm(ctx, t, d, form.values, form.errors)
        : html`<p class="notice">${notYet ? t.notStarted(day(campaign.startsAt!, d.org.timezone)) : t.ended}</p>`
    }
    ${
      campaign.copy.story
        ? html`<h2>${t.story}</h2>
            <div class="story card">${new SafeHtml(campaign.copy.story)}</div>`
        : ''
    }
    ${
      d.updates.length
        ? html`<h2 id="updates">${t.updates}</h2>
            ${d.updates.map(
              (u) =>
                html`<div class="card update">
                  <span class="muted">${day(u.publishedAt, d.org.timezone)}</span>
                  <h3>${u.title}</h3>
                  <div class="story">${new SafeHtml(u.body)}</div>
                  ${
                    u.spending
                      ? html`<p class="muted">
                          ${t.updateSpending(money(u.spending.allocated, u.spending.currency), money(u.spending.spent, u.spending.currency))}
                        </p>`
                      : ''
                  }
                </div>`,
            )}`
        : ''
    }
    <h2>${t.recent}</h2>
    ${recentList(t, d)}
    ${
      project && d.projectSlug
        ? html`<h2>${t.transparency}</h2>
            <p class="muted">${t.transparencyHow}</p>
            <div class="figures">
              <div class="card figure">
                <span class="muted">${ctx.t.project.allocated}</span><b>${m(project.allocated)}</b>
              </div>
              <div class="card figure"><span class="muted">${ctx.t.project.spent}</span><b>${m(project.spent)}</b></div>
              <div class="card figure">
                <span class="muted">${ctx.t.project.balance}</span><b>${m(project.balance)}</b>
              </div>
            </div>
            <p><a href="${pageUrl(ctx, `/p/${d.org.slug}/${d.projectSlug}`)}">${t.projectPage} →</a></p>`
        : ''
    }
    <h2>${t.plan}</h2>
    ${planList(t, d)}
    <h2>${t.share}</h2>
    <div class="card share">
      ${new SafeHtml(d.qrSvg)}
      <div>
        <p class="muted">${t.shareHint}</p>
        <input type="text" readonly value="${d.url}" aria-label="${t.copyLink}" />
      </div>
    </div>`;
  return layout(ctx, campaign.copy.title, body, { style: campaignStyle });
}
