import { html, SafeHtml } from './html.ts';
import type { Lang } from './i18n.ts';
import type { PublicTexts } from './texts.ts';

// One small stylesheet inline: no external assets, a few KB, readable on a phone in WeChat.
const style = `
*{box-sizing:border-box}body{margin:0;font:15px/1.6 -apple-system,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;color:#1f2328;background:#f6f7f9}
main{max-width:640px;margin:0 auto;padding:16px}h1{font-size:20px;margin:8px 0}h2{font-size:16px;margin:24px 0 8px}
.muted{color:#656d76;font-size:13px}.card{background:#fff;border-radius:8px;padding:12px 14px;margin:8px 0;box-shadow:0 1px 2px #0001}
.figures{display:grid;grid-template-columns:repeat(2,1fr);gap:8px}.figure b{display:block;font-size:18px}
.steps{list-style:none;padding:0;margin:0}.steps li{border-left:3px solid #1677ff;padding:4px 0 12px 12px;margin-left:4px}
.steps li.void{border-color:#cf222e}.amount{font-weight:600}.entry{font:12px ui-monospace,Menlo,monospace;color:#656d76;word-break:break-all}
table{width:100%;border-collapse:collapse;font-size:14px}td,th{text-align:left;padding:6px 4px;border-bottom:1px solid #eee}td.num,th.num{text-align:right}
a{color:#0969da;text-decoration:none}.notice{background:#fff8c5;border-radius:8px;padding:8px 12px}
.top{display:flex;justify-content:space-between;gap:8px}.verify-result{display:block;font-family:inherit}
[data-verified=ok] .verify-result,[data-verified=ok]#verify-summary{color:#1a7f37}[data-verified=failed] .verify-result,[data-verified=failed]#verify-summary{color:#cf222e}
.verify ol{padding-left:20px;margin:4px 0}button{font:inherit;font-size:16px;width:100%;padding:10px;border:0;border-radius:8px;background:#1677ff;color:#fff}
button:disabled{background:#8cb8ff}#verify-summary{font-weight:600}`;

/** The language of a public page, its words, and the link that switches to the other language. */
export interface PageContext {
  lang: Lang;
  t: PublicTexts;
}

/** A page of this site in the page's language (links keep the chosen language). */
export const pageUrl = (ctx: PageContext, path: string) => `${path}?lang=${ctx.lang}`;

/** What a page adds to the frame. */
export interface PageExtras {
  /** A same-origin module (the verifier), never a CDN. */
  script?: string;
  /** The few rules of one kind of page. */
  style?: string;
  /** Reload the page after this many seconds (a payment waiting for its confirmation), with no script. */
  refreshSeconds?: number;
}

/** The frame of every public page. */
export const layout = (ctx: PageContext, title: string, body: SafeHtml, extras: PageExtras = {}) =>
  html`<!doctype html>
    <html lang="${ctx.lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <title>${title}</title>
        <style>
          ${new SafeHtml(style + (extras.style ?? ''))}
        </style>
        ${extras.refreshSeconds ? html`<meta http-equiv="refresh" content="${extras.refreshSeconds}" />` : ''}
        ${extras.script ? html`<script type="module" src="${extras.script}"></script>` : ''}
      </head>
      <body>
        <main>${body}</main>
      </body>
    </html>`;

/** The page's header line: where it comes from, and the other language. */
export const topLine = (ctx: PageContext, kicker: string) =>
  html`<p class="muted top">
    <span>${kicker}</span
    ><a href="?lang=${ctx.t.switchTo.lang}" hreflang="${ctx.t.switchTo.lang}">${ctx.t.switchTo.label}</a>
  </p>`;

/** Dates and money as every page and document prints them. */
export { day, money } from '../text/format.ts';

/**
 * The log entry behind a figure or a step: its code, its leaf index once integrated, a link to its
 * tlog-proof, and a place for the verifier's result. The in-browser verifier finds entries by data-code.
 */
export const entryRef = (ctx: PageContext, tracking: { code: string; leafIndex: number | null } | null) =>
  tracking
    ? html`<span class="entry" data-code="${tracking.code}" data-leaf="${tracking.leafIndex ?? ''}"
        >${ctx.t.entry.code(tracking.code)} ·
        ${tracking.leafIndex === null ? ctx.t.entry.pending : ctx.t.entry.leaf(tracking.leafIndex)}${
          tracking.leafIndex === null
            ? ''
            : html` ·
                <a href="/t/${tracking.code}/proof" download="${tracking.code}.tlog-proof">${ctx.t.entry.download}</a>`
        }<span class="verify-result" aria-live="polite"></span
      ></span>`
    : html`<span class="entry">${ctx.t.entry.none}</span>`;
