// Fetching a log's checkpoint and checking its signature with a given, remembered, or first-seen key.
import {
  ed25519NoteVerifier,
  LedgerError,
  openCheckpoint,
  parseCheckpoint,
  parseNote,
  type Checkpoint,
  type NoteVerifier,
} from '@commonweal/ledger';
import { VerifyFailure } from './errors.ts';
import type { LogSource } from './source.ts';

const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The checkpoint's note and parsed text, before any signature check (its origin picks the key). */
export async function fetchCheckpoint(source: LogSource): Promise<{ note: string; checkpoint: Checkpoint }> {
  const bytes = await source.get('checkpoint');
  if (!bytes) throw new VerifyFailure('FETCH_FAILED', `There is no checkpoint at ${source.base}/checkpoint`);
  let note: string;
  try {
    note = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { note, checkpoint: parseCheckpoint(parseNote(note).text) };
  } catch (error) {
    throw new VerifyFailure('CHECKPOINT_MALFORMED', `The checkpoint is malformed: ${reason(error)}`);
  }
}

/** A note verifier for a log key string, or KEY_INVALID saying why not. */
export function logKeyVerifier(key: string, from: string): NoteVerifier {
  try {
    return ed25519NoteVerifier(key);
  } catch (error) {
    throw new VerifyFailure('KEY_INVALID', `The verifier key ${from} is not usable: ${reason(error)}`);
  }
}

/** The key the log publishes at <base>/key, for trust on first use. */
export async function fetchPublishedKey(source: LogSource): Promise<string> {
  const bytes = await source.get('key');
  if (!bytes) {
    throw new VerifyFailure(
      'KEY_INVALID',
      `No key was given and ${source.base}/key does not exist: pass the log's verifier key with --key`,
    );
  }
  return new TextDecoder().decode(bytes).trim();
}

/** Checks the checkpoint's signature by `verifier`; unknown signatures (witness cosignatures) are ignored. */
export async function verifyCheckpointSignature(note: string, verifier: NoteVerifier, origin: string): Promise<number> {
  try {
    const opened = await openCheckpoint(note, [verifier], origin);
    return opened.note.unverified.length;
  } catch (error) {
    if (error instanceof LedgerError && error.code === 'NOTE_UNVERIFIED') {
      throw new VerifyFailure(
        'BAD_SIGNATURE',
        `The checkpoint has no signature by ${verifier.name} (key ID ${verifier.keyId.toString(16).padStart(8, '0')}): ` +
          'it was signed with another key, or the key given is not this log’s',
      );
    }
    if (error instanceof LedgerError && error.code === 'NOTE_BAD_SIGNATURE') {
      throw new VerifyFailure('BAD_SIGNATURE', `The checkpoint's signature does not verify: ${reason(error)}`);
    }
    throw new VerifyFailure('CHECKPOINT_MALFORMED', `The checkpoint is malformed: ${reason(error)}`);
  }
}
