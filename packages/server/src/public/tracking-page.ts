import type { JourneyStep } from '../modules/flows/index.ts';
import { html } from './html.ts';
import { day, entryRef, layout, money, pageUrl, topLine, type PageContext } from './layout.ts';
import { verifySection, type VerifyContext } from './verify-section.ts';

/** /t/<code>: the journey of one gift, step by step, each with the log entry that proves it. */
export function trackingPage(
  ctx: PageContext,
  verify: VerifyContext,
  journey: {
    org: { name: string; slug: string; timezone: string };
    code: string;
    voided: boolean;
    steps: JourneyStep[];
  },
) {
  const t = ctx.t.tracking;
  const step = (s: JourneyStep) =>
    html`<li class="${s.kind === 'corrected' && s.what === 'void' ? 'void' : ''}">
      <div><b>${t.steps[s.kind]}</b> <span class="muted">${day(s.at, journey.org.timezone)}</span></div>
      <div>
        ${s.amount === null ? '' : html`<span class="amount">${money(s.amount, s.currency)}</span> `}${
          s.kind === 'corrected' ? (s.what === 'void' ? t.correctedVoid : t.correctedAmend) : s.what
        }${
          s.project
            ? html` · <a href="${pageUrl(ctx, `/p/${journey.org.slug}/${s.project.slug}`)}">${s.project.name}</a>`
            : ''
        }
      </div>
      ${entryRef(ctx, s.tracking)}
    </li>`;
  const spent = journey.steps.some((s) => s.kind === 'spent' || s.kind === 'sent');
  return layout(
    ctx,
    t.title(journey.code),
    html`${topLine(ctx, t.kicker(journey.org.name))}
      <h1>${t.heading}</h1>
      <p class="entry">${t.code(journey.code)}</p>
      ${journey.voided ? html`<p class="notice">${t.voided}</p>` : ''}
      <div class="card">
        <ol class="steps">
          ${journey.steps.map(step)}
        </ol>
      </div>
      ${spent ? '' : html`<p class="muted">${t.notSpent}</p>`} ${verifySection(ctx, verify)}
      <h2>${t.rule}</h2>
      <p class="muted">${ctx.t.fifo}</p>
      <p class="muted">${t.privacy}</p>`,
    { script: verify.script },
  );
}

export const notFoundPage = (ctx: PageContext, what: string) =>
  layout(
    ctx,
    ctx.t.notFound.title,
    html`<h1>${ctx.t.notFound.title}</h1>
      <p>${what}</p>
      <p class="muted">${ctx.t.notFound.hint}</p>`,
  );
