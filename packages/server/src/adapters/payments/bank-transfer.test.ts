import { describe, expect, it } from 'vitest';
import { bankTransferProvider } from './bank-transfer.ts';
import { matchStatementLine, type PendingTransfer } from './reconcile.ts';

const secretKey = 'TEST-ONLY-secret-key-of-at-least-32-characters';
const account = {
  bankName: '中国工商银行',
  branch: '北京海淀支行',
  accountName: '北京春蕾公益基金会',
  accountNumber: '0200 0000 0000 0000 000',
};
const provider = bankTransferProvider({ account, secretKey });

const give = (orderNo: string, amount = 100_000) =>
  provider.createPayment({
    orderNo,
    amount: { amount, currency: 'CNY' },
    description: '对公转账捐赠',
    returnUrl: 'https://ngo.example/give/thanks',
    notifyUrl: 'https://ngo.example/unused',
    channel: { kind: 'bank-transfer' },
  });

describe('bank transfer provider', () => {
  it('returns the account and a stable reference (known answer)', async () => {
    // HKDF-SHA256(SECRET_KEY, info "commonweal bank transfer references v1"), then the first 40 bits
    // of HMAC-SHA256(key, order number) in Crockford base32, checked with OpenSSL and Python.
    const created = await give('CW20261123000001');
    expect(created.action).toEqual({
      kind: 'bank-transfer',
      account,
      reference: 'CW4PN0F2DY',
      amount: { amount: 100_000, currency: 'CNY' },
    });
    expect((await give('CW20261123000001')).action).toEqual(created.action);
    expect((await give('CW20261123000002')).action).not.toMatchObject({ reference: 'CW4PN0F2DY' });
  });

  it('takes no callbacks', async () => {
    expect(await provider.verifyCallback({ headers: {}, rawBody: 'paid' })).toEqual({
      status: 'rejected',
      reason: 'not-supported',
    });
    expect(provider.queryOrder).toBeUndefined();
    expect(provider.refund).toBeUndefined();
  });
});

describe('bank statement reconciliation', () => {
  const pending: PendingTransfer[] = [
    { orderNo: 'CW20261123000001', reference: 'CW4PN0F2DY', amount: { amount: 100_000, currency: 'CNY' } },
    { orderNo: 'CW20261123000002', reference: 'CW7TQ9MXKA', amount: { amount: 50_000, currency: 'CNY' } },
  ];
  const line = (memo: string, amount = 100_000, currency = 'CNY') => ({
    bankTransactionId: 'ICBC-20261124-0001',
    amount: { amount, currency },
    memo,
    postedAt: new Date('2026-11-24T02:00:00Z'),
  });

  it('matches the reference in a memo however the donor wrote it', () => {
    for (const memo of ['捐款 CW4PN0F2DY 张三', 'cw4pn0f2dy', '捐赠CW-4PN0-F2DY', 'CW4PNOF2DY']) {
      expect(matchStatementLine(line(memo), pending)).toEqual({
        status: 'matched',
        order: pending[0],
        event: {
          kind: 'paid',
          orderNo: 'CW20261123000001',
          transactionId: 'ICBC-20261124-0001',
          amount: { amount: 100_000, currency: 'CNY' },
          occurredAt: new Date('2026-11-24T02:00:00Z'),
        },
      });
    }
  });

  it('sends a different amount or currency to a person instead of matching it', () => {
    expect(matchStatementLine(line('CW4PN0F2DY', 99_999), pending)).toEqual({
      status: 'amount-mismatch',
      order: pending[0],
      reason: 'amount-mismatch',
      received: { amount: 99_999, currency: 'CNY' },
    });
    expect(matchStatementLine(line('CW4PN0F2DY', 100_000, 'USD'), pending)).toMatchObject({
      status: 'amount-mismatch',
      reason: 'currency-mismatch',
    });
  });

  it('leaves lines without a known reference, or with two, unmatched', () => {
    expect(matchStatementLine(line('张三 捐款'), pending)).toEqual({ status: 'unmatched' });
    expect(matchStatementLine(line('CW4PN0F2DY CW7TQ9MXKA'), pending)).toEqual({
      status: 'ambiguous',
      orders: pending,
    });
  });
});
