import { describe, expect, it } from 'vitest';
import { decryptResource, encryptResource } from './wechat-aead.ts';

// A known answer built once with node:crypto and checked with Python's `cryptography` AESGCM:
//   AESGCM(key).encrypt(nonce, plaintext, associated_data), base64 of ciphertext || 16-byte tag.
const apiV3Key = 'TEST-ONLY-apiv3-key-32-chars-xyz';
const plaintext = '{"out_trade_no":"CW20261123000001","trade_state":"SUCCESS"}';
const known = {
  algorithm: 'AEAD_AES_256_GCM',
  nonce: 'kM3qZ8pL2vN7',
  associated_data: 'transaction',
  ciphertext: 'RFwrlhAKlflv3DWKF0r61SemPayvqt6k5HPqDexH+7PSCG2xJEJFeryYjaFFZwF5lw4okZ97ojWe7VM/8zBWryqTSdU3ohe3Vz1J',
};

function flipBit(base64: string, byteIndex: number): string {
  const bytes = Buffer.from(base64, 'base64');
  bytes[byteIndex] = (bytes[byteIndex] ?? 0) ^ 0x01;
  return bytes.toString('base64');
}

describe('AEAD_AES_256_GCM callback resource', () => {
  it('decrypts the known ciphertext to the exact plaintext', () => {
    expect(decryptResource(known, apiV3Key)).toBe(plaintext);
  });

  it('encrypts to the same known ciphertext', () => {
    expect(encryptResource(plaintext, apiV3Key, known.nonce, known.associated_data).ciphertext).toBe(known.ciphertext);
  });

  it('fails when one bit of the ciphertext flips', () => {
    expect(decryptResource({ ...known, ciphertext: flipBit(known.ciphertext, 3) }, apiV3Key)).toBeUndefined();
  });

  it('fails when one bit of the tag flips', () => {
    const lastByte = Buffer.from(known.ciphertext, 'base64').length - 1;
    expect(decryptResource({ ...known, ciphertext: flipBit(known.ciphertext, lastByte) }, apiV3Key)).toBeUndefined();
  });

  it('fails with different associated data, another nonce, another key or another algorithm', () => {
    expect(decryptResource({ ...known, associated_data: 'refund' }, apiV3Key)).toBeUndefined();
    expect(decryptResource({ ...known, nonce: 'kM3qZ8pL2vN8' }, apiV3Key)).toBeUndefined();
    expect(decryptResource(known, 'TEST-ONLY-apiv3-key-32-chars-xyZ')).toBeUndefined();
    expect(decryptResource(known, 'short')).toBeUndefined();
    expect(decryptResource({ ...known, algorithm: 'AEAD_AES_128_GCM' }, apiV3Key)).toBeUndefined();
  });
});
