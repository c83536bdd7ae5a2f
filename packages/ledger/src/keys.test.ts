import { describe, expect, it } from 'vitest';
import { LedgerError } from './errors.ts';
import {
  computeKeyId,
  formatVerifierKey,
  generateKeyPair,
  parseSignerKey,
  parseVerifierKey,
  SIG_TYPE_COSIGNATURE_V1,
} from './keys.ts';

const PETER_VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const PETER_SKEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';

describe('key strings', () => {
  it('parses the Go test verifier key and recomputes its key ID', () => {
    const k = parseVerifierKey(PETER_VKEY);
    expect(k).toMatchObject({ name: 'PeterNeumann', keyId: 0xc74f20a3, type: 1 });
    expect(computeKeyId(k.name, k.type, k.key)).toBe(0xc74f20a3);
    expect(formatVerifierKey(k.name, k.type, k.key)).toBe(PETER_VKEY);
  });

  it('derives the public key of the Go test signer key', async () => {
    const s = await parseSignerKey(PETER_SKEY);
    expect(formatVerifierKey(s.name, s.type, s.publicKey)).toBe(PETER_VKEY);
  });

  it.each([
    ['wrong key ID', 'PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'],
    ['short key ID', 'PeterNeumann+c74f20a+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'],
    ['name with space', 'Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'],
    ['empty name', '+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'],
    ['unknown type', 'PeterNeumann+c74f20a3+AhpcuQcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'],
    ['bad base64', 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10T'],
    ['missing key', 'PeterNeumann+c74f20a3'],
  ])('rejects a verifier key with %s', (_why, vkey) => {
    expect(() => parseVerifierKey(vkey)).toThrow(LedgerError);
  });

  it('rejects a signer key whose key ID does not match', async () => {
    await expect(parseSignerKey(PETER_SKEY.replace('c74f20a3', 'c74f20a4'))).rejects.toThrow(LedgerError);
    await expect(parseSignerKey(PETER_VKEY)).rejects.toThrow(LedgerError);
  });

  it('generates matching pairs for log keys and cosigner keys', async () => {
    for (const type of [1, SIG_TYPE_COSIGNATURE_V1]) {
      const { skey, vkey } = await generateKeyPair('example.org/w', type);
      const s = await parseSignerKey(skey);
      expect(formatVerifierKey(s.name, type, s.publicKey)).toBe(vkey);
      expect(parseVerifierKey(vkey).type).toBe(type);
    }
  });
});
