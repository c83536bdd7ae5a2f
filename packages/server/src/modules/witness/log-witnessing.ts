// Witnessing this instance's own log: each new checkpoint goes, in the background, to every configured
// witness, and the cosignatures that come back are recorded with it, so the log serves it cosigned.
import { addSignatureLines, type FetchLike } from '@commonweal/ledger';
import type { Config } from '../../config/config.ts';
import type { Db } from '../../db/client.ts';
import {
  recordCosignedCheckpoint,
  type LedgerLog,
  type SignedCheckpoint,
  type WitnessHealth,
} from '../ledger/index.ts';
import { submitToWitnesses, tileProofSource, type ConsistencyProofSource, type WitnessTarget } from './submit.ts';

export interface LogWitnessingDeps {
  config: Pick<Config, 'LEDGER_WITNESSES'>;
  db: Db;
  ledger: LedgerLog;
}

export interface LogWitnessingOptions {
  /** How long one submission may take before the witness counts as unreachable. */
  timeoutMs?: number;
  /** First wait before retrying a witness that failed; it doubles up to `maxBackoffMs`. */
  minBackoffMs?: number;
  maxBackoffMs?: number;
  fetch?: FetchLike;
  log?: Pick<Console, 'warn' | 'error'>;
}

export interface RunningWitnessing {
  /** Stops submitting; waits for the submissions under way. */
  stop(): Promise<void>;
}

/**
 * Starts submitting the log's checkpoints to `LEDGER_WITNESSES` (nothing to do when none are configured).
 * Integration never waits for a witness: each witness has its own loop, which submits only the newest
 * checkpoint it has not cosigned (checkpoints signed meanwhile are skipped, as the newest one covers
 * them) and retries a witness that failed with exponential backoff. A refusal is logged and counted.
 */
export function startLogWitnessing(deps: LogWitnessingDeps, options: LogWitnessingOptions = {}): RunningWitnessing {
  const witnesses = deps.config.LEDGER_WITNESSES;
  if (witnesses.length === 0) return { stop: async () => {} };
  const log = options.log ?? console;
  const proofs: ConsistencyProofSource = {
    // The newer tree's tiles give the proof; the log keeps every size's tiles readable.
    consistencyProof: (oldSize, newSize) =>
      tileProofSource(deps.ledger.tiles.readerAt(newSize)).consistencyProof(oldSize, newSize),
  };
  const collected = new Map<string, { note: string; lines: string[] }>();
  let recording = Promise.resolve();

  // Adds every witness's lines for `note` to it and records the result, one recording at a time.
  const record = (note: string) => {
    recording = recording.then(async () => {
      const lines = [...collected.values()].filter((c) => c.note === note).flatMap((c) => c.lines);
      const cosigned = addSignatureLines(note, lines);
      try {
        if (await recordCosignedCheckpoint(deps.db, note, cosigned)) deps.ledger.witnessed(note, cosigned);
      } catch (error) {
        log.error('ledger witnessing: could not record cosignatures', error);
      }
    });
    return recording;
  };

  const loops = witnesses.map((target) => witnessLoop(target, { ...options, proofs, log, collected, record }));
  for (const loop of loops) deps.ledger.witnesses.set(loop.health.url, loop.health);
  const offer = (checkpoint: SignedCheckpoint) => loops.forEach((loop) => loop.offer(checkpoint));
  const unsubscribe = deps.ledger.onCheckpoint(offer);
  // After a restart, the latest checkpoint may never have been submitted.
  void deps.ledger.latest(deps.db).then(
    (latest) => latest && !latest.cosigned && offer(latest),
    (error: unknown) => log.error('ledger witnessing: could not read the latest checkpoint', error),
  );
  return {
    async stop() {
      unsubscribe();
      await Promise.all(loops.map((loop) => loop.stop()));
      await recording;
      for (const loop of loops) deps.ledger.witnesses.delete(loop.health.url);
    },
  };
}

function witnessLoop(
  target: WitnessTarget,
  context: LogWitnessingOptions & {
    proofs: ConsistencyProofSource;
    log: Pick<Console, 'warn' | 'error'>;
    collected: Map<string, { note: string; lines: string[] }>;
    record: (note: string) => Promise<void>;
  },
) {
  const { minBackoffMs = 1_000, maxBackoffMs = 60_000 } = context;
  const health: WitnessHealth = { url: target.url, latestSize: 0, cosignedSize: 0, failures: 0, refusals: 0 };
  const knownSizes = new Map<string, bigint>();
  let pending: SignedCheckpoint | undefined;
  let pendingSince = 0;
  let running: Promise<void> | undefined;
  let stopped = false;
  let wake = () => {};
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  async function drain() {
    let backoff = minBackoffMs;
    while (pending && !stopped) {
      const checkpoint = pending;
      pending = undefined;
      const {
        outcomes: [outcome],
      } = await submitToWitnesses(checkpoint.note, context.proofs, {
        witnesses: [target],
        knownSizes,
        fetch: context.fetch,
        timeoutMs: context.timeoutMs,
      });
      if (outcome?.cosigned) {
        backoff = minBackoffMs;
        health.cosignedSize = checkpoint.size;
        health.behindSince = pending ? pendingSince : undefined;
        context.collected.set(target.url, { note: checkpoint.note, lines: outcome.lines });
        await context.record(checkpoint.note);
        continue;
      }
      const error = outcome?.error ?? 'no outcome';
      if (outcome?.refused) {
        health.refusals++;
        context.log.error(`ledger witnessing: ${target.url} refused checkpoint ${checkpoint.size}: ${error}`);
      } else {
        health.failures++;
        context.log.warn(`ledger witnessing: ${target.url} failed for checkpoint ${checkpoint.size}: ${error}`);
      }
      pending ??= checkpoint; // retry it unless a newer one came meanwhile
      await sleep(backoff);
      backoff = Math.min(backoff * 2, maxBackoffMs);
    }
    running = undefined;
  }

  return {
    health,
    offer(checkpoint: SignedCheckpoint) {
      if (stopped || checkpoint.size < (pending?.size ?? 0)) return;
      if (!pending) pendingSince = Date.now();
      pending = checkpoint;
      health.latestSize = Math.max(health.latestSize, checkpoint.size);
      health.behindSince ??= Date.now();
      running ??= drain();
    },
    async stop() {
      stopped = true;
      wake();
      await running;
    },
  };
}
