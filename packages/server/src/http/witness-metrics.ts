import { Counter, Gauge, type Registry } from 'prom-client';
import type { LedgerLog, WitnessHealth } from '../modules/ledger/index.ts';

/** How far each witness of the log is behind, and how often it failed or refused, read at scrape time. */
export function witnessMetrics(registry: Registry, ledger: LedgerLog): void {
  const gauge = (name: string, help: string, value: (w: WitnessHealth, now: number) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['witness'],
      registers: [registry],
      collect() {
        this.reset();
        const now = Date.now();
        for (const w of ledger.witnesses.values()) this.set({ witness: w.url }, value(w, now));
      },
    });
  const counter = (name: string, help: string, value: (w: WitnessHealth) => number) =>
    new Counter({
      name,
      help,
      labelNames: ['witness'],
      registers: [registry],
      collect() {
        this.reset();
        for (const w of ledger.witnesses.values()) this.inc({ witness: w.url }, value(w));
      },
    });
  gauge('ledger_witness_cosigned_size', 'Size of the latest checkpoint the witness cosigned', (w) => w.cosignedSize);
  gauge(
    'ledger_witness_lag_entries',
    'Entries signed by the log but not yet cosigned by the witness',
    (w) => w.latestSize - w.cosignedSize,
  );
  gauge('ledger_witness_lag_seconds', 'How long the witness has been behind the log (0 when up to date)', (w, now) =>
    w.behindSince === undefined ? 0 : (now - w.behindSince) / 1000,
  );
  counter(
    'ledger_witness_failures_total',
    'Submissions that failed: witness unreachable, 5xx or 429',
    (w) => w.failures,
  );
  counter(
    'ledger_witness_refusals_total',
    'Checkpoints the witness refused (fork, rewrite, unknown key)',
    (w) => w.refusals,
  );
}
