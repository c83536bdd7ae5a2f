import {
  channelName,
  documentTexts,
  type GiftLine,
  type ReceiptView,
  type StatementView,
} from '../modules/receipts/index.ts';
import { html } from './html.ts';
import { day, layout, money, pageUrl, topLine, type PageContext } from './layout.ts';

const documentStyle = `.doc h1{text-align:center}.doc .number{text-align:center}.doc .sign{text-align:right;margin-top:24px}
.doc .code{font:15px ui-monospace,Menlo,monospace}.actions{display:flex;gap:12px;flex-wrap:wrap}`;

const amountOf = (g: GiftLine) => money(g.amount, g.currency);

/** /r/<token>: a gift's acknowledgement as the donor opens it from an email or the thank-you page. */
export function receiptPage(ctx: PageContext, view: ReceiptView, pdfUrl: string) {
  const t = documentTexts(ctx.lang);
  const { org, gift } = view;
  const date = day(gift.receivedAt, org.timezone);
  const body = html`${topLine(ctx, org.name)}
    <div class="card doc">
      <h1>${t.receiptTitle}</h1>
      <p class="muted number">${t.number(view.receipt.number)}</p>
      <p>${t.dear(view.donorName)}</p>
      <p>
        ${
          gift.kind === 'in_kind'
            ? t.inKind(date, org.name, gift.inKindDescription ?? '', amountOf(gift))
            : t.thanks(date, org.name, amountOf(gift), gift.purpose)
        }
      </p>
      <p>${t.channel}：${channelName(gift.channel, ctx.lang)}</p>
      ${
        gift.trackingCode
          ? html`<p>${t.tracking}：<span class="code">${gift.trackingCode}</span></p>
              <p><a href="${pageUrl(ctx, `/t/${gift.trackingCode}`)}">${ctx.t.entry.code(gift.trackingCode)} →</a></p>`
          : ''
      }
      ${view.receipt.officialReceiptNo ? html`<p>${t.official}：${view.receipt.officialReceiptNo}</p>` : ''}
      <p class="muted">${t.notOfficial}</p>
      <p class="sign">${t.issued(org.name, day(view.receipt.issuedAt, org.timezone))}</p>
    </div>
    <p class="actions"><a href="${pdfUrl}">${t.download}</a></p>`;
  return layout(ctx, `${t.receiptTitle} ${view.receipt.number}`, body, { style: documentStyle });
}

/** /s/<token>?year=: a supporter's gifts of one year, with links to the other years. */
export function statementPage(
  ctx: PageContext,
  view: StatementView,
  links: { pdf: string; year: (y: number) => string },
  years: number[],
) {
  const t = documentTexts(ctx.lang);
  const { org } = view;
  const rows = view.gifts.map(
    (g) =>
      html`<tr>
          <td>${day(g.receivedAt, org.timezone)}</td>
          <td>${g.kind === 'in_kind' ? t.inKindLine(g.inKindDescription ?? '') : (g.purpose ?? '')}</td>
          <td class="num">${amountOf(g)}</td>
        </tr>
        <tr>
          <td colspan="3" class="muted">
            ${g.receiptNumber ? `${t.columns.receipt} ${g.receiptNumber} · ` : ''}${
              g.trackingCode ? html`<a href="${pageUrl(ctx, `/t/${g.trackingCode}`)}">${g.trackingCode}</a>` : ''
            }
          </td>
        </tr>`,
  );
  const body = html`${topLine(ctx, org.name)}
    <div class="card doc">
      <h1>${t.statementTitle(view.year)}</h1>
      <p>${t.statementIntro(view.donorName, org.name, view.year)}</p>
      ${
        view.gifts.length
          ? html`<table>
                <tr>
                  <th>${t.columns.date}</th>
                  <th>${t.columns.purpose}</th>
                  <th class="num">${t.columns.amount}</th>
                </tr>
                ${rows}
              </table>
              ${view.totals.map((x) => html`<p><b>${t.total}：${money(x.amount, x.currency)}</b></p>`)}`
          : html`<p class="muted">${t.noGifts(view.year)}</p>`
      }
      <p class="muted">${t.notOfficial}</p>
    </div>
    <p class="actions">
      <a href="${links.pdf}">${t.download}</a>
      ${
        years.length > 1
          ? html`<span class="muted">${t.otherYears}：</span>${years
                .filter((y) => y !== view.year)
                .map((y) => html`<a href="${links.year(y)}">${y}</a> `)}`
          : ''
      }
    </p>`;
  return layout(ctx, t.statementTitle(view.year), body, { style: documentStyle });
}
