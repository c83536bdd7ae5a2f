import { describe, expect, it } from 'vitest';
import { pageCache } from './page-cache.ts';

describe('pageCache', () => {
  it('shares one load per key within its lifetime, then loads again', async () => {
    let clock = 0;
    let loads = 0;
    const cache = pageCache<number>(1_000, () => clock);
    const load = async () => ++loads;
    const together = await Promise.all([cache.get('a', load), cache.get('a', load), cache.get('a', load)]);
    expect(together).toEqual([1, 1, 1]);
    clock = 999;
    expect(await cache.get('a', load)).toBe(1);
    expect(await cache.get('b', load)).toBe(2);
    clock = 1_000;
    expect(await cache.get('a', load)).toBe(3);
  });

  it('forgets a failed load at once', async () => {
    const cache = pageCache<string>(1_000, () => 0);
    await expect(cache.get('a', () => Promise.reject(new Error('database down')))).rejects.toThrow('database down');
    expect(await cache.get('a', async () => 'page')).toBe('page');
  });

  it('loads every time with a lifetime of 0', async () => {
    let loads = 0;
    const cache = pageCache<number>(0);
    await cache.get('a', async () => ++loads);
    await cache.get('a', async () => ++loads);
    expect(loads).toBe(2);
  });
});
