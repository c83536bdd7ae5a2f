import { describe, expect, it } from 'vitest';
import { lastMonths } from './calendar';

describe('lastMonths', () => {
  it('walks back across the year boundary, oldest first', () => {
    expect(lastMonths(3, { year: 2025, month: 2 })).toEqual(['2024-12', '2025-01', '2025-02']);
    expect(lastMonths(12, { year: 2025, month: 12 })[0]).toBe('2025-01');
  });
});
