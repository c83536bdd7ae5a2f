import type { orderStatus } from '../modules/fundraising/index.ts';
import type { GivingTexts } from './giving-texts.ts';
import { html, SafeHtml } from './html.ts';
import { day, layout, money, pageUrl, topLine, type PageContext } from './layout.ts';

type OrderStatus = NonNullable<Awaited<ReturnType<typeof orderStatus>>>;

/**
 * /give/<order>: where the donor lands after paying. While the provider has not confirmed, it refreshes
 * itself every few seconds (no script needed); once paid it thanks the donor and gives the tracking code.
 */
export function orderPage(
  ctx: PageContext,
  t: GivingTexts,
  s: OrderStatus,
  orgName: string,
  orgZone: string,
  online?: OnlinePending,
) {
  const w = t.order;
  const p = s.public;
  const amount = money(p.amount, p.currency);
  const campaignUrl = pageUrl(ctx, p.campaign.url);
  let content;
  if (p.status === 'paid') {
    content = html`<h1>${w.paid}</h1>
      <p>${w.paidDetail(amount, p.campaign.title)}</p>
      ${p.frequency === 'monthly' && s.manageUrl ? html`<p>${w.monthly}</p>` : ''}
      ${s.manageUrl ? html`<p><a href="${s.manageUrl}?lang=${ctx.lang}">${w.manage} →</a></p>` : ''}
      ${
        p.trackingCode
          ? html`<div class="card">
              <span class="muted">${w.tracking}</span>
              <p class="entry" style="font-size:18px;color:inherit">${p.trackingCode}</p>
              <p class="muted">${w.trackingHint}</p>
              <p><a href="${pageUrl(ctx, `/t/${p.trackingCode}`)}">${w.follow} →</a></p>
            </div>`
          : ''
      }
      ${s.receiptUrl ? html`<p><a href="${s.receiptUrl}?lang=${ctx.lang}">${w.receipt} →</a></p>` : ''}`;
  } else if (p.status === 'pending' && s.transfer) {
    const { account, reference } = s.transfer;
    content = html`<h1>${w.transferTitle}</h1>
      <p>${w.transferHint(amount)}</p>
      <dl class="card transfer">
        <dt>${w.accountName}</dt>
        <dd>${account.accountName}</dd>
        <dt>${w.bank}</dt>
        <dd>${account.bankName} ${account.branch}</dd>
        <dt>${w.accountNumber}</dt>
        <dd class="code">${account.accountNumber.replace(/(\d{4})(?=\d)/g, '$1 ')}</dd>
        <dt>${w.transferAmount}</dt>
        <dd><b>${amount}</b></dd>
        <dt>${w.memo}</dt>
        <dd class="code"><b>${reference}</b></dd>
      </dl>
      <p class="muted">${w.transferAfter(day(new Date(p.expiresAt), orgZone))}</p>`;
  } else if (p.status === 'pending' && online) {
    content = onlinePending(ctx, t, s, online);
  } else if (p.status === 'pending') {
    content = html`<h1>${w.pending}</h1>
      <p class="muted">${w.pendingHint}</p>`;
  } else {
    content = html`<h1>${p.status === 'expired' ? w.expired : w.failed}</h1>
      <p><a href="${campaignUrl}#give">${w.again} →</a></p>`;
  }
  const body = html`${topLine(ctx, t.kicker(orgName))} ${content}
    <p class="muted">${w.orderNo(p.orderNo)} · ${amount}</p>
    <p><a href="${campaignUrl}">${w.back}</a></p>`;
  // A pending online payment's page reloads itself until the provider's confirmation arrives; a bank
  // transfer takes days, so its page stays still.
  // A donor reading how to open another browser is not hurried by a reload.
  const still = Boolean(s.transfer) || (online?.inWechat && s.order.provider === 'alipay');
  return layout(ctx, w.title, body, {
    refreshSeconds: p.status === 'pending' && !still ? 3 : undefined,
    style: `.qr svg{width:220px;height:220px;display:block;margin:8px auto}a.button{display:block;text-align:center;padding:10px;border-radius:8px;background:#1677ff;color:#fff;text-decoration:none}.transfer{display:grid;grid-template-columns:minmax(0,40%) minmax(0,1fr);gap:6px 12px}.transfer dt{color:#656d76}.transfer dd{margin:0;overflow-wrap:anywhere}.code{font-family:ui-monospace,Menlo,monospace}`,
  });
}

/** A WeChat Pay or Alipay order still to pay: how this browser shows it. */
export interface OnlinePending {
  inWechat: boolean;
  /** A Native payment's QR code, drawn as SVG. */
  qrSvg?: string;
}

function onlinePending(ctx: PageContext, t: GivingTexts, s: OrderStatus, online: OnlinePending) {
  const w = t.online;
  const blocked = online.inWechat && s.order.provider === 'alipay';
  const qr = online.qrSvg
    ? html`<div class="card qr">
        <p>${online.inWechat ? w.longPress : w.scan}</p>
        ${new SafeHtml(online.qrSvg)}
      </div>`
    : '';
  return html`<h1>${t.order.pending}</h1>
    ${blocked ? html`<p class="notice">${w.openInBrowser}</p>` : html`<p class="muted">${t.order.pendingHint}</p>`}
    ${qr}
    <p><a class="button" href="${pageUrl(ctx, `/give/${s.order.orderNo}/pay`)}">${w.continue} →</a></p>`;
}

/** WeChat's own payment sheet, opened by the page's script inside WeChat (JSAPI). */
export function wechatPayPage(
  ctx: PageContext,
  t: GivingTexts,
  order: { orderNo: string; amount: number; currency: string; title: string },
  params: object,
  script: string,
) {
  const w = t.online;
  const amount = money(order.amount, order.currency);
  const done = pageUrl(ctx, `/give/${order.orderNo}`);
  const body = html`<p class="muted top"><span>${w.wechatTitle}</span></p>
    <h1>${order.title}</h1>
    <p>
      <button type="button" data-wechat-pay="${JSON.stringify(params)}" data-done="${done}">
        ${w.wechatPay(amount)}
      </button>
    </p>
    <p id="pay-not-done" class="form-error" hidden>${w.wechatNotDone}</p>
    <p class="muted">${t.order.orderNo(order.orderNo)}</p>
    <p><a href="${done}">${t.order.title} →</a></p>`;
  return layout(ctx, w.wechatTitle, body, { script });
}

/** The sandbox provider's pay page: the donor confirms or cancels; no money moves. */
export function sandboxPayPage(
  ctx: PageContext,
  t: GivingTexts,
  order: { orderNo: string; amount: number; currency: string; title: string; payable: boolean; monthly: boolean },
  action: string,
) {
  const w = t.sandbox;
  const amount = money(order.amount, order.currency);
  const body = html`<p class="muted top"><span>${w.title}</span></p>
    <h1>${order.title}</h1>
    <p class="notice">${w.explain}</p>
    ${order.monthly ? html`<p>${w.agreement(amount)}</p>` : ''}
    <p class="muted">${t.order.orderNo(order.orderNo)}</p>
    ${
      order.payable
        ? html`<form method="post" action="${action}">
            <p><button type="submit" name="decision" value="pay">${w.pay(amount)}</button></p>
            <p><button type="submit" name="decision" value="cancel" style="background:#6e7781">${w.cancel}</button></p>
          </form>`
        : html`<p class="form-error">${w.notPayable}</p>`
    }`;
  return layout(ctx, w.title, body);
}
