import { EventEmitter } from 'node:events';
import { hexDecode } from '@commonweal/ledger';
import type { LogStorage } from '../../adapters/log-storage.ts';
import type { Db } from '../../db/client.ts';
import { readLogState } from './log-state.ts';
import { logTiles, type LogTiles } from './log-tiles.ts';

/** A signed checkpoint of the log, with what a verifier needs to check it. */
export interface SignedCheckpoint {
  origin: string;
  verifierKey: string;
  size: number;
  rootHash: Uint8Array;
  /** The signed note, as served at /ledger/checkpoint. */
  note: string;
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
}

export function createLedgerLog(storage: LogStorage, maxAgeMs = 250): LedgerLog {
  const tiles = logTiles(storage);
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
  };
}
