import { describe, expect, it } from 'vitest';
import { parseStatement } from './statement';

describe('parseStatement', () => {
  it('reads rows pasted from online banking or Excel, in fen, and names the rows it cannot read', () => {
    const { lines, bad } = parseStatement(
      [
        '2026-09-08\t1,000.50\t捐款 CW8K2J9Q4M\tICBC001',
        '',
        '2026年9月9日,20,CWABCDEFGH 王,ICBC002',
        'total\t\t\t',
        '2026-09-10\t-5\tx\tID3',
      ].join('\n'),
    );
    expect(lines).toEqual([
      {
        postedAt: expect.stringMatching(/^2026-09-08T/),
        amount: 100050,
        memo: '捐款 CW8K2J9Q4M',
        bankTransactionId: 'ICBC001',
      },
      {
        postedAt: expect.stringMatching(/^2026-09-09T/),
        amount: 2000,
        memo: 'CWABCDEFGH 王',
        bankTransactionId: 'ICBC002',
      },
    ]);
    expect(bad).toEqual([4, 5]);
  });
});
