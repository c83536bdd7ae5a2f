import type { FormRow } from '../modules/forms/index.ts';
import { shiftTime, type PublicOpportunity } from '../modules/volunteers/index.ts';
import type { CaptchaChallenge } from '../adapters/captcha/index.ts';
import { formElement, formStyle, type FormErrors, type FormValues } from './form-page.ts';
import type { FormTexts } from './form-texts.ts';
import { html, SafeHtml } from './html.ts';
import { layout, topLine, type PageContext } from './layout.ts';
import type { VolunteerTexts } from './volunteer-texts.ts';

export interface PageShift {
  id: number;
  title: string;
  startsAt: string;
  endsAt: string;
  location: string | null;
  placesLeft: number | null;
  full: boolean;
  past: boolean;
}

const pageStyle = `${formStyle}
.facts{margin:0;display:grid;grid-template-columns:auto 1fr;gap:2px 10px}.facts dt{color:#656d76}.facts dd{margin:0}
.skill{display:inline-block;background:#eef4ff;color:#0550ae;border-radius:10px;padding:0 8px;margin:0 4px 4px 0;font-size:13px}
.shift{display:flex;gap:10px;align-items:flex-start;background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:10px 12px;margin:8px 0}
.shift input{margin-top:5px;width:18px;height:18px}.shift b{display:block}.shift.off{color:#8c959f;background:#f6f8fa}
.left{font-size:13px;color:#1a7f37}.left.none{color:#cf222e}`;

/** One shift as a choice: when, where, and its places (已满; 候补 when the opportunity keeps a waiting list). */
function shiftChoice(
  shift: PageShift,
  p: { t: VolunteerTexts; lang: PageContext['lang']; timezone: string; waitlist: boolean; chosen: string[] },
) {
  const { t } = p;
  const open = !shift.past && (!shift.full || p.waitlist);
  const places = shift.past
    ? t.started
    : shift.full
      ? p.waitlist
        ? t.fullWaitlist
        : t.full
      : shift.placesLeft === null
        ? t.unlimited
        : t.placesLeft(shift.placesLeft);
  const when = shiftTime(new Date(shift.startsAt), new Date(shift.endsAt), p.timezone, p.lang);
  return html`<label class="shift ${open ? '' : 'off'}"
    ><input
      type="checkbox"
      name="shiftIds"
      value="${shift.id}"
      ${open ? '' : new SafeHtml('disabled')}
      ${open && p.chosen.includes(String(shift.id)) ? new SafeHtml('checked') : ''}
    /><span
      ><b>${shift.title ? `${shift.title} · ` : ''}${when}</b
      >${shift.location ? html`<span class="muted">${shift.location}</span><br />` : ''}<span
        class="left ${open && !shift.full ? '' : 'none'}"
        >${places}</span
      ></span
    ></label
  >`;
}

/** The opportunity: what, where, when, the skills wanted. */
function about(ctx: PageContext, t: VolunteerTexts, found: PublicOpportunity, shifts: PageShift[]) {
  const { opportunity, org } = found;
  const first = shifts[0];
  const last = shifts.at(-1);
  const dates = first && last ? shiftTime(new Date(first.startsAt), new Date(last.endsAt), org.timezone, ctx.lang) : '';
  return html`<h1>${opportunity.title}</h1>
    <dl class="facts">
      ${
        opportunity.location
          ? html`<dt>${t.where}</dt>
              <dd>${opportunity.location}</dd>`
          : ''
      }
      ${
        dates
          ? html`<dt>${t.when}</dt>
              <dd>${dates}</dd>`
          : ''
      }
    </dl>
    ${
      opportunity.skills.length
        ? html`<p>
            <span class="muted">${t.skills}：</span
            >${opportunity.skills.map((s) => html`<span class="skill">${s}</span>`)}
          </p>`
        : ''
    }
    ${opportunity.description
      .split(/\n+/)
      .filter(Boolean)
      .map((line) => html`<p>${line}</p>`)}`;
}

/**
 * The public page of an opportunity (/v/<org>/<slug>): what it is, its shifts with places left, and the
 * sign-up form (the linked form's questions, with the shift chooser first). Works without script; the
 * form script adds pages and conditions.
 */
export function volunteerPage(
  ctx: PageContext,
  t: { volunteer: VolunteerTexts; form: FormTexts },
  page: {
    found: PublicOpportunity;
    shifts: PageShift[];
    action: string;
    script: string;
    /** When the sign-up form asks for a captcha (需要人机验证). */
    captcha?: CaptchaChallenge;
  },
  state: { values: FormValues; errors: FormErrors; notice?: string },
) {
  const { found, shifts } = page;
  const form: FormRow = found.form;
  const color = form.settings.themeColor ?? '#1677ff';
  const chosen = [state.values.shiftIds ?? []].flat();
  const chooser = html`<fieldset class="q">
    <legend>${t.volunteer.chooseShifts}<span class="req"> *</span></legend>
    <p class="muted help">${t.volunteer.chooseHint}</p>
    ${shifts.map((s) =>
      shiftChoice(s, {
        t: t.volunteer,
        lang: ctx.lang,
        timezone: found.org.timezone,
        waitlist: found.opportunity.waitlist,
        chosen,
      }),
    )}
    ${state.errors.shiftIds ? html`<p class="form-error" role="alert">${state.errors.shiftIds}</p>` : ''}
  </fieldset>`;
  const body = html`${topLine(ctx, found.org.name)} ${about(ctx, t.volunteer, found, shifts)}
  ${state.notice ? html`<p class="notice" role="alert">${state.notice}</p>` : ''}
  ${formElement(
    t.form,
    { form, action: page.action, captcha: page.captcha, submitLabel: t.volunteer.submit, beforeFirst: chooser },
    state,
  )}`;
  return layout(ctx, found.opportunity.title, body, {
    script: page.script,
    style: `${pageStyle}button{background:${color}}`,
  });
}

/** The opportunity without the form: when it takes no more sign-ups, and after one. */
export function volunteerMessagePage(
  ctx: PageContext,
  t: VolunteerTexts,
  page: { found: PublicOpportunity; shifts: PageShift[] },
  message: string,
) {
  const body = html`${topLine(ctx, page.found.org.name)} ${about(ctx, t, page.found, page.shifts)}
    <p class="card" role="status">${message}</p>`;
  return layout(ctx, page.found.opportunity.title, body, { style: pageStyle });
}
