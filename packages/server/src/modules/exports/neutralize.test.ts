import { describe, expect, it } from 'vitest';
import { neutralizeCell } from './neutralize.ts';

describe('neutralizeCell', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['=HYPERLINK("http://evil.example","点我")', '\'=HYPERLINK("http://evil.example","点我")'],
    ['+8613812345678', "'+8613812345678"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['\t=1', "'\t=1"],
    ['\r=1', "'\r=1"],
  ])('prefixes %j', (input, expected) => {
    expect(neutralizeCell(input)).toBe(expected);
  });

  it.each(['张三', 'a=b', '13812345678', '', ' =1', "'quoted", '100.00'])('leaves %j alone', (input) => {
    expect(neutralizeCell(input)).toBe(input);
  });
});
