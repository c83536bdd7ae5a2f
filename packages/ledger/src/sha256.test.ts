import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hexEncode } from './bytes.ts';
import { sha256 } from './sha256.ts';

describe('sha256', () => {
  it('matches the FIPS 180-4 examples', () => {
    expect(hexEncode(sha256(new TextEncoder().encode('abc')))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(hexEncode(sha256(new Uint8Array()))).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
  });

  it('matches node:crypto for every length around block boundaries and for split inputs', () => {
    for (let n = 0; n < 300; n++) {
      const data = randomBytes(n);
      const want = createHash('sha256').update(data).digest('hex');
      expect(hexEncode(sha256(data))).toBe(want);
      expect(hexEncode(sha256(data.subarray(0, n >> 1), data.subarray(n >> 1)))).toBe(want);
    }
  });
});

describe('the package sha256 (#sha256)', () => {
  it('is node:crypto in Node, and the pure implementation for browsers', async () => {
    const { sha256: packageSha256 } = await import('#sha256');
    const { sha256: nodeSha256 } = await import('./sha256-node.ts');
    expect(packageSha256).toBe(nodeSha256);
    const data = randomBytes(100);
    expect(nodeSha256(data.subarray(0, 7), data.subarray(7))).toEqual(sha256(data));
  });
});
