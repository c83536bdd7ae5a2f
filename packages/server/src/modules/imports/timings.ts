/**
 * Optional per-phase timers for an import (read+parse, normalize, stage COPY, each apply
 * statement). The bench passes one in and prints it; production code passes nothing and pays nothing.
 */
export class PhaseTimings {
  readonly ms = new Map<string, number>();
  /** Plans of the apply statements, when `explain` is set (diagnostics only: counts read as 0). */
  readonly plans = new Map<string, string>();

  constructor(readonly explain = false) {}

  /** The process's resident memory when the phase last ended: the embedded database's grows and stays. */
  readonly rssMb = new Map<string, number>();

  add(phase: string, ms: number): void {
    this.ms.set(phase, (this.ms.get(phase) ?? 0) + ms);
    this.rssMb.set(phase, process.memoryUsage.rss() / 2 ** 20);
  }

  async time<T>(phase: string, fn: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await fn();
    } finally {
      this.add(phase, performance.now() - started);
    }
  }

  /** "phase  12.3 s  RSS 456 MB" lines, in the order the phases first ran. */
  format(): string {
    return [...this.ms]
      .map(
        ([phase, ms]) =>
          `  ${phase.padEnd(34)} ${(ms / 1000).toFixed(2).padStart(8)} s  RSS ${this.rssMb.get(phase)!.toFixed(0).padStart(5)} MB`,
      )
      .join('\n');
  }
}

/** Times `fn` under `phase` when timings are kept. */
export const timed = <T>(timings: PhaseTimings | undefined, phase: string, fn: () => Promise<T>): Promise<T> =>
  timings ? timings.time(phase, fn) : fn();
