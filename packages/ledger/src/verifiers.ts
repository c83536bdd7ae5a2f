import { cosignatureVerifier } from './cosignature.ts';
import { parseVerifierKey, SIG_TYPE_COSIGNATURE_V1 } from './keys.ts';
import { ed25519NoteVerifier, type NoteVerifier } from './note.ts';

/** A NoteVerifier for any supported verifier key string: Ed25519 note keys (0x01) or cosigner keys (0x04). */
export function verifierFromKey(vkey: string): NoteVerifier {
  return parseVerifierKey(vkey).type === SIG_TYPE_COSIGNATURE_V1
    ? cosignatureVerifier(vkey)
    : ed25519NoteVerifier(vkey);
}
