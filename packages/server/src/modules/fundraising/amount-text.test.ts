import { describe, expect, it } from 'vitest';
import { yuanToFen } from '../../adapters/payments/index.ts';
import { asTypedYuan } from './amount-text.ts';

const fen = (typed: string) => yuanToFen(asTypedYuan(typed));

describe('amounts as donors type them', () => {
  it('reads full-width digits, currency signs, 元 and thousands separators', () => {
    expect(fen('１００')).toBe(10_000);
    expect(fen('１００．５')).toBe(10_050);
    expect(fen('¥100')).toBe(10_000);
    expect(fen('￥ 88.80')).toBe(8_880);
    expect(fen('50元')).toBe(5_000);
    expect(fen('1,000')).toBe(100_000);
    expect(fen('1，000.50')).toBe(100_050);
    expect(fen('12,345,678')).toBe(1_234_567_800);
  });

  it('still refuses what is not an amount', () => {
    for (const typed of ['abc', '-5', '1e9', '1,00', '10.005', '¥', '1.2.3', '100,000,0']) {
      expect(fen(typed), typed).toBeUndefined();
    }
  });
});
