import { describe, expect, it } from 'vitest';
import { InvalidEmailError, mailOptionsFor, oneLine, type OutgoingEmail } from './message.ts';

const email = (overrides: Partial<OutgoingEmail> = {}): OutgoingEmail => ({
  from: { name: '绿色家园', address: 'news@ngo.example.org' },
  to: { name: '张三', address: 'zhang@example.com' },
  subject: '春季通讯',
  html: '<p>你好</p>',
  text: '你好',
  sendId: { messageId: 'campaign-1', recipientId: 'contact-7' },
  unsubscribe: { url: 'https://ngo.example.org/email/unsubscribe/t', mailto: 'mailto:u@ngo.example.org?subject=t' },
  ...overrides,
});

const refusal = (overrides: Partial<OutgoingEmail>) => {
  try {
    mailOptionsFor(email(overrides));
  } catch (error) {
    if (error instanceof InvalidEmailError) return error.field;
    throw error;
  }
  return 'accepted';
};

describe('mailOptionsFor', () => {
  it('gives the same Message-ID to the same message for the same recipient, and another to the next', () => {
    const first = mailOptionsFor(email()).messageId;
    expect(mailOptionsFor(email()).messageId).toBe(first);
    expect(mailOptionsFor(email({ sendId: { messageId: 'campaign-1', recipientId: 'contact-8' } })).messageId).not.toBe(
      first,
    );
  });

  it('sends to the recipient alone', () => {
    expect(mailOptionsFor(email()).envelope).toEqual({ from: 'news@ngo.example.org', to: ['zhang@example.com'] });
  });

  it.each([
    ['to', { to: { address: 'zhang@example.com\nBcc: x@example.com' } }],
    ['to', { to: { address: 'a@example.com, b@example.com' } }],
    ['from', { from: { address: 'not an address' } }],
    ['replyTo', { replyTo: { address: 'x@example.com\r\n' } }],
    ['sendId', { sendId: { messageId: 'm\r\nX: 1', recipientId: 'r' } }],
    ['sendId', { sendId: { messageId: 'm', recipientId: '' } }],
    ['unsubscribe.url', { unsubscribe: { url: 'http://ngo.example.org/u/t', mailto: 'mailto:u@ngo.example.org' } }],
    [
      'unsubscribe.url',
      { unsubscribe: { url: 'https://ngo.example.org/u/t\r\nX: 1', mailto: 'mailto:u@ngo.example.org' } },
    ],
    ['unsubscribe.url', { unsubscribe: { url: 'javascript:alert(1)', mailto: 'mailto:u@ngo.example.org' } }],
    ['unsubscribe.mailto', { unsubscribe: { url: 'https://ngo.example.org/u/t', mailto: 'mailto:nobody' } }],
    ['unsubscribe.mailto', { unsubscribe: { url: 'https://ngo.example.org/u/t', mailto: 'mailto:u@x.org?s=a>b' } }],
  ] as const)('refuses a bad %s', (field, overrides) => {
    expect(refusal(overrides)).toBe(field);
  });

  it('accepts a plain http unsubscribe URL only on this machine', () => {
    const local = { url: 'http://localhost:3000/email/unsubscribe/t', mailto: 'mailto:u@ngo.example.org' };
    expect(refusal({ unsubscribe: local })).toBe('accepted');
  });
});

describe('oneLine', () => {
  it('turns line breaks and control characters into single spaces', () => {
    expect(oneLine(' 你好\r\nBcc: x@example.com\u2028\u0000end ')).toBe('你好 Bcc: x@example.com end');
  });
});
