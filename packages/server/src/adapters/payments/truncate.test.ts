import { describe, expect, it } from 'vitest';
import { truncateUtf8 } from './truncate.ts';

describe('truncateUtf8', () => {
  it('keeps whole characters within the byte limit', () => {
    expect(truncateUtf8('春蕾计划', 7)).toBe('春蕾');
    expect(truncateUtf8('春蕾计划', 12)).toBe('春蕾计划');
    expect(truncateUtf8('ab😀c', 5)).toBe('ab');
    expect(truncateUtf8('ab😀c', 6)).toBe('ab😀');
  });
});
