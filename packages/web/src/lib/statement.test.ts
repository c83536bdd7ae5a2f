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
        '2026/12/06,¥1,000.00,无码转账,BANK002', // an unquoted thousands comma: five cells, not four
        '2026/12/07,"1,000.00","捐款,CWABCDEFGH",BANK003',
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
      {
        postedAt: expect.stringMatching(/^2026-12-07T/),
        amount: 100000,
        memo: '捐款,CWABCDEFGH',
        bankTransactionId: 'BANK003',
      },
    ]);
    expect(bad).toEqual([4, 5, 6]);
  });
});
