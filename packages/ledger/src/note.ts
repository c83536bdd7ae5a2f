// C2SP signed-note: text, a blank line, then "— <name> base64(keyID || signature)" lines.
import {
  base64Decode,
  base64Encode,
  concatBytes,
  isWellFormedUnicode,
  readUint32BE,
  uint32BE,
  utf8Decode,
  utf8Encode,
} from './bytes.ts';
import { ed25519Sign, ed25519Verify, importEd25519Public, importEd25519Seed } from './ed25519.ts';
import { LedgerError } from './errors.ts';
import { isValidKeyName, parseSignerKey, parseVerifierKey, SIG_TYPE_ED25519 } from './keys.ts';

/** Checks signatures made by one (name, key ID). `verify` gets the note text and the signature bytes after the key ID. */
export interface NoteVerifier {
  name: string;
  keyId: number;
  verify(text: Uint8Array, signature: Uint8Array): Promise<boolean>;
}

/** Produces the signature bytes (after the key ID) for a note text. */
export interface NoteSigner {
  name: string;
  keyId: number;
  sign(text: Uint8Array): Promise<Uint8Array>;
}

export interface NoteSignature {
  name: string;
  keyId: number;
  /** Signature bytes after the 4-byte key ID. */
  signature: Uint8Array;
  /** The whole line, without the final newline. */
  line: string;
}

export interface ParsedNote {
  /** Note text including its final newline, excluding the blank separator line. */
  text: string;
  signatures: NoteSignature[];
}

export interface OpenedNote {
  text: string;
  verified: NoteSignature[];
  /** Signatures from keys the caller did not configure; ignored, as signed-note requires. */
  unverified: NoteSignature[];
}

const SIG_PREFIX = '\u2014 ';
/** signed-note: verifiers MUST accept at least 16 signatures; Go's x/mod stops at 100. */
export const MAX_SIGNATURES = 100;

function malformed(why: string): LedgerError {
  return new LedgerError('NOTE_MALFORMED', `malformed note: ${why}`);
}

function asText(note: string | Uint8Array): string {
  if (typeof note !== 'string') {
    try {
      return utf8Decode(note);
    } catch {
      throw malformed('not valid UTF-8');
    }
  }
  if (!isWellFormedUnicode(note)) throw malformed('not valid UTF-8');
  return note;
}

/** Parses one signature line (without its newline). */
export function parseSignatureLine(line: string): NoteSignature {
  if (!line.startsWith(SIG_PREFIX)) throw malformed('expected a signature line');
  const rest = line.slice(SIG_PREFIX.length);
  const space = rest.indexOf(' ');
  if (space < 0) throw malformed('signature line has no signature');
  const name = rest.slice(0, space);
  if (!isValidKeyName(name)) throw malformed('invalid key name in signature line');
  let raw: Uint8Array;
  try {
    raw = base64Decode(rest.slice(space + 1));
  } catch {
    throw malformed('signature is not base64');
  }
  if (raw.length < 5) throw malformed('signature too short');
  return { name, keyId: readUint32BE(raw), signature: raw.subarray(4), line };
}

/** Splits a signed note into text and signature lines, enforcing every structural rule of signed-note §Format. */
export function parseNote(note: string | Uint8Array): ParsedNote {
  const msg = asText(note);
  // Valid UTF-8 with no ASCII control characters other than newline.
  if (/[\u0000-\u0009\u000b-\u001f]/.test(msg)) throw malformed('contains control characters');
  // The text is separated from the signatures by the last empty line.
  const split = msg.lastIndexOf('\n\n');
  if (split < 0) throw malformed('no blank line before signatures');
  const text = msg.slice(0, split + 1);
  const sigBlock = msg.slice(split + 2);
  if (sigBlock.length === 0 || !sigBlock.endsWith('\n'))
    throw malformed('signature block missing or not newline-terminated');
  const lines = sigBlock.slice(0, -1).split('\n');
  if (lines.length > MAX_SIGNATURES) throw malformed('too many signatures');
  return { text, signatures: lines.map(parseSignatureLine) };
}

