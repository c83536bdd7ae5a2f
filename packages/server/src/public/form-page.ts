import type { CaptchaChallenge } from '../adapters/captcha/index.ts';
import type { FieldDef, FormRow } from '../modules/forms/index.ts';
import { childDivisions } from '../modules/geo/divisions.ts';
import { regionLevels } from '../modules/geo/region.ts';
import type { FormTexts } from './form-texts.ts';
import { html, SafeHtml } from './html.ts';
import { layout, topLine, type PageContext } from './layout.ts';

export type FormValues = Record<string, string | string[] | undefined>;
export type FormErrors = Record<string, string>;

const provinces = childDivisions(null);

export const formStyle = `
.q{margin:14px 0}.q>label:not(.choice),.q>legend{display:block;font-weight:600;margin-bottom:4px}.q .help{margin:0 0 4px}
.q input[type=text],.q input[type=tel],.q input[type=email],.q input[type=number],.q input[type=date],.q select,.q textarea{width:100%;font:inherit;padding:9px 10px;border:1px solid #d0d7de;border-radius:6px;background:#fff}
fieldset{border:0;padding:0;margin:0}.choice{display:flex;gap:8px;align-items:flex-start;padding:6px 0}.choice input{margin-top:5px}
.req{color:#cf222e}.form-error{color:#cf222e;font-size:13px;margin:4px 0 0}.hp{position:absolute;left:-9999px;width:1px;height:1px;overflow:hidden}
.region{display:grid;grid-template-columns:repeat(auto-fit,minmax(96px,1fr));gap:6px}.captcha-status{margin:8px 0}
.pager{display:flex;gap:8px}.pager button{flex:1}.pager .prev{background:#6e7781}`;

const checked = (on: boolean) => (on ? new SafeHtml('checked') : '');
const selected = (on: boolean) => (on ? new SafeHtml('selected') : '');

/**
 * 省/市/区: one select per level the question asks, each posted under the question's key, from the
 * province down. The provinces are in the page; the script fetches a chosen division's children
 * (/api/geo/divisions, cached for a day). Without it, the server lists them when it shows the form again.
 */
function regionSelects(field: FieldDef, picked: string[], t: FormTexts) {
  const depth = regionLevels.indexOf(field.level ?? 'district') + 1;
  const chain: string[] = [];
  for (const [i, code] of picked.slice(0, depth).entries())
    if (childDivisions(i === 0 ? null : chain[i - 1]!).some((d) => d.code === code)) chain.push(code);
    else break;
  const required = field.required ? new SafeHtml('required') : '';
  return html`<div class="region" data-region>
    ${regionLevels.slice(0, depth).map((level, i) => {
      const options = i === 0 ? childDivisions(null) : chain[i - 1] ? childDivisions(chain[i - 1]!) : [];
      return html`<select
        ${i === 0 ? html`id="q-${field.key}"` : ''}
        name="${field.key}"
        aria-label="${t.region[level]}"
        ${required}
      >
        <option value="">${t.region[level]}</option>
        ${options.map((d) => html`<option value="${d.code}" ${selected(chain[i] === d.code)}>${d.name}</option>`)}
      </select>`;
    })}
  </div>`;
}

function input(field: FieldDef, value: FormValues[string], t: FormTexts) {
  const one = Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
  const many = Array.isArray(value) ? value : value ? [value] : [];
  const id = `q-${field.key}`;
  const required = field.required ? new SafeHtml('required') : '';
  switch (field.type) {
    case 'textarea':
      return html`<textarea id="${id}" name="${field.key}" rows="4" ${required}>${one}</textarea>`;
    case 'single':
    case 'multiple':
      return html`${(field.options ?? []).map(
        (option) =>
          html`<label class="choice"
            ><input
              type="${field.type === 'single' ? 'radio' : 'checkbox'}"
              name="${field.key}"
              value="${option}"
              ${checked(many.includes(option))}
            /><span>${option}</span></label
          >`,
      )}`;
    case 'province':
      return html`<select id="${id}" name="${field.key}" ${required}>
        <option value=""></option>
        ${provinces.map(
          (p) => html`<option value="${p.code}" ${one === p.code ? new SafeHtml('selected') : ''}>${p.name}</option>`,
        )}
      </select>`;
    case 'region':
      return regionSelects(field, many, t);
    case 'consent':
      return html`<label class="choice"
        ><input type="checkbox" id="${id}" name="${field.key}" ${checked(one === 'on')} ${required} /><span
          >${field.label}${field.required ? html`<span class="req"> *</span>` : ''}</span
        ></label
      >`;
    case 'file':
      return html`<input
        type="file"
        id="${id}"
        name="${field.key}"
        accept="${field.accept === 'document' ? 'image/*,application/pdf' : 'image/*'}"
        ${required}
      />`;
    default: {
      const type = { text: 'text', number: 'number', email: 'email', phone: 'tel', date: 'date' }[field.type];
      const mode = field.type === 'phone' ? new SafeHtml('inputmode="tel" autocomplete="tel"') : '';
      return html`<input type="${type}" id="${id}" name="${field.key}" value="${one}" ${mode} ${required} />`;
    }
  }
}

