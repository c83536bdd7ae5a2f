import { describe, expect, it } from 'vitest';
import { countSegments } from './segments.ts';

describe('countSegments', () => {
  const sign = '绿洲'; // 【绿洲】 is 4 characters

  it('counts the signature with its brackets', () => {
    expect(countSegments(sign, '')).toEqual({ characters: 4, segments: 1 });
    expect(countSegments(sign, '您好')).toEqual({ characters: 6, segments: 1 });
  });

  it('fits 70 characters in one message and splits 71 into two parts of 67', () => {
    expect(countSegments(sign, '字'.repeat(66))).toEqual({ characters: 70, segments: 1 });
    expect(countSegments(sign, '字'.repeat(67))).toEqual({ characters: 71, segments: 2 });
    expect(countSegments(sign, '字'.repeat(130))).toEqual({ characters: 134, segments: 2 });
    expect(countSegments(sign, '字'.repeat(131))).toEqual({ characters: 135, segments: 3 });
  });

  it('counts ASCII like Chinese (UCS-2 for every message, no GSM-7)', () => {
    expect(countSegments(sign, 'a'.repeat(67))).toEqual({ characters: 71, segments: 2 });
  });

  it('counts code points, so an emoji outside the BMP is one character', () => {
    expect(countSegments(sign, '🌱'.repeat(66))).toEqual({ characters: 70, segments: 1 });
  });

  it('counts the opt-out line like any other text', () => {
    expect(countSegments('公益', '周六植树活动8点集合，回复TD退订')).toEqual({ characters: 21, segments: 1 });
  });
});
