/**
 * A short-lived in-memory cache for public pages that a crowd opens at once (a campaign page on
 * 99 Giving Day). Within `ttlMs` every request for a key shares one load, started by the first; a
 * failed load is forgotten at once. With `ttlMs` 0 every request loads.
 */
export interface PageCache<T> {
  get(key: string, load: () => Promise<T>): Promise<T>;
}

/** Keys are bounded by the addresses people can type: beyond this many, the cache starts over. */
const MAX_KEYS = 2_000;

export function pageCache<T>(ttlMs: number, now: () => number = Date.now): PageCache<T> {
  const entries = new Map<string, { at: number; value: Promise<T> }>();
  return {
    get(key, load) {
      if (ttlMs <= 0) return load();
      const at = now();
      const hit = entries.get(key);
      if (hit && at - hit.at < ttlMs) return hit.value;
      if (entries.size >= MAX_KEYS) entries.clear();
      const value = load();
      entries.set(key, { at, value });
      value.catch(() => {
        if (entries.get(key)?.value === value) entries.delete(key);
      });
      return value;
    },
  };
}
