// Fetching a log's checkpoint and checking its signature with a given, remembered, or first-seen key.
import {
  ed25519NoteVerifier,
  LedgerError,
  openCheckpoint,
  parseCheckpoint,
  parseNote,
  type Checkpoint,
  verifierFromKey,
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

/** A verifier for a witness's cosigner key (or Ed25519 key), or KEY_INVALID. */
export function witnessKeyVerifier(key: string): NoteVerifier {
  try {
    return verifierFromKey(key);
  } catch (error) {
    throw new VerifyFailure('KEY_INVALID', `The witness key ${key} is not usable: ${reason(error)}`);
  }
}

const sameKey = (a: { name: string; keyId: number }, b: { name: string; keyId: number }) =>
  a.name === b.name && a.keyId === b.keyId;

/**
 * Checks the log's signature and the cosignature of each required witness; other signatures are
 * ignored, as signed-note requires. Returns how many were ignored.
 */
export async function verifyCheckpointSignatures(
  note: string,
  origin: string,
  log: NoteVerifier,
  witnesses: readonly { key: string; verifier: NoteVerifier }[],
): Promise<number> {
  let opened: Awaited<ReturnType<typeof openCheckpoint>> | undefined;
  try {
    opened = await openCheckpoint(note, [log, ...witnesses.map((w) => w.verifier)], origin);
  } catch (error) {
    if (error instanceof LedgerError && error.code === 'NOTE_BAD_SIGNATURE') {
      throw new VerifyFailure('BAD_SIGNATURE', `A signature on the checkpoint does not verify: ${reason(error)}`);
    }
    if (!(error instanceof LedgerError && error.code === 'NOTE_UNVERIFIED')) {
      throw new VerifyFailure('CHECKPOINT_MALFORMED', `The checkpoint is malformed: ${reason(error)}`);
    }
  }
  const verified = opened?.note.verified ?? [];
  if (!verified.some((s) => sameKey(s, log))) {
    throw new VerifyFailure(
      'BAD_SIGNATURE',
      `The checkpoint has no signature by ${log.name} (key ID ${log.keyId.toString(16).padStart(8, '0')}): ` +
        'it was signed with another key, or the key given is not this log’s',
    );
  }
  const missing = witnesses.filter((w) => !verified.some((s) => sameKey(s, w.verifier)));
  if (missing.length > 0) {
    throw new VerifyFailure(
      'WITNESS_MISSING',
      `The checkpoint is not cosigned by the required witness(es): ${missing.map((w) => w.key).join(', ')}`,
    );
  }
  return opened?.note.unverified.length ?? 0;
}
