// SHA-256 through node:crypto, for Node. Browsers get the synchronous pure-TypeScript sha256.ts (the
// package's "#sha256" import picks one by condition); both give the same digests (sha256.test.ts).
import { createHash } from 'node:crypto';

/** SHA-256 of the concatenation of `parts`, computed synchronously. */
export function sha256(...parts: Uint8Array[]): Uint8Array {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  const digest = hash.digest();
  return new Uint8Array(digest.buffer, digest.byteOffset, digest.length);
}
