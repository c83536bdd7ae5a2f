// SHA-256 through node:crypto, for Node. Browsers get the synchronous pure-TypeScript sha256.ts (the
// package's "#sha256" import picks one by condition); both give the same digests (sha256.test.ts).
import { hash } from 'node:crypto';

/** SHA-256 of the concatenation of `parts`, computed synchronously. */
export function sha256(...parts: Uint8Array[]): Uint8Array {
  // Merkle nodes are a few tiny parts: one copy and the one-shot hash cost less than a Hash object.
  const data = parts.length === 1 ? parts[0]! : concat(parts);
  const digest = hash('sha256', data, 'buffer');
  return new Uint8Array(digest.buffer, digest.byteOffset, digest.length);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
