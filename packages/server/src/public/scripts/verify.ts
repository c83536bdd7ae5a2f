// The "verify" button of the public tracking and project pages. It trusts nothing the server says
// about itself: each step's entry comes in a C2SP tlog-proof, and @commonweal/ledger checks, in this
// browser, that the entry hashes into the tree whose root the log's key signed.
//
// Markup: a button#verify with data-key-url and the texts data-checking, data-ok, data-failed,
// data-pending, data-summary-ok, data-summary-failed; elements [data-entry-code] with a
// .verify-result inside; optional #verify-summary.
import { LedgerError, parseVerifierKey, verifierFromKey, verifyTlogProof } from '@commonweal/ledger';

interface Texts {
  checking: string;
  ok: string;
  failed: string;
  pending: string;
  summaryOk: string;
  summaryFailed: string;
}

type StepResult = 'ok' | 'failed' | 'pending';

async function verifyStep(code: string, vkey: string): Promise<{ result: StepResult; detail: string }> {
  const response = await fetch(`/t/${encodeURIComponent(code)}/proof`, { cache: 'no-store' });
  if (response.status === 409) return { result: 'pending', detail: '' };
  if (!response.ok) return { result: 'failed', detail: `HTTP ${response.status}` };
  const text = await response.text();
  const extra = /^extra (\S+)$/m.exec(text.split('\n\n')[0] ?? '')?.[1];
  if (!extra) return { result: 'failed', detail: 'the proof carries no entry' };
  const entry = Uint8Array.from(atob(extra), (c) => c.charCodeAt(0));
  const origin = parseVerifierKey(vkey).name;
  const verified = await verifyTlogProof(text, { origin, logVerifiers: [verifierFromKey(vkey)], entry });
  const parsed = JSON.parse(new TextDecoder().decode(entry)) as { code?: string };
  // The entry must be the one this step names, not some other entry of the log.
  if (parsed.code !== code) return { result: 'failed', detail: `the proof is for entry ${parsed.code}` };
  return { result: 'ok', detail: `#${verified.index} / ${verified.checkpoint.size}` };
}

async function verifyAll(button: HTMLButtonElement) {
  const data = button.dataset;
  const texts: Texts = {
    checking: data.checking ?? '…',
    ok: data.ok ?? 'verified',
    failed: data.failed ?? 'NOT verified',
    pending: data.pending ?? 'not yet in the log',
    summaryOk: data.summaryOk ?? 'All steps verified',
    summaryFailed: data.summaryFailed ?? 'Verification failed',
  };
  button.disabled = true;
  const summary = document.getElementById('verify-summary');
  const steps = [...document.querySelectorAll<HTMLElement>('[data-entry-code]')];
  let failures = 0;
  try {
    const vkey = (await (await fetch(data.keyUrl ?? '/ledger/key', { cache: 'no-store' })).text()).trim();
    for (const step of steps) {
      const out = step.querySelector<HTMLElement>('.verify-result') ?? step;
      out.textContent = texts.checking;
      let outcome: { result: StepResult; detail: string };
      try {
        outcome = await verifyStep(step.dataset.entryCode!, vkey);
      } catch (error) {
        outcome = { result: 'failed', detail: error instanceof LedgerError ? error.message : String(error) };
      }
      if (outcome.result === 'failed') failures++;
      step.dataset.verified = outcome.result;
      out.textContent = `${texts[outcome.result]}${outcome.detail ? ` (${outcome.detail})` : ''}`;
    }
  } catch (error) {
    failures++;
    if (summary) summary.textContent = `${texts.summaryFailed}: ${String(error)}`;
  }
  if (summary && failures === 0) summary.textContent = texts.summaryOk;
  else if (summary && !summary.textContent) summary.textContent = texts.summaryFailed;
  if (summary) summary.dataset.verified = failures === 0 ? 'ok' : 'failed';
  button.disabled = false;
}

const button = document.getElementById('verify') as HTMLButtonElement | null;
button?.addEventListener('click', () => void verifyAll(button));
