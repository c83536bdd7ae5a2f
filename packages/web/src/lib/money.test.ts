import { describe, expect, it } from 'vitest';
import { fenToYuan, formatMoney, yuanToFen } from './money';

describe('yuanToFen', () => {
  it('parses yuan with up to two decimals into integer fen', () => {
    expect(yuanToFen('12.5')).toBe(1250);
    expect(yuanToFen('0.1')).toBe(10);
    expect(yuanToFen('0.29')).toBe(29);
    expect(yuanToFen('100')).toBe(10000);
    expect(yuanToFen('1,234.56')).toBe(123456);
    expect(yuanToFen('¥ 8.')).toBe(800);
    expect(yuanToFen('19.99')).toBe(1999); // 19.99 * 100 is 1998.9999999999998 in floats
    expect(yuanToFen('１００．５')).toBe(10050); // a Chinese keyboard's full-width digits
    expect(yuanToFen('￥２００')).toBe(20000);
    expect(yuanToFen('50元')).toBe(5000);
  });
  it('rejects anything else', () => {
    for (const bad of ['', 'abc', '-5', '1.234', '1e3', '1.2.3']) expect(yuanToFen(bad)).toBeNull();
  });
});

describe('fenToYuan', () => {
  it('prints two decimals and groups thousands', () => {
    expect(fenToYuan(0)).toBe('0.00');
    expect(fenToYuan(5)).toBe('0.05');
    expect(fenToYuan(123456789)).toBe('1,234,567.89');
    expect(fenToYuan(-1999)).toBe('-19.99');
    expect(fenToYuan(123456, false)).toBe('1234.56');
    expect(formatMoney(1250)).toBe('¥12.50');
  });
  it('round-trips', () => {
    for (const fen of [0, 1, 99, 100, 101, 1999, 1000001]) expect(yuanToFen(fenToYuan(fen))).toBe(fen);
  });
});
