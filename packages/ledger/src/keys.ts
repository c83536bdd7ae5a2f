// Verifier and signer key strings, as defined by golang.org/x/mod/sumdb/note and referenced by C2SP
// signed-note ("vkeys"):   <name>+<hex keyID>+base64(type || public key)
// and (Go only)            PRIVATE+KEY+<name>+<hex keyID>+base64(type || Ed25519 seed)
import { base64Decode, base64Encode, concatBytes, readUint32BE, utf8Encode } from './bytes.ts';
import { importEd25519Seed, randomSeed } from './ed25519.ts';
import { LedgerError } from './errors.ts';
import { sha256 } from '#sha256';

/** Signature type bytes from C2SP signed-note §Signature types. */
export const SIG_TYPE_ED25519 = 0x01;
export const SIG_TYPE_COSIGNATURE_V1 = 0x04;

export interface KeyMaterial {
  name: string;
  keyId: number;
  type: number;
  /** Public key (verifier keys) or seed (signer keys), without the type byte. */
  key: Uint8Array;
}

/** signed-note: key names are non-empty with no Unicode spaces and no '+'. */
export function isValidKeyName(name: string): boolean {
  return name.length > 0 && !/[\p{White_Space}+]/u.test(name);
}

/** key ID = SHA-256(name || 0x0A || type || public key)[:4], big-endian (signed-note §Signatures). */
export function computeKeyId(name: string, type: number, publicKey: Uint8Array): number {
  return readUint32BE(sha256(utf8Encode(name), new Uint8Array([0x0a, type]), publicKey));
}

/** Splits on the first `count` '+' only: the base64 key itself may contain '+'. */
function chop(text: string, count: number): string[] {
  const parts = text.split('+');
  return [...parts.slice(0, count), parts.slice(count).join('+')];
}

const hex8 = (id: number): string => (id >>> 0).toString(16).padStart(8, '0');

function parseParts(name: string, idHex: string | undefined, keyB64: string | undefined, what: string): KeyMaterial {
  if (!isValidKeyName(name)) throw new LedgerError('KEY_INVALID', `${what}: invalid key name`);
  if (idHex === undefined || !/^[0-9a-f]{8}$/i.test(idHex)) throw new LedgerError('KEY_INVALID', `${what}: bad key ID`);
  let raw: Uint8Array;
  try {
    raw = base64Decode(keyB64 ?? '');
  } catch {
    throw new LedgerError('KEY_INVALID', `${what}: key is not base64`);
  }
  if (raw.length < 2) throw new LedgerError('KEY_INVALID', `${what}: key too short`);
  return { name, keyId: parseInt(idHex, 16) >>> 0, type: raw[0]!, key: raw.subarray(1) };
}

/** Parses `name+keyid+base64key`; checks the key ID against the key for the types we know. */
export function parseVerifierKey(vkey: string): KeyMaterial {
  const [name = '', idHex, keyB64] = chop(vkey, 2);
  const k = parseParts(name, idHex, keyB64, 'verifier key');
  if (k.type !== SIG_TYPE_ED25519 && k.type !== SIG_TYPE_COSIGNATURE_V1) {
    throw new LedgerError('KEY_INVALID', `verifier key type 0x${k.type.toString(16)} is not supported`);
  }
  if (k.key.length !== 32) throw new LedgerError('KEY_INVALID', 'Ed25519 public key must be 32 bytes');
  if (computeKeyId(k.name, k.type, k.key) !== k.keyId)
    throw new LedgerError('KEY_INVALID', 'key ID does not match key');
  return k;
}

export function formatVerifierKey(name: string, type: number, publicKey: Uint8Array): string {
  if (!isValidKeyName(name)) throw new LedgerError('KEY_INVALID', 'invalid key name');
  const id = computeKeyId(name, type, publicKey);
  return `${name}+${hex8(id)}+${base64Encode(concatBytes(new Uint8Array([type]), publicKey))}`;
}

/** Parses `PRIVATE+KEY+name+keyid+base64(type||seed)` and derives the public key to check the key ID. */
export async function parseSignerKey(skey: string): Promise<KeyMaterial & { publicKey: Uint8Array }> {
  const [p1, p2, name = '', idHex, keyB64] = chop(skey, 4);
  if (p1 !== 'PRIVATE' || p2 !== 'KEY') throw new LedgerError('KEY_INVALID', 'not a signer key');
  const k = parseParts(name, idHex, keyB64, 'signer key');
  if (k.type !== SIG_TYPE_ED25519 && k.type !== SIG_TYPE_COSIGNATURE_V1) {
    throw new LedgerError('KEY_INVALID', `signer key type 0x${k.type.toString(16)} is not supported`);
  }
  if (k.key.length !== 32) throw new LedgerError('KEY_INVALID', 'Ed25519 seed must be 32 bytes');
  const { publicKey } = await importEd25519Seed(k.key);
  if (computeKeyId(k.name, k.type, publicKey) !== k.keyId)
    throw new LedgerError('KEY_INVALID', 'key ID does not match key');
  return { ...k, publicKey };
}

/** A fresh Ed25519 key pair as a signer key and the matching verifier key (type 0x01 logs, 0x04 cosigners). */
export async function generateKeyPair(name: string, type = SIG_TYPE_ED25519): Promise<{ skey: string; vkey: string }> {
  const seed = randomSeed();
  const { publicKey } = await importEd25519Seed(seed);
  const vkey = formatVerifierKey(name, type, publicKey);
  const id = computeKeyId(name, type, publicKey);
  const skey = `PRIVATE+KEY+${name}+${hex8(id)}+${base64Encode(concatBytes(new Uint8Array([type]), seed))}`;
  return { skey, vkey };
}
