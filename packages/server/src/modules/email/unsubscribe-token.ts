import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { consentChannels, normalizePurpose, type ConsentChannel } from '../consent/index.ts';
import { deriveKey } from '../platform/index.ts';

/** Who may be unsubscribed from what by one link: it never expires, as a link in an old email must keep working. */
export interface UnsubscribeClaims {
  orgId: string;
  contactId: number;
  channel: ConsentChannel;
  purpose: string;
}

/**
 * Keys that sign and verify links. The first signs; the others still verify, so SECRET_KEY can be
 * rotated: keep the old key here while links signed with it should work, drop it to void them all.
 */
export interface UnsubscribeKeyring {
  signing: { id: string; key: Buffer };
  verifying: Map<string, Buffer>;
}

export type UnsubscribeVerdict =
  { ok: true; claims: UnsubscribeClaims } | { ok: false; reason: 'malformed' | 'unknown-key' | 'bad-signature' };

const version = 'u1';

const keyFor = (secretKey: string) => {
  const key = deriveKey(secretKey, 'unsubscribe links v1');
  // The id names the key without revealing it.
  return { id: createHash('sha256').update(key).digest('base64url').slice(0, 8), key };
};

export function unsubscribeKeyring(currentSecretKey: string, previousSecretKeys: string[] = []): UnsubscribeKeyring {
  const signing = keyFor(currentSecretKey);
  const verifying = new Map([signing, ...previousSecretKeys.map(keyFor)].map(({ id, key }) => [id, key]));
  return { signing, verifying };
}

const mac = (key: Buffer, signed: string) => createHmac('sha256', key).update(signed).digest();

const claimsTuple = z.tuple([
  z.uuid(),
  z.number().int().positive(),
  z.enum(consentChannels),
  z.string().min(1).max(100),
]);

/** A URL-safe token: u1.<key id>.<claims>.<HMAC-SHA256 of what precedes it>. */
export function signUnsubscribeToken(keyring: UnsubscribeKeyring, claims: UnsubscribeClaims): string {
  const tuple = claimsTuple.parse([claims.orgId, claims.contactId, claims.channel, normalizePurpose(claims.purpose)]);
  const signed = `${version}.${keyring.signing.id}.${Buffer.from(JSON.stringify(tuple)).toString('base64url')}`;
  return `${signed}.${mac(keyring.signing.key, signed).toString('base64url')}`;
}

export function verifyUnsubscribeToken(keyring: UnsubscribeKeyring, token: string): UnsubscribeVerdict {
  const parts = token.split('.');
  if (parts.length !== 4 || parts[0] !== version || !parts.every((p) => /^[A-Za-z0-9_-]+$/.test(p))) {
    return { ok: false, reason: 'malformed' };
  }
  const [, keyId, payload, signature] = parts as [string, string, string, string];
  const key = keyring.verifying.get(keyId);
  if (!key) return { ok: false, reason: 'unknown-key' };
  const expected = mac(key, `${version}.${keyId}.${payload}`);
  const actual = Buffer.from(signature, 'base64url');
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
    return { ok: false, reason: 'bad-signature' };
  }
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const tuple = claimsTuple.safeParse(decoded);
  if (!tuple.success) return { ok: false, reason: 'malformed' };
  const [orgId, contactId, channel, purpose] = tuple.data;
  return { ok: true, claims: { orgId, contactId, channel, purpose } };
}
