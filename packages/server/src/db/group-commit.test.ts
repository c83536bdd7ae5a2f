import { describe, expect, it } from 'vitest';
import { GroupCommit } from './group-commit.ts';

/** A group commit whose batches are recorded and wait for `release` before answering. */
function recorded(options: { failBatch?: boolean; leaveAlone?: number[]; failAlone?: number[] } = {}) {
  const batches: number[][] = [];
  const alone: number[] = [];
  let release: () => void = () => undefined;
  const queue = new GroupCommit<number, string>({
    max: 3,
    async batch(items) {
      batches.push(items);
      await new Promise<void>((resolve) => (release = resolve));
      if (options.failBatch) throw new Error('batch failed');
      return items.map((n) => (options.leaveAlone?.includes(n) ? undefined : `batch ${n}`));
    },
    async alone(n) {
      alone.push(n);
      if (options.failAlone?.includes(n)) throw new Error(`item ${n} refused`);
      return `alone ${n}`;
    },
  });
  return { queue, batches, alone, release: () => release() };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('group commit', () => {
  it('sends a lone item at once, and what arrives meanwhile together next, at most max a batch', async () => {
    const { queue, batches, release } = recorded();
    const answers = [queue.add(1)];
    await settle();
    expect(batches).toEqual([[1]]);
    answers.push(...[2, 3, 4, 5].map((n) => queue.add(n)));
    release();
    await settle();
    expect(batches).toEqual([[1], [2, 3, 4]]);
    release();
    await settle();
    expect(batches).toEqual([[1], [2, 3, 4], [5]]);
    release();
    expect(await Promise.all(answers)).toEqual(['batch 1', 'batch 2', 'batch 3', 'batch 4', 'batch 5']);
  });

  it('sends the items a batch left alone, and every item of a failed batch, one by one', async () => {
    const partial = recorded({ leaveAlone: [2] });
    const some = Promise.all([1, 2, 3].map((n) => partial.queue.add(n)));
    await settle();
    partial.release();
    await settle();
    partial.release();
    expect(await some).toEqual(['batch 1', 'alone 2', 'batch 3']);

    const failing = recorded({ failBatch: true, failAlone: [2] });
    const all = [1, 2].map((n) => failing.queue.add(n));
    await settle();
    failing.release();
    await settle();
    failing.release();
    await expect(all[0]).resolves.toBe('alone 1');
    await expect(all[1]).rejects.toThrow('item 2 refused');
    expect(failing.alone).toEqual([1, 2]);
  });
});
