// Server side of C2SP tlog-witness `add-checkpoint`, framework-agnostic: request body in, { status, body } out.
import { base64Decode, bytesEqual, parseDecimalU64, utf8Decode } from './bytes.ts';
import { parseCheckpoint, type Checkpoint } from './checkpoint.ts';
import { LedgerError } from './errors.ts';
import { emptyRoot, HASH_SIZE } from './hash.ts';
import { openNote, parseNote, signNote, type NoteSigner, type NoteVerifier } from './note.ts';
import { verifyConsistency } from './proof.ts';

/** tlog-witness: "The client MUST NOT send more than 63 consistency proof lines." */
export const MAX_PROOF_LINES = 63;
/** Content type of a 409 body (tlog-witness). */
export const TLOG_SIZE_CONTENT_TYPE = 'text/x.tlog.size';

export interface WitnessRecord {
  size: bigint;
  rootHash: Uint8Array;
}

/** Where a witness keeps the latest checkpoint it cosigned for each origin. */
export interface WitnessStore {
  latest(origin: string): Promise<WitnessRecord | undefined>;
  /**
   * Atomically replaces the record for `origin` only if its size is still `expectedSize` (0 when there is none);
   * returns false otherwise. tlog-witness requires check-and-persist to be atomic, or a slow request could roll
   * the witness back.
   */
  replace(origin: string, expectedSize: bigint, next: WitnessRecord & { checkpoint: string }): Promise<boolean>;
}

export interface AddCheckpointDeps {
  /** Trusted log keys by checkpoint origin. */
  logs: ReadonlyMap<string, readonly NoteVerifier[]>;
  store: WitnessStore;
  /** The witness's cosigner(s), usually one cosignature/v1 signer. */
  cosigners: readonly NoteSigner[];
}

export interface WitnessResponse {
  status: 200 | 400 | 403 | 404 | 409 | 422;
  contentType: string;
  body: string;
}

const text = (status: WitnessResponse['status'], body: string): WitnessResponse => ({
  status,
  contentType: 'text/plain; charset=utf-8',
  body: body.endsWith('\n') ? body : `${body}\n`,
});
const conflict = (size: bigint): WitnessResponse => ({
  status: 409,
  contentType: TLOG_SIZE_CONTENT_TYPE,
  body: `${size}\n`,
});

interface AddCheckpointRequest {
  oldSize: bigint;
  proof: Uint8Array[];
  note: string;
}

/** Parses an add-checkpoint body: "old N", proof lines, an empty line, then the signed checkpoint. */
export function parseAddCheckpointRequest(body: string | Uint8Array): AddCheckpointRequest {
  const msg = typeof body === 'string' ? body : utf8Decode(body);
  const split = msg.indexOf('\n\n');
  if (split < 0) throw new LedgerError('MALFORMED', 'no empty line before the checkpoint');
  const [oldLine = '', ...proofLines] = msg.slice(0, split).split('\n');
  if (!oldLine.startsWith('old ')) throw new LedgerError('MALFORMED', 'first line must be "old <size>"');
  const oldSize = parseDecimalU64(oldLine.slice(4));
  if (proofLines.length > MAX_PROOF_LINES) throw new LedgerError('MALFORMED', 'more than 63 proof lines');
  const proof = proofLines.map((l) => {
    const h = base64Decode(l);
    if (h.length !== HASH_SIZE) throw new LedgerError('MALFORMED', 'proof line is not a 32-byte hash');
    return h;
  });
  return { oldSize, proof, note: msg.slice(split + 2) };
}

/** Handles POST <submission prefix>/add-checkpoint, with the status codes tlog-witness assigns to each failure. */
export async function handleAddCheckpoint(
  body: string | Uint8Array,
  deps: AddCheckpointDeps,
): Promise<WitnessResponse> {
  let req: AddCheckpointRequest;
  let noteText: string;
  try {
    req = parseAddCheckpointRequest(body);
    noteText = parseNote(req.note).text;
  } catch (e) {
    return text(400, e instanceof Error ? e.message : 'malformed request');
  }
  const origin = noteText.slice(0, noteText.indexOf('\n'));
  const verifiers = deps.logs.get(origin);
  if (!verifiers) return text(404, 'unknown log origin');
  try {
    await openNote(req.note, verifiers);
  } catch {
    return text(403, 'no valid signature from a trusted log key');
  }
  let cp: Checkpoint;
  try {
    cp = parseCheckpoint(noteText);
  } catch (e) {
    return text(400, e instanceof Error ? e.message : 'malformed checkpoint');
  }
  if (req.oldSize > cp.size) return text(400, 'old size is larger than the checkpoint size');

  const latest = await deps.store.latest(origin);
  const knownSize = latest?.size ?? 0n;
  if (req.oldSize !== knownSize) return conflict(knownSize);
  const knownRoot = latest?.rootHash ?? emptyRoot();
  if (req.oldSize === cp.size) {
    if (!bytesEqual(knownRoot, cp.rootHash)) return conflict(knownSize);
    if (req.proof.length > 0) return text(422, 'proof must be empty for equal sizes');
  } else if (req.oldSize === 0n) {
    // tlog-witness: from size 0 the proof MUST be empty and needs no verification (transparency-dev/merkle
    // would reject any consistency proof from 0, so this case never reaches verifyConsistency).
    if (req.proof.length > 0) return text(422, 'proof must be empty when the old size is 0');
  } else {
    try {
      verifyConsistency(req.oldSize, cp.size, req.proof, knownRoot, cp.rootHash);
    } catch (e) {
      return text(422, e instanceof Error ? e.message : 'consistency proof does not verify');
    }
  }

  if (!(await deps.store.replace(origin, knownSize, { size: cp.size, rootHash: cp.rootHash, checkpoint: req.note }))) {
    return conflict((await deps.store.latest(origin))?.size ?? 0n);
  }
  const signed = await signNote(noteText, deps.cosigners);
  return text(200, signed.slice(noteText.length + 1));
}

/** A WitnessStore in memory (tests, or a witness that persists elsewhere on each replace). */
export function memoryWitnessStore(): WitnessStore & { records: Map<string, WitnessRecord & { checkpoint: string }> } {
  const records = new Map<string, WitnessRecord & { checkpoint: string }>();
  return {
    records,
    async latest(origin) {
      return records.get(origin);
    },
    async replace(origin, expectedSize, next) {
      if ((records.get(origin)?.size ?? 0n) !== expectedSize) return false;
      records.set(origin, next);
      return true;
    },
  };
}
