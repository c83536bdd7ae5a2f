import { describe, expect, it } from 'vitest';
import { pace } from './throttle.ts';

describe('SMS_RATE pacing', () => {
  it('spaces messages 1/rate seconds apart, however many ask at once', async () => {
    const started = Date.now();
    const times: number[] = [];
    await Promise.all(Array.from({ length: 6 }, () => pace(20).then(() => times.push(Date.now() - started))));
    times.sort((a, b) => a - b);
    // Six slots 50 ms apart: the last is at least 250 ms after the first.
    expect(times.at(-1)! - times[0]!).toBeGreaterThanOrEqual(240);
  });
});
