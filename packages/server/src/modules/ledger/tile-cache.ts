import { LRUCache } from 'lru-cache';

/** `tile/0/x001/234` for `tile/0/x001/234.p/5` and for itself: the tile whatever its width. */
const tileOf = (path: string) => path.replace(/\.p\/\d+$/, '');

/** A bounded cache of log files by path; every path names immutable bytes, so nothing goes stale. */
export interface TileCache {
  get(path: string): Uint8Array | undefined;
  /** A version read from storage. */
  keepRead(path: string, data: Uint8Array): void;
  /** A version just written, which supersedes the one written before it (a tile grows at the right edge). */
  keepWritten(path: string, data: Uint8Array): void;
  clear(): void;
}

export function tileCache(maxBytes: number): TileCache {
  // The right-edge tile gets a new partial path each round and only its widest version is read
  // again, so an older one is dropped rather than left to push full tiles out.
  const widest = new Map<string, string>();
  const cache = new LRUCache<string, Uint8Array>({
    maxSize: maxBytes,
    sizeCalculation: (v) => Math.max(1, v.length),
    dispose: (_value, path) => {
      if (widest.get(tileOf(path)) === path) widest.delete(tileOf(path));
    },
  });
  return {
    get: (path) => cache.get(path),
    keepRead: (path, data) => void cache.set(path, data),
    keepWritten(path, data) {
      const tile = tileOf(path);
      const previous = widest.get(tile);
      if (previous !== undefined && previous !== path) cache.delete(previous);
      cache.set(path, data);
      widest.set(tile, path);
    },
    clear() {
      cache.clear();
      widest.clear();
    },
  };
}
