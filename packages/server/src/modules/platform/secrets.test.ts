import { describe, expect, it } from 'vitest';
import { deriveKey, hashPassword, newToken, openSecret, sealSecret, sha256, verifyPassword } from './secrets.ts';

describe('passwords', () => {
  it('verifies the right password and rejects a wrong one', async () => {
    const hash = await hashPassword('correct horse 电池');
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(await verifyPassword('correct horse 电池', hash)).toBe(true);
    expect(await verifyPassword('correct horse', hash)).toBe(false);
  });

  it('salts each hash', async () => {
    expect(await hashPassword('x')).not.toBe(await hashPassword('x'));
  });

  it('rejects malformed hashes', async () => {
    expect(await verifyPassword('x', 'bcrypt$abc')).toBe(false);
  });
});

describe('tokens', () => {
  it('are prefixed, random and hashed', () => {
    const a = newToken('cw');
    expect(a).toMatch(/^cw_[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(newToken('cw'));
    expect(sha256(a)).toHaveLength(64);
  });
});

describe('deriveKey', () => {
  it('gives each purpose its own stable 32-byte key', () => {
    const secret = 's'.repeat(64);
    const key = deriveKey(secret, 'unsubscribe links v1');
    expect(key).toHaveLength(32);
    expect(deriveKey(secret, 'unsubscribe links v1').equals(key)).toBe(true);
    expect(deriveKey(secret, 'other links v1').equals(key)).toBe(false);
    expect(deriveKey('t'.repeat(64), 'unsubscribe links v1').equals(key)).toBe(false);
  });
});

describe('sealed secrets', () => {
  const secret = 's'.repeat(64);
  const pem = '-----BEGIN PRIVATE KEY-----\nMIIE…\n-----END PRIVATE KEY-----\n';

  it('open under the same SECRET_KEY and purpose only', () => {
    const sealed = sealSecret(secret, 'merchant keys', pem);
    expect(sealed).not.toContain('PRIVATE');
    expect(sealed).not.toBe(sealSecret(secret, 'merchant keys', pem));
    expect(openSecret(secret, 'merchant keys', sealed)).toBe(pem);
    expect(openSecret('t'.repeat(64), 'merchant keys', sealed)).toBeUndefined();
    expect(openSecret(secret, 'other', sealed)).toBeUndefined();
  });

  it('refuse an altered or malformed value', () => {
    const [v, iv, data, tag] = sealSecret(secret, 'k', 'value').split('.');
    const flipped = Buffer.from(data!, 'base64url');
    flipped[0] = flipped[0]! ^ 1;
    expect(openSecret(secret, 'k', [v, iv, flipped.toString('base64url'), tag].join('.'))).toBeUndefined();
    expect(openSecret(secret, 'k', 'v1.abc')).toBeUndefined();
    expect(openSecret(secret, 'k', 'v2.a.b.c')).toBeUndefined();
  });
});
