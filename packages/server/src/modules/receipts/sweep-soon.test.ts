import type PgBoss from 'pg-boss';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EmailTransport } from '../../adapters/email/index.ts';
import { RECEIPTS_EMAIL_QUEUE, receiptsSweepSoon } from './sweep-soon.ts';

function queueRecording() {
  const sent: { queue: string; at: number }[] = [];
  const boss = { send: async (queue: string) => (sent.push({ queue, at: Date.now() }), 'job') };
  return { boss: boss as unknown as PgBoss, sent };
}
const email = {} as EmailTransport;

describe('receiptsSweepSoon', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  it('asks at once, then at most once a second, and never leaves a late gift without a sweep', async () => {
    const { boss, sent } = queueRecording();
    const sweep = receiptsSweepSoon({ boss, email })!;
    expect(receiptsSweepSoon({ boss, email })).toBe(sweep);
    for (let i = 0; i < 50; i++) sweep();
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toEqual([{ queue: RECEIPTS_EMAIL_QUEUE, at: 0 }]);
    await vi.advanceTimersByTimeAsync(300);
    sweep(); // a gift recorded after the first request: it gets one more, at the end of the second
    sweep();
    await vi.advanceTimersByTimeAsync(699);
    expect(sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent.map((s) => s.at)).toEqual([0, 1000]);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(sent).toHaveLength(2);
  });

  it('is not there without SMTP: receipts wait', () => {
    expect(receiptsSweepSoon({ boss: queueRecording().boss, email: undefined })).toBeUndefined();
  });
});
