import { EventEmitter } from 'node:events';
import { hexDecode } from '@commonweal/ledger';
import type { LogStorage } from '../../adapters/log-storage.ts';
import type { Db } from '../../db/client.ts';
import { readLogState } from './log-state.ts';
import { logTiles, type LogTiles, type TileCacheSizes } from './log-tiles.ts';

/** A signed checkpoint of the log, with what a verifier needs to check it. */
export interface SignedCheckpoint {
  origin: string;
  verifierKey: string;
  size: number;
  rootHash: Uint8Array;
  /** The signed note, with the log's own signature only. */
  note: string;
  /** The same note with the witnesses' cosignatures added, once any witness has cosigned it. */
  cosigned?: string;
}

/** The checkpoint as the log serves it: cosigned if a witness has cosigned it. */
export const servedNote = (checkpoint: SignedCheckpoint) => checkpoint.cosigned ?? checkpoint.note;

/** How one of the log's witnesses keeps up, as seen by the process that submits to it. */
export interface WitnessHealth {
  url: string;
  /** Size of the latest checkpoint offered to this witness. */
  latestSize: number;
  /** Size of the latest checkpoint this witness cosigned (0 before any). */
  cosignedSize: number;
  /** When a checkpoint first went uncosigned by this witness, while it is behind; undefined when up to date. */
  behindSince?: number;
  /** Submissions that failed because the witness could not be reached or answered 5xx/429. */
  failures: number;
  /** Submissions the witness refused (a fork, a stale or rewritten tree, an unknown key). */
  refusals: number;
}

/** The instance's transparency log as the rest of the server sees it: files, the latest checkpoint, events. */
export interface LedgerLog {
  tiles: LogTiles;
  /** The latest signed checkpoint (at most `maxAgeMs` old; another process may be integrating). */
  latest(db: Db): Promise<SignedCheckpoint | undefined>;
  /** Calls `listener` after each new signed checkpoint is durable; returns the unsubscribe function. */
  onCheckpoint(listener: (checkpoint: SignedCheckpoint) => void): () => void;
  /** For the integrator: a checkpoint was made durable and recorded. */
  published(checkpoint: SignedCheckpoint): void;
  /** For the witnessing loop: `cosigned` (recorded in the database) is `note` with cosignatures added. */
  witnessed(note: string, cosigned: string): void;
  /** The log's witnesses and how they keep up, for /metrics (empty where no witnessing runs). */
  witnesses: Map<string, WitnessHealth>;
}

export function createLedgerLog(
  storage: LogStorage,
  options: { maxAgeMs?: number; cache?: Partial<TileCacheSizes> } = {},
): LedgerLog {
  const { maxAgeMs = 250 } = options;
  const tiles = logTiles(storage, options.cache);
  const events = new EventEmitter<{ checkpoint: [SignedCheckpoint] }>();
  let cached: { at: number; checkpoint: SignedCheckpoint | undefined } | undefined;
  return {
    tiles,
    async latest(db) {
      if (cached && Date.now() - cached.at < maxAgeMs) return cached.checkpoint;
      const state = await readLogState(db);
      const checkpoint =
        state?.checkpoint && state.rootHash
          ? {
              origin: state.origin,
              verifierKey: state.verifierKey,
              size: state.durableSize,
              rootHash: hexDecode(state.rootHash),
              note: state.checkpoint,
              cosigned: state.cosignedCheckpoint ?? undefined,
            }
          : undefined;
      cached = { at: Date.now(), checkpoint };
      return checkpoint;
    },
    onCheckpoint(listener) {
      events.on('checkpoint', listener);
      return () => events.off('checkpoint', listener);
    },
    published(checkpoint) {
      cached = { at: Date.now(), checkpoint };
      events.emit('checkpoint', checkpoint);
    },
    witnessed(note, cosigned) {
      if (cached?.checkpoint?.note === note) cached.checkpoint = { ...cached.checkpoint, cosigned };
    },
    witnesses: new Map(),
  };
}
