import { describe, expect, it } from 'vitest';
import { hashPassword, newToken, sha256, verifyPassword } from './secrets.ts';

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
