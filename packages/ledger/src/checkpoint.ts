// C2SP tlog-checkpoint: a signed note whose text is origin, tree size, base64 root hash, then optional extension lines.
import { base64Decode, base64Encode, parseDecimalU64 } from './bytes.ts';
import { LedgerError } from './errors.ts';
import { HASH_SIZE } from './hash.ts';
import { assertNoteText, openNote, signNote, type NoteSigner, type NoteVerifier, type OpenedNote } from './note.ts';

export interface Checkpoint {
  origin: string;
  size: bigint;
  rootHash: Uint8Array;
  /** Opaque, non-empty extension lines (NOT RECOMMENDED by the spec, but must round-trip). */
  extensions: string[];
}

function malformed(why: string): LedgerError {
  return new LedgerError('MALFORMED', `malformed checkpoint: ${why}`);
}

/** Parses checkpoint note text (the part before the blank line, including its final newline). */
export function parseCheckpoint(text: string): Checkpoint {
  if (!text.endsWith('\n')) throw malformed('text must end with a newline');
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) throw malformed('needs origin, size and root hash lines');
  const [origin, sizeLine, rootLine, ...extensions] = lines as [string, string, string, ...string[]];
  if (origin.length === 0) throw malformed('empty origin');
  let size: bigint;
  let rootHash: Uint8Array;
  try {
    size = parseDecimalU64(sizeLine);
    rootHash = base64Decode(rootLine);
  } catch (e) {
    throw malformed(e instanceof Error ? e.message : 'bad size or root hash');
  }
  if (rootHash.length !== HASH_SIZE) throw malformed(`root hash is ${rootHash.length} bytes`);
  if (extensions.some((l) => l.length === 0)) throw malformed('empty extension line');
  return { origin, size, rootHash, extensions };
}

/** Serializes a checkpoint to note text. */
export function formatCheckpoint(cp: Checkpoint): string {
  if (cp.origin.length === 0 || cp.origin.includes('\n')) throw malformed('bad origin');
  if (cp.size < 0n || cp.size >= 1n << 64n) throw malformed('size out of range');
  if (cp.rootHash.length !== HASH_SIZE) throw malformed('root hash must be 32 bytes');
  if (cp.extensions.some((l) => l.length === 0 || l.includes('\n'))) throw malformed('bad extension line');
  const text = [cp.origin, cp.size.toString(), base64Encode(cp.rootHash), ...cp.extensions].join('\n') + '\n';
  assertNoteText(text);
  return text;
}

/** Formats and signs a checkpoint, returning the signed note. */
export async function signCheckpoint(cp: Checkpoint, signers: readonly NoteSigner[]): Promise<string> {
  return signNote(formatCheckpoint(cp), signers);
}

export interface OpenedCheckpoint {
  checkpoint: Checkpoint;
  note: OpenedNote;
}

/**
 * Verifies a signed checkpoint with the log's verifiers and parses it. When `origin` is given the checkpoint
 * must carry it (tlog-checkpoint: the origin identifies the log).
 */
export async function openCheckpoint(
  signedNote: string | Uint8Array,
  verifiers: readonly NoteVerifier[],
  origin?: string,
): Promise<OpenedCheckpoint> {
  const note = await openNote(signedNote, verifiers);
  const checkpoint = parseCheckpoint(note.text);
  if (origin !== undefined && checkpoint.origin !== origin) {
    throw malformed(`origin ${JSON.stringify(checkpoint.origin)} is not ${JSON.stringify(origin)}`);
  }
  return { checkpoint, note };
}
