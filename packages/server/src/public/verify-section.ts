import { html } from './html.ts';
import type { PageContext } from './layout.ts';

/** What the verify section needs: the verifier script's URL and the log's key with its fingerprint. */
export interface VerifyContext {
  script: string;
  key: { key: string; fingerprint: string } | undefined;
}

/** The fingerprint in groups of eight hex digits, easier to compare by eye. */
const grouped = (fingerprint: string) => fingerprint.match(/.{1,8}/g)!.join(' ');

/**
 * The "verify" button and what it does, for every page that lists log entries. The script
 * (scripts/verify.ts) reads the key URL, the fingerprint and its texts from the button.
 */
export const verifySection = (ctx: PageContext, v: VerifyContext) => {
  const t = ctx.t.verify;
  const [intro, ...rest] = t.explain;
  const outro = rest.pop();
  return html`<section class="card verify" id="verify-box">
    <h2>${t.heading}</h2>
    <p class="muted">${intro}</p>
    <ol class="muted">
      ${rest.map((check) => html`<li>${check}</li>`)}
    </ol>
    <p class="muted">${outro}</p>
    ${
      v.key
        ? html`<p class="muted">
            ${t.fingerprint}<br /><span class="entry" id="key-fingerprint">${grouped(v.key.fingerprint)}</span><br /><a
              class="entry"
              href="/ledger/key"
              >${v.key.key}</a
            >
          </p>`
        : html`<p class="muted">${t.noKey}</p>`
    }
    <button
      id="verify"
      type="button"
      data-key-url="/ledger/key"
      data-fingerprint="${v.key?.fingerprint ?? ''}"
      data-texts="${JSON.stringify(t.script)}"
    >
      ${t.button}
    </button>
    <p id="verify-summary" role="status" aria-live="polite"></p>
    <p class="muted">${t.offline}</p>
  </section>`;
};
