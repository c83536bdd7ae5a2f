import type { MonthlyChange, MonthlyGiftView } from '../modules/fundraising/index.ts';
import { html } from './html.ts';
import { day, layout, money, pageUrl, topLine, type PageContext } from './layout.ts';
import type { MonthlyTexts } from './monthly-texts.ts';

const pageStyle = `form{margin:0}label{display:block;margin:8px 0 4px}input,select{font:inherit;font-size:16px;width:100%;padding:8px;border:1px solid #d0d7de;border-radius:8px;background:#fff}
.row{display:flex;gap:8px;align-items:center}.row input{flex:1}.row button{width:auto;padding:8px 16px}
button.quiet{background:#fff;color:#cf222e;border:1px solid #cf222e}.form-error{color:#cf222e;font-size:14px}
dl{display:grid;grid-template-columns:auto 1fr;gap:4px 12px;margin:8px 0}dt{color:#656d76}dd{margin:0}`;

export interface MonthlyPageState {
  /** The change just made, to confirm it in words. */
  done?: MonthlyChange['action'];
  /** Asking before cancelling. */
  confirmCancel?: boolean;
  error?: string;
  amountTyped?: string;
}

/**
 * /m/<token>: a donor's own monthly gift. Plain forms, no script: change the amount, pause (for some
 * months or until resumed), resume, cancel after one confirmation, and every month's gift with its receipt.
 */
export function monthlyPage(ctx: PageContext, w: MonthlyTexts, v: MonthlyGiftView, s: MonthlyPageState, self: string) {
  const zone = v.org.timezone;
  const m = (fen: number) => money(fen, v.currency);
  const action = pageUrl(ctx, self);
  const next = v.nextChargeAt ? day(new Date(v.nextChargeAt), zone) : null;
  const schedule =
    v.status === 'active' && next
      ? html`<dt>${w.next}</dt>
          <dd>${w.nextValue(next, v.chargeDay)}</dd>`
      : v.status === 'paused'
        ? html`<dt>${w.next}</dt>
            <dd>${next ? w.pausedUntil(next) : w.pausedOpen}</dd>`
        : '';
  const failure =
    v.lastFailure && v.status !== 'cancelled'
      ? html`<p class="notice">
          ${w.lastFailure(v.lastFailure)} ${v.status === 'active' && next ? w.retry(next) : ''}
        </p>`
      : '';
  const done =
    s.done && !s.error
      ? html`<p class="notice">
          ${s.done === 'change-amount' ? w.done['change-amount'](m(v.amount)) : w.done[s.done]}
        </p>`
      : '';
  const error = s.error ? html`<p class="form-error" role="alert">${s.error}</p>` : '';

  const amountForm = html`<form method="post" action="${action}" class="card">
    <input type="hidden" name="action" value="change-amount" />
    <label for="amount">${w.changeAmount}</label>
    <div class="row">
      <input
        id="amount"
        name="amount"
        inputmode="decimal"
        value="${s.amountTyped ?? (v.amount / 100).toFixed(2)}"
        aria-describedby="amount-hint"
      /><button type="submit">${w.saveAmount}</button>
    </div>
    <p class="muted" id="amount-hint">${w.amountHint(m(v.campaign.minAmount), m(v.campaign.maxAmount))}</p>
  </form>`;
  const pauseForm = html`<form method="post" action="${action}" class="card">
    <input type="hidden" name="action" value="pause" />
    <label for="months">${w.pause}</label>
    <div class="row">
      <select id="months" name="months">
        ${[1, 2, 3, 6].map((n) => html`<option value="${n}">${w.pauseFor(n)}</option>`)}
        <option value="">${w.pauseOpen}</option>
      </select>
      <button type="submit">${w.pauseButton}</button>
    </div>
  </form>`;
  const resumeForm = html`<form method="post" action="${action}" class="card">
    <input type="hidden" name="action" value="resume" />
    <p><b>${w.resume}</b></p>
    <button type="submit">${w.resumeButton}</button>
  </form>`;
  const cancelPart = s.confirmCancel
    ? html`<form method="post" action="${action}" class="card" id="cancel">
        <input type="hidden" name="action" value="cancel" />
        <p><b>${w.cancelAsk}</b></p>
        <label for="reason">${w.reason}</label>
        <input id="reason" name="reason" maxlength="200" />
        <p><button type="submit" class="quiet">${w.cancelButton}</button></p>
        <p><a href="${action}">${w.keep}</a></p>
      </form>`
    : html`<p><a href="${action}&confirm=cancel#cancel">${w.cancel}</a></p>`;
  const controls =
    v.status === 'cancelled' ? '' : html`${amountForm} ${v.status === 'active' ? pauseForm : resumeForm} ${cancelPart}`;

  const rows = v.charges.map(
    (c) =>
      html`<tr>
        <td>${c.period ?? day(new Date(c.paidAt ?? c.createdAt), zone).slice(0, 7)}</td>
        <td class="num">${money(c.amount, c.currency)}</td>
        <td>${w.charge[c.status]}</td>
        <td>${c.receiptUrl ? html`<a href="${c.receiptUrl}?lang=${ctx.lang}">${w.view}</a>` : ''}</td>
      </tr>`,
  );
  const body = html`${topLine(ctx, w.kicker(v.org.name))}
    <h1>${w.title}</h1>
    ${done} ${error}
    <div class="card">
      <p><b>${w.gives(m(v.amount), v.campaign.title)}</b></p>
      <dl>
        <dt>${w.statusLabel}</dt>
        <dd>${w.status[v.status]}</dd>
        ${schedule}
        <dt>${w.startedAt}</dt>
        <dd>${day(new Date(v.startedAt), zone)}</dd>
      </dl>
    </div>
    ${failure} ${controls}
    <h2>${w.history}</h2>
    <table>
      <thead>
        <tr>
          <th>${w.month}</th>
          <th class="num">${w.amount}</th>
          <th>${w.state}</th>
          <th>${w.receipt}</th>
        </tr>
      </thead>
      <tbody>
        ${rows}
      </tbody>
    </table>
    <p><a href="${v.statementUrl}?lang=${ctx.lang}">${w.statement} →</a></p>
    <p><a href="${pageUrl(ctx, v.campaign.url)}">${w.campaign} →</a></p>`;
  return layout(ctx, w.title, body, { style: pageStyle });
}
