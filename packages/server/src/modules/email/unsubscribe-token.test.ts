import { describe, expect, it } from 'vitest';
import {
  signUnsubscribeToken,
  unsubscribeKeyring,
  verifyUnsubscribeToken,
  type UnsubscribeClaims,
} from './unsubscribe-token.ts';

const secret = 'a'.repeat(64);
const keyring = unsubscribeKeyring(secret);
const claims: UnsubscribeClaims = {
  orgId: '0b7c6a1e-4a7f-4d5e-9a43-2f1f2d1c9e10',
  contactId: 42,
  channel: 'email',
  purpose: 'newsletter',
};

const replacePart = (token: string, index: number, value: string) =>
  token
    .split('.')
    .map((part, i) => (i === index ? value : part))
    .join('.');

describe('unsubscribe tokens', () => {
  it('round-trips organization, contact, channel and purpose', () => {
    const token = signUnsubscribeToken(keyring, { ...claims, purpose: ' Newsletter ' });
    expect(token).toMatch(/^u1\.[A-Za-z0-9_-]{8}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(verifyUnsubscribeToken(keyring, token)).toEqual({ ok: true, claims });
  });

  it('is the same token for the same claims, so a resent email carries the same link', () => {
    expect(signUnsubscribeToken(keyring, claims)).toBe(signUnsubscribeToken(keyring, claims));
  });

  it('differs per contact, channel and purpose', () => {
    const tokens = new Set([
      signUnsubscribeToken(keyring, claims),
      signUnsubscribeToken(keyring, { ...claims, contactId: 43 }),
      signUnsubscribeToken(keyring, { ...claims, channel: 'sms' }),
      signUnsubscribeToken(keyring, { ...claims, purpose: 'fundraising' }),
    ]);
    expect(tokens.size).toBe(4);
  });

  it('rejects tampered claims', () => {
    const token = signUnsubscribeToken(keyring, claims);
    const other = Buffer.from(JSON.stringify([claims.orgId, 43, 'email', 'newsletter'])).toString('base64url');
    expect(verifyUnsubscribeToken(keyring, replacePart(token, 2, other))).toEqual({
      ok: false,
      reason: 'bad-signature',
    });
  });

  it('rejects a tampered or truncated signature', () => {
    const token = signUnsubscribeToken(keyring, claims);
    const signature = token.split('.')[3]!;
    const flipped = (signature[0] === 'A' ? 'B' : 'A') + signature.slice(1);
    expect(verifyUnsubscribeToken(keyring, replacePart(token, 3, flipped))).toMatchObject({ reason: 'bad-signature' });
    expect(verifyUnsubscribeToken(keyring, replacePart(token, 3, signature.slice(0, 20)))).toMatchObject({
      reason: 'bad-signature',
    });
  });

  it('rejects a token signed with another secret', () => {
    const forged = signUnsubscribeToken(unsubscribeKeyring('b'.repeat(64)), claims);
    expect(verifyUnsubscribeToken(keyring, forged)).toEqual({ ok: false, reason: 'unknown-key' });
    const sameId = replacePart(forged, 1, keyring.signing.id);
    expect(verifyUnsubscribeToken(keyring, sameId)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it.each(['', 'u1', 'u1.a.b', 'u2.a.b.c', 'u1.a.b.c.d', 'u1.a b.c.d', `u1.${keyring.signing.id}.%%%.x`])(
    'rejects the malformed token %j',
    (token) => {
      expect(verifyUnsubscribeToken(keyring, token)).toEqual({ ok: false, reason: 'malformed' });
    },
  );

  it('keeps old links working through a rotation, and voids them when the old key is dropped', () => {
    const old = signUnsubscribeToken(keyring, claims);
    const rotating = unsubscribeKeyring('c'.repeat(64), [secret]);
    expect(verifyUnsubscribeToken(rotating, old)).toEqual({ ok: true, claims });
    expect(signUnsubscribeToken(rotating, claims)).not.toBe(old);
    expect(verifyUnsubscribeToken(unsubscribeKeyring('c'.repeat(64)), old)).toMatchObject({ reason: 'unknown-key' });
  });

  it('refuses to sign claims it could not verify', () => {
    expect(() => signUnsubscribeToken(keyring, { ...claims, orgId: 'demo' })).toThrow();
    expect(() => signUnsubscribeToken(keyring, { ...claims, purpose: ' ' })).toThrow();
  });
});