/**
 * Opens a signed note: signatures whose (name, key ID) match a verifier MUST verify (else NOTE_BAD_SIGNATURE);
 * others are returned as unverified and otherwise ignored; with no verified signature the note is rejected
 * (NOTE_UNVERIFIED). Repeated identical lines are reported once.
 */
export async function openNote(note: string | Uint8Array, verifiers: readonly NoteVerifier[]): Promise<OpenedNote> {
  const { text, signatures } = parseNote(note);
  const textBytes = utf8Encode(text);
  const verified: NoteSignature[] = [];
  const unverified: NoteSignature[] = [];
  const seen = new Set<string>();
  for (const sig of signatures) {
    if (seen.has(sig.line)) continue;
    seen.add(sig.line);
    const v = verifiers.find((k) => k.name === sig.name && k.keyId === sig.keyId);
    if (!v) {
      unverified.push(sig);
      continue;
    }
    if (!(await v.verify(textBytes, sig.signature))) {
      throw new LedgerError('NOTE_BAD_SIGNATURE', `signature by ${sig.name} does not verify`);
    }
    verified.push(sig);
  }
  if (verified.length === 0) throw new LedgerError('NOTE_UNVERIFIED', 'no signature from a known key');
  return { text, verified, unverified };
}

export function formatSignatureLine(name: string, keyId: number, signature: Uint8Array): string {
  return `${SIG_PREFIX}${name} ${base64Encode(concatBytes(uint32BE(keyId), signature))}`;
}

/** Checks that `text` can be the text of a signed note. */
export function assertNoteText(text: string): void {
  if (!text.endsWith('\n')) throw malformed('text must end with a newline');
  if (!isWellFormedUnicode(text) || /[\u0000-\u0009\u000b-\u001f]/.test(text))
    throw malformed('invalid characters in text');
}

/** Signs `text` with every signer, returning the complete signed note. */
export async function signNote(text: string, signers: readonly NoteSigner[]): Promise<string> {
  assertNoteText(text);
  if (signers.length === 0) throw new RangeError('at least one signer is required');
  const bytes = utf8Encode(text);
  const lines = await Promise.all(signers.map(async (s) => formatSignatureLine(s.name, s.keyId, await s.sign(bytes))));
  return `${text}\n${lines.map((l) => `${l}\n`).join('')}`;
}

/** Adds signature lines (e.g. cosignatures returned by a witness) to a signed note, skipping duplicates. */
export function addSignatureLines(note: string, lines: readonly string[]): string {
  const { signatures } = parseNote(note);
  const have = new Set(signatures.map((s) => s.line));
  const extra = lines.filter((l) => !have.has(l)).map((l) => `${parseSignatureLine(l).line}\n`);
  return note + [...new Set(extra)].join('');
}

/** A verifier for an Ed25519 (type 0x01) verifier key string. */
export function ed25519NoteVerifier(vkey: string): NoteVerifier {
  const k = parseVerifierKey(vkey);
  if (k.type !== SIG_TYPE_ED25519) throw new LedgerError('KEY_INVALID', 'not an Ed25519 note key (type 0x01)');
  const key = importEd25519Public(k.key);
  return { name: k.name, keyId: k.keyId, verify: async (text, sig) => ed25519Verify(await key, text, sig) };
}

/** A signer for an Ed25519 (type 0x01) signer key string `PRIVATE+KEY+...`. */
export async function ed25519NoteSigner(skey: string): Promise<NoteSigner> {
  const k = await parseSignerKey(skey);
  if (k.type !== SIG_TYPE_ED25519) throw new LedgerError('KEY_INVALID', 'not an Ed25519 note key (type 0x01)');
  const { privateKey } = await importEd25519Seed(k.key);
  return { name: k.name, keyId: k.keyId, sign: (text) => ed25519Sign(privateKey, text) };
}
