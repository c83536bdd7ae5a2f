// Ed25519 (RFC 8032) through WebCrypto, available as globalThis.crypto.subtle in Node 20 and current browsers.

const ALG = { name: 'Ed25519' } as const;
// PKCS#8 wrapping of a 32-byte Ed25519 seed (RFC 8410): WebCrypto cannot import a raw private key.
const PKCS8_PREFIX = [0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20];

function subtle(): SubtleCrypto {
  const s = globalThis.crypto?.subtle;
  if (!s) throw new Error('WebCrypto (globalThis.crypto.subtle) is not available');
  return s;
}

/** Copies into a fresh ArrayBuffer, which is what WebCrypto's BufferSource wants. */
function buf(bytes: Uint8Array): ArrayBuffer {
  const out = new ArrayBuffer(bytes.length);
  new Uint8Array(out).set(bytes);
  return out;
}

function fromBase64Url(text: string): Uint8Array {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

/** A private key from its 32-byte seed, plus the matching 32-byte public key. */
export async function importEd25519Seed(seed: Uint8Array): Promise<{ privateKey: CryptoKey; publicKey: Uint8Array }> {
  if (seed.length !== 32) throw new RangeError('Ed25519 seed must be 32 bytes');
  const pkcs8 = new Uint8Array([...PKCS8_PREFIX, ...seed]);
  const extractable = await subtle().importKey('pkcs8', buf(pkcs8), ALG, true, ['sign']);
  const jwk = await subtle().exportKey('jwk', extractable);
  if (!jwk.x) throw new Error('WebCrypto did not export the Ed25519 public key');
  const privateKey = await subtle().importKey('pkcs8', buf(pkcs8), ALG, false, ['sign']);
  return { privateKey, publicKey: fromBase64Url(jwk.x) };
}

export async function importEd25519Public(publicKey: Uint8Array): Promise<CryptoKey> {
  if (publicKey.length !== 32) throw new RangeError('Ed25519 public key must be 32 bytes');
  return subtle().importKey('raw', buf(publicKey), ALG, false, ['verify']);
}

export async function ed25519Sign(privateKey: CryptoKey, message: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await subtle().sign(ALG, privateKey, buf(message)));
}

export async function ed25519Verify(
  publicKey: CryptoKey,
  message: Uint8Array,
  signature: Uint8Array,
): Promise<boolean> {
  if (signature.length !== 64) return false;
  return subtle().verify(ALG, publicKey, buf(signature), buf(message));
}

/** 32 random bytes from the platform CSPRNG. */
export function randomSeed(): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(32));
}
