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
import type { LogFile, LogStorage } from '../../adapters/log-storage.ts';
import { tileCache } from './tile-cache.ts';

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

/** How much of the log is kept in memory. */
export interface TileCacheSizes {
  /** Hash tiles: 64 MB holds the level-0 tiles of a 2,000,000-entry log, and everything above them. */
  hashTileBytes: number;
  /** Entry bundles, read for tracking pages and /ledger/entries; apart, so they never push hash tiles out. */
  bundleBytes: number;
}

const defaultSizes: TileCacheSizes = { hashTileBytes: 64 * 1024 * 1024, bundleBytes: 16 * 1024 * 1024 };

export function logTiles(storage: LogStorage, configured: Partial<TileCacheSizes> = {}): LogTiles {
  const sizes = { ...defaultSizes, ...configured };
  const hashTiles = tileCache(sizes.hashTileBytes);
  const bundles = tileCache(sizes.bundleBytes);
  const cacheOf = (path: string) => (path.startsWith('tile/entries/') ? bundles : hashTiles);
  // Reads of a file already on its way share it: an inclusion proof asks for its leaf's tile twice at
  // once (the proof and the leaf hash), and a popular entry's tiles are asked for by many at once.
  const reading = new Map<string, Promise<Uint8Array | undefined>>();
  const read = (path: string): Promise<Uint8Array | undefined> => {
    const cache = cacheOf(path);
    const cached = cache.get(path);
    if (cached) return Promise.resolve(cached);
    let pending = reading.get(path);
    if (!pending) {
      pending = storage
        .read(path)
        .then((data) => {
          if (data) cache.keepRead(path, data);
          return data;
        })
        .finally(() => reading.delete(path));
      reading.set(path, pending);
    }
    return pending;
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
      for (const f of files) if (f.path !== 'checkpoint') cacheOf(f.path).keepWritten(f.path, f.data);
    },
    forget: () => {
      hashTiles.clear();
      bundles.clear();
    },
  };
}
