import { describe, expect, it } from 'vitest';
import { matchFifo } from './fifo.ts';

const d = (day: number) => new Date(Date.UTC(2025, 0, day));

describe('FIFO matching of money to spending', () => {
  it('spends the oldest money first and splits a spend across pieces of money', () => {
    const result = matchFifo(
      [
        { key: 'gift-b', at: d(2), amount: 500 },
        { key: 'gift-a', at: d(1), amount: 300 },
        { key: 'gift-c', at: d(3), amount: 1000 },
      ],
      [
        { key: 'bus', at: d(10), amount: 400 },
        { key: 'books', at: d(11), amount: 600 },
      ],
    );
    expect(result.matches).toEqual([
      { in: 'gift-a', out: 'bus', amount: 300 },
      { in: 'gift-b', out: 'bus', amount: 100 },
      { in: 'gift-b', out: 'books', amount: 400 },
      { in: 'gift-c', out: 'books', amount: 200 },
    ]);
    expect(result.unspent).toEqual([{ key: 'gift-c', amount: 800 }]);
    expect(result.uncovered).toEqual([]);
  });

  it('orders spends by date, keeps the given order among equal times, and reports what money did not cover', () => {
    const result = matchFifo(
      [
        { key: 'first', at: d(1), amount: 100 },
        { key: 'second', at: d(1), amount: 100 },
      ],
      [
        { key: 'late', at: d(9), amount: 150 },
        { key: 'early', at: d(5), amount: 100 },
      ],
    );
    expect(result.matches).toEqual([
      { in: 'first', out: 'early', amount: 100 },
      { in: 'second', out: 'late', amount: 100 },
    ]);
    expect(result.uncovered).toEqual([{ key: 'late', amount: 50 }]);
    expect(result.unspent).toEqual([]);
  });

  it('conserves money: matched plus unspent equals what came in', () => {
    let seed = 7;
    const rand = (n: number) => (seed = (seed * 48271) % 2147483647) % n;
    for (let round = 0; round < 50; round++) {
      const ins = Array.from({ length: rand(8) }, (_, i) => ({
        key: `i${i}`,
        at: d(rand(28) + 1),
        amount: rand(1000) + 1,
      }));
      const outs = Array.from({ length: rand(8) }, (_, i) => ({
        key: `o${i}`,
        at: d(rand(28) + 1),
        amount: rand(1000) + 1,
      }));
      const { matches, unspent, uncovered } = matchFifo(ins, outs);
      const sum = (xs: { amount: number }[]) => xs.reduce((n, x) => n + x.amount, 0);
      expect(sum(matches) + sum(unspent)).toBe(sum(ins));
      expect(sum(matches) + sum(uncovered)).toBe(sum(outs));
      expect(unspent.length === 0 || uncovered.length === 0).toBe(true);
    }
  });

  it('answers empty funds and no spending', () => {
    expect(matchFifo([], [])).toEqual({ matches: [], unspent: [], uncovered: [] });
    expect(matchFifo([], [{ key: 'x', at: d(1), amount: 5 }]).uncovered).toEqual([{ key: 'x', amount: 5 }]);
  });
});
