import { describe, expect, it } from 'vitest';
import { currentConsents, mayContact, normalizePurpose } from './rules.ts';

const at = (iso: string) => new Date(iso);

describe('currentConsents', () => {
  it('keeps the latest record per channel and purpose', () => {
    const records = [
      {
        id: 1,
        channel: 'email' as const,
        purpose: 'newsletter',
        status: 'granted' as const,
        recordedAt: at('2024-01-01T00:00:00Z'),
      },
      {
        id: 2,
        channel: 'email' as const,
        purpose: 'newsletter',
        status: 'withdrawn' as const,
        recordedAt: at('2024-03-01T00:00:00Z'),
      },
      {
        id: 3,
        channel: 'sms' as const,
        purpose: 'newsletter',
        status: 'granted' as const,
        recordedAt: at('2024-02-01T00:00:00Z'),
      },
      // Entered later, but dated earlier (a paper form): it does not override the withdrawal.
      {
        id: 4,
        channel: 'email' as const,
        purpose: 'newsletter',
        status: 'granted' as const,
        recordedAt: at('2024-02-01T00:00:00Z'),
      },
    ];
    expect(currentConsents(records).map((r) => r.id)).toEqual([2, 3]);
    expect(mayContact(records, 'email', 'Newsletter')).toBe(false);
    expect(mayContact(records, 'sms', ' newsletter ')).toBe(true);
    expect(mayContact(records, 'sms', 'fundraising')).toBe(false);
  });

  it('breaks ties in time by record order', () => {
    const t = at('2024-01-01T00:00:00Z');
    const records = [
      { id: 8, channel: 'phone' as const, purpose: 'x', status: 'withdrawn' as const, recordedAt: t },
      { id: 7, channel: 'phone' as const, purpose: 'x', status: 'granted' as const, recordedAt: t },
    ];
    expect(currentConsents(records)[0]!.status).toBe('withdrawn');
  });

  it('normalizes purposes', () => {
    expect(normalizePurpose('  Fundraising ')).toBe('fundraising');
  });
});
