// The "verify" button of the public tracking and project pages. It trusts nothing the server says
// about itself: each entry comes in a C2SP tlog-proof, and @commonweal/ledger checks, in this
// browser, that the entry hashes into the tree whose root the log's key signed, and that the key is
// the one whose fingerprint the page shows.
//
// Markup (verify-section.ts, layout.ts entryRef): a button#verify with data-key-url, data-fingerprint
// and data-texts (JSON, VerifyTexts); elements [data-code] with a .verify-result inside; #verify-summary.
import { LedgerError, parseTlogProof, parseVerifierKey, verifierFromKey, verifyTlogProof } from '@commonweal/ledger';
import { keyFingerprint } from './fingerprint.ts';
import type { VerifyTexts } from './verify-texts.ts';

type Outcome =
  { result: 'ok'; index: bigint; size: bigint } | { result: 'pending' } | { result: 'failed'; reason: string };

const fill = (text: string, values: Record<string, string>) =>
  text.replace(/\{(\w+)\}/g, (all, name: string) => values[name] ?? all);

/** The log's key, checked against the fingerprint the page shows; a reason when it cannot be used. */
async function logKey(url: string, fingerprint: string, texts: VerifyTexts): Promise<string | { reason: string }> {
  const response = await fetch(url, { cache: 'no-store' });
  if (!response.ok) return { reason: fill(texts.reasons.http, { status: String(response.status) }) };
  const keyFile = await response.text();
  const computed = keyFingerprint(keyFile);
  if (computed !== fingerprint) return { reason: fill(texts.reasons.keyMismatch, { fingerprint: computed }) };
  const key = keyFile.trim();
  // Browsers without Ed25519 in WebCrypto (older WeChat kernels) cannot check a signature at all.
  try {
    await crypto.subtle.importKey('raw', new Uint8Array(parseVerifierKey(key).key), { name: 'Ed25519' }, false, [
      'verify',
    ]);
  } catch {
    return { reason: texts.reasons.unsupported };
  }
  return key;
}

async function verifyEntry(code: string, key: string, texts: VerifyTexts): Promise<Outcome> {
  const failed = (reason: string): Outcome => ({ result: 'failed', reason });
  const response = await fetch(`/t/${encodeURIComponent(code)}/proof`, { cache: 'no-store' });
  if (response.status === 409) return { result: 'pending' };
  if (!response.ok) return failed(fill(texts.reasons.http, { status: String(response.status) }));
  const text = await response.text();
  try {
    const entry = parseTlogProof(text).extra;
    if (!entry) return failed(texts.reasons.noEntry);
    const verified = await verifyTlogProof(text, {
      origin: parseVerifierKey(key).name,
      logVerifiers: [verifierFromKey(key)],
      entry,
    });
    // The entry must be the one this step names, not some other entry of the log.
    const logged = (JSON.parse(new TextDecoder().decode(entry)) as { code?: unknown }).code;
    if (logged !== code) return failed(fill(texts.reasons.otherEntry, { code: String(logged) }));
    return { result: 'ok', index: verified.index, size: verified.checkpoint.size };
  } catch (error) {
    if (!(error instanceof LedgerError)) return failed(texts.reasons.malformed);
    if (error.code === 'PROOF_INVALID') return failed(texts.reasons.inclusion);
    if (error.code.startsWith('NOTE_UN') || error.code === 'NOTE_BAD_SIGNATURE') return failed(texts.reasons.signature);
    return failed(texts.reasons.malformed);
  }
}

function show(element: HTMLElement, outcome: Outcome | 'checking', texts: VerifyTexts) {
  const out = element.querySelector<HTMLElement>('.verify-result') ?? element;
  if (outcome === 'checking') {
    element.dataset.verified = 'checking';
    out.textContent = texts.checking;
    return;
  }
  element.dataset.verified = outcome.result;
  if (outcome.result === 'ok') out.textContent = fill(texts.ok, { index: `${outcome.index}`, size: `${outcome.size}` });
  else if (outcome.result === 'pending') out.textContent = texts.pending;
  else out.textContent = `${texts.failed}: ${outcome.reason}`;
}

async function verifyAll(button: HTMLButtonElement) {
  const texts = JSON.parse(button.dataset.texts ?? '{}') as VerifyTexts;
  const summary = document.getElementById('verify-summary');
  const elements = [...document.querySelectorAll<HTMLElement>('[data-code]')];
  const codes = [...new Set(elements.map((e) => e.dataset.code!))];
  button.disabled = true;
  for (const element of elements) show(element, 'checking', texts);
  if (summary) summary.textContent = texts.checking;

  const outcomes = new Map<string, Outcome>();
  let key: string | { reason: string };
  try {
    key = await logKey(button.dataset.keyUrl ?? '/ledger/key', button.dataset.fingerprint ?? '', texts);
  } catch {
    key = { reason: texts.reasons.network };
  }
  const check = async (code: string) => {
    let outcome: Outcome;
    try {
      outcome =
        typeof key === 'string' ? await verifyEntry(code, key, texts) : { result: 'failed', reason: key.reason };
    } catch {
      outcome = { result: 'failed', reason: texts.reasons.network };
    }
    outcomes.set(code, outcome);
    for (const element of elements.filter((e) => e.dataset.code === code)) show(element, outcome, texts);
  };
  // A few at a time: a project page can list many entries, and phones are on slow networks.
  const queue = [...codes];
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let code = queue.shift(); code !== undefined; code = queue.shift()) await check(code);
    }),
  );

  const results = [...outcomes.values()].map((o) => o.result);
  const overall = results.includes('failed') ? 'failed' : results.includes('pending') ? 'pending' : 'ok';
  if (summary) {
    summary.dataset.verified = overall;
    summary.textContent =
      overall === 'ok' ? texts.summaryOk : overall === 'failed' ? texts.summaryFailed : texts.summaryPending;
  }
  button.disabled = false;
}

const button = document.getElementById('verify') as HTMLButtonElement | null;
button?.addEventListener('click', () => void verifyAll(button));
