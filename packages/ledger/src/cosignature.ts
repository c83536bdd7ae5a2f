// C2SP tlog-cosignature, Ed25519 "cosignature/v1" (signature type 0x04): a signature line whose bytes are
// keyID(4) || uint64be timestamp || Ed25519 signature(64) over
// "cosignature/v1\ntime <timestamp>\n" || checkpoint note text.
import { concatBytes, readUint64BE, uint64BE, utf8Encode } from './bytes.ts';
import { ed25519Sign, ed25519Verify, importEd25519Public, importEd25519Seed } from './ed25519.ts';
import { LedgerError } from './errors.ts';
import { parseSignerKey, parseVerifierKey, SIG_TYPE_COSIGNATURE_V1 } from './keys.ts';
import type { NoteSignature, NoteSigner, NoteVerifier } from './note.ts';

const MAX_TIMESTAMP = (1n << 63n) - 1n; // tlog-cosignature: "MUST NOT exceed 2^63 - 1"

/** The exact bytes an Ed25519 cosigner signs for a checkpoint text at `timestamp` (POSIX seconds). */
export function cosignatureMessage(checkpointText: string, timestamp: bigint): Uint8Array {
  return utf8Encode(`cosignature/v1\ntime ${timestamp.toString()}\n${checkpointText}`);
}

/** The timestamp inside a cosignature/v1 signature (the bytes after the key ID). */
export function cosignatureTimestamp(sig: NoteSignature): bigint {
  if (sig.signature.length !== 72) throw new LedgerError('MALFORMED', 'not a cosignature/v1 signature');
  return readUint64BE(sig.signature);
}

/** A NoteVerifier for a cosigner verifier key (type 0x04). Rejects timestamps beyond 2^63-1. */
export function cosignatureVerifier(vkey: string): NoteVerifier {
  const k = parseVerifierKey(vkey);
  if (k.type !== SIG_TYPE_COSIGNATURE_V1) throw new LedgerError('KEY_INVALID', 'not a cosignature/v1 key (type 0x04)');
  const key = importEd25519Public(k.key);
  return {
    name: k.name,
    keyId: k.keyId,
    async verify(text, signature) {
      if (signature.length !== 72) return false;
      const timestamp = readUint64BE(signature);
      if (timestamp > MAX_TIMESTAMP) return false;
      const message = cosignatureMessage(new TextDecoder().decode(text), timestamp);
      return ed25519Verify(await key, message, signature.subarray(8));
    },
  };
}

/**
 * A NoteSigner that cosigns checkpoint texts with a type 0x04 signer key (`PRIVATE+KEY+name+id+base64(0x04||seed)`).
 * `now` returns POSIX seconds; injectable for tests.
 */
export async function cosigner(
  skey: string,
  now: () => bigint = () => BigInt(Math.floor(Date.now() / 1000)),
): Promise<NoteSigner> {
  const k = await parseSignerKey(skey);
  if (k.type !== SIG_TYPE_COSIGNATURE_V1) throw new LedgerError('KEY_INVALID', 'not a cosignature/v1 key (type 0x04)');
  const { privateKey } = await importEd25519Seed(k.key);
  return {
    name: k.name,
    keyId: k.keyId,
    async sign(text) {
      const timestamp = now();
      const message = cosignatureMessage(new TextDecoder().decode(text), timestamp);
      return concatBytes(uint64BE(timestamp), await ed25519Sign(privateKey, message));
    },
  };
}
