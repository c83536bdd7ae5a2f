import { describe, expect, it } from 'vitest';
import { dayStartIso, formatDate, formatDateTime } from './dates';

describe('dates in Asia/Shanghai', () => {
  it('shows UTC instants in Shanghai time', () => {
    expect(formatDateTime('2024-03-05T16:30:00Z')).toBe('2024-03-06 00:30');
    expect(formatDate('2024-12-31T17:00:00Z')).toBe('2025-01-01');
    expect(formatDate(null)).toBe('—');
    expect(formatDate('not a date')).toBe('—');
  });
  it('turns a Shanghai day into its starting instant', () => {
    expect(dayStartIso('2024-03-06')).toBe('2024-03-05T16:00:00.000Z');
  });
});
