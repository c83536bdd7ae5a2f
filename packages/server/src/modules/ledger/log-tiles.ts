import {
  decodeEntryBundle,
  entryBundlePath,
  HASH_SIZE,
  LedgerError,
  tilePath,
  TILE_WIDTH,
  tileWidthAt,
  type TileReader,
} from '@commonweal/ledger';
import { LRUCache } from 'lru-cache';
import type { LogFile, LogStorage } from '../../adapters/log-storage.ts';

/**
 * The log's files, read through a bounded in-memory cache. Every tile path names immutable bytes (a
 * partial tile `.p/W` never changes either; a wider one gets a new path), so entries never go stale.
 */
export interface LogTiles {
  storage: LogStorage;
  /** A TileReader for the tree of `size`, whose tiles must all be in storage. */
  readerAt(size: bigint): TileReader;
  /** The entries of entry bundle `index` in the tree of `size` (at most 256, fewer at the right edge). */
  bundleAt(index: bigint, size: bigint): Promise<Uint8Array[]>;
  /** Bytes of a log file, or undefined. */
  read(path: string): Promise<Uint8Array | undefined>;
  /** Writes files durably and keeps them in the cache. */
  writeDurably(files: readonly LogFile[]): Promise<void>;
  /** Forgets cached files (after a repair rewrote them). */
  forget(): void;
}

export function logTiles(storage: LogStorage, maxBytes = 32 * 1024 * 1024): LogTiles {
  const cache = new LRUCache<string, Uint8Array>({ maxSize: maxBytes, sizeCalculation: (v) => Math.max(1, v.length) });
  const read = async (path: string) => {
    const cached = cache.get(path);
    if (cached) return cached;
    const data = await storage.read(path);
    if (data) cache.set(path, data);
    return data;
  };
  const missing = (path: string) => new LedgerError('TILE_MISSING', `${path} is missing from the log storage`);
  return {
    storage,
    read,
    readerAt: (size) => async (tile) => {
      const width = tileWidthAt(tile.level, tile.index, size);
      if (width < tile.width) throw missing(tilePath(tile));
      const path = tilePath({ ...tile, width });
      const data = await read(path);
      if (!data || data.length !== width * HASH_SIZE) throw missing(path);
      return data;
    },
    async bundleAt(index, size) {
      const width = tileWidthAt(0, index, size);
      if (width === 0) throw missing(entryBundlePath(index, TILE_WIDTH));
      const path = entryBundlePath(index, width);
      const data = await read(path);
      if (!data) throw missing(path);
      const entries = decodeEntryBundle(data);
      if (entries.length !== width) throw new LedgerError('MALFORMED', `${path} holds ${entries.length} entries`);
      return entries;
    },
    async writeDurably(files) {
      await storage.writeDurably(files);
      for (const f of files) if (f.path !== 'checkpoint') cache.set(f.path, f.data);
    },
    forget: () => cache.clear(),
  };
}