/** One question with its answer and what to correct (volunteer pages ask a form's questions too). */
export function question(field: FieldDef, values: FormValues, errors: FormErrors, t: FormTexts) {
  const condition = field.showIf ? html` data-show-if="${field.showIf.key}" data-equals="${field.showIf.equals}"` : '';
  const grouped = field.type === 'single' || field.type === 'multiple';
  const title = html`${field.label}${field.required ? html`<span class="req"> *</span>` : ''}`;
  const heading =
    field.type === 'consent'
      ? ''
      : grouped
        ? html`<legend>${title}</legend>`
        : html`<label for="q-${field.key}">${title}</label>`;
  const body = html`${heading}${field.help ? html`<p class="muted help">${field.help}</p>` : ''}
  ${input(field, values[field.key], t)}
  ${errors[field.key] ? html`<p class="form-error" role="alert">${errors[field.key]}</p>` : ''}`;
  return grouped
    ? html`<fieldset class="q" ${condition}>${body}</fieldset>`
    : html`<div class="q" ${condition}>${body}</div>`;
}

/**
 * The captcha's answer, filled in by the page's script: the proof of work is solved in the background
 * from the challenge in the page (fresh on every view: form pages are never cached); Tencent's widget
 * opens when the person submits.
 */
export function captchaField(captcha: CaptchaChallenge, t: FormTexts) {
  const data =
    captcha.provider === 'pow'
      ? html`data-provider="pow" data-challenge="${JSON.stringify(captcha.challenge)}"`
      : html`data-provider="tencent" data-app-id="${captcha.appId}" data-script="${captcha.script}"`;
  return html`<input type="hidden" name="captcha" value="" ${data} />
    <p
      class="muted captcha-status"
      aria-live="polite"
      data-working="${t.captcha.working}"
      data-done="${t.captcha.done}"
    >
      ${captcha.provider === 'pow' ? t.captcha.needsScript : ''}
    </p>`;
}

/**
 * The <form> of a public form's questions, page by page, with the honeypot, the captcha and the pager;
 * `beforeFirst` goes at the top of its first page (the volunteer page's shift chooser).
 */
export function formElement(
  t: FormTexts,
  page: { form: FormRow; action: string; captcha?: CaptchaChallenge; submitLabel: string; beforeFirst?: SafeHtml },
  state: { values: FormValues; errors: FormErrors },
) {
  const { form } = page;
  const pages = [...new Set(form.fields.map((f) => f.page ?? 1))].sort((a, b) => a - b);
  return html`<form
    method="post"
    action="${page.action}"
    novalidate
    data-pages="${pages.length}"
    ${form.fields.some((f) => f.type === 'file') ? new SafeHtml('enctype="multipart/form-data"') : ''}
  >
    <div class="hp" aria-hidden="true">
      <label>Website <input type="text" name="website" tabindex="-1" autocomplete="off" /></label>
    </div>
    ${pages.map(
      (n, i) =>
        html`<section data-page="${n}">
          ${i === 0 ? (page.beforeFirst ?? '') : ''}
          ${form.fields.filter((f) => (f.page ?? 1) === n).map((f) => question(f, state.values, state.errors, t))}
        </section>`,
    )}
    ${page.captcha ? captchaField(page.captcha, t) : ''}
    <div class="pager">
      <button type="button" class="prev" hidden>${t.previous}</button>
      <button type="button" class="next" hidden>${t.next}</button>
      <button type="submit" class="submit">${page.submitLabel}</button>
    </div>
  </form>`;
}

/** The public form (/f/<org>/<form>): server-rendered, working without script; pages and conditions need one. */
export function formPage(
  ctx: PageContext,
  t: FormTexts,
  page: {
    orgName: string;
    form: FormRow;
    action: string;
    script: string;
    embed: boolean;
    /** What the page's captcha needs, when the form asks for one (需要人机验证). */
    captcha?: CaptchaChallenge;
  },
  state: { values: FormValues; errors: FormErrors; notice?: string },
) {
  const { form } = page;
  const color = form.settings.themeColor ?? '#1677ff';
  const body = html`${page.embed ? '' : topLine(ctx, page.orgName)}
    <h1>${form.title}</h1>
    ${form.description ? html`<p>${form.description}</p>` : ''}
    ${state.notice ? html`<p class="notice" role="alert">${state.notice}</p>` : ''}
    ${formElement(t, { ...page, submitLabel: t.submit }, state)}`;
  return layout(ctx, form.title, body, {
    script: page.script,
    style: `${formStyle}button{background:${color}}`,
  });
}

/** After a submission, or when the form takes no more. */
export function formMessagePage(
  ctx: PageContext,
  page: { orgName: string; title: string; embed: boolean },
  message: string,
) {
  const body = html`${page.embed ? '' : topLine(ctx, page.orgName)}
    <h1>${page.title}</h1>
    <p class="card">${message}</p>`;
  return layout(ctx, page.title, body);
}
