// C2SP tlog-proof: an offline-verifiable proof that one entry is in a log, as a text file (.tlog-proof).
//   c2sp.org/tlog-proof@v1
//   [extra <base64>]
//   index <n>
//   <base64 inclusion proof hash, leaf sibling first>...
//   <empty line>
//   <signed checkpoint, verbatim, with any cosignatures>
// The entry itself is not in the file: the verifier brings it (or its leaf hash).
import { base64Decode, base64Encode, parseDecimalU64 } from './bytes.ts';
import { openCheckpoint, type Checkpoint } from './checkpoint.ts';
import { LedgerError } from './errors.ts';
import { HASH_SIZE, hashLeaf } from './hash.ts';
import { openNote, parseNote, type NoteSignature, type NoteVerifier } from './note.ts';
import { verifyInclusion } from './proof.ts';

export const TLOG_PROOF_HEADER = 'c2sp.org/tlog-proof@v1';

export interface TlogProof {
  index: bigint;
  proof: Uint8Array[];
  /** The signed checkpoint note, verbatim. */
  checkpoint: string;
  /** Opaque application data; unauthenticated, never to be trusted implicitly (tlog-proof §Format). */
  extra?: Uint8Array;
}

function malformed(why: string): LedgerError {
  return new LedgerError('MALFORMED', `malformed tlog-proof: ${why}`);
}

export function formatTlogProof(p: TlogProof): string {
  parseNote(p.checkpoint); // must be a well-formed signed note
  const lines = [TLOG_PROOF_HEADER];
  if (p.extra !== undefined) lines.push(`extra ${base64Encode(p.extra)}`);
  lines.push(`index ${p.index}`, ...p.proof.map(base64Encode));
  return `${lines.join('\n')}\n\n${p.checkpoint}`;
}

export function parseTlogProof(text: string): TlogProof {
  const split = text.indexOf('\n\n');
  if (split < 0) throw malformed('no empty line before the checkpoint');
  const lines = text.slice(0, split).split('\n');
  if (lines.shift() !== TLOG_PROOF_HEADER) throw malformed(`first line must be ${TLOG_PROOF_HEADER}`);
  let extra: Uint8Array | undefined;
  if (lines[0]?.startsWith('extra ')) extra = base64Decode(lines.shift()!.slice(6));
  const indexLine = lines.shift() ?? '';
  if (!indexLine.startsWith('index ')) throw malformed('missing index line');
  const index = parseDecimalU64(indexLine.slice(6));
  const proof = lines.map((l) => {
    const h = base64Decode(l);
    if (h.length !== HASH_SIZE) throw malformed('proof line is not a 32-byte hash');
    return h;
  });
  const checkpoint = text.slice(split + 2);
  parseNote(checkpoint);
  return extra === undefined ? { index, proof, checkpoint } : { index, proof, checkpoint, extra };
}

export interface VerifiedTlogProof {
  index: bigint;
  checkpoint: Checkpoint;
  /** Verified cosignature lines from `witnesses`. */
  cosignatures: NoteSignature[];
  extra?: Uint8Array;
}

/**
 * Verifies a tlog-proof for `entry` (or its precomputed `leafHash`): the checkpoint must be signed by the log
 * (`origin` + `logVerifiers`), carry at least `quorum` verified cosignatures from `witnesses`, and the inclusion
 * proof must lead from the entry at `index` to the checkpoint's root.
 */
export async function verifyTlogProof(
  text: string,
  opts: {
    origin: string;
    logVerifiers: readonly NoteVerifier[];
    entry?: Uint8Array;
    leafHash?: Uint8Array;
    witnesses?: readonly NoteVerifier[];
    quorum?: number;
  },
): Promise<VerifiedTlogProof> {
  const p = parseTlogProof(text);
  const leafHash = opts.leafHash ?? (opts.entry ? hashLeaf(opts.entry) : undefined);
  if (!leafHash) throw new RangeError('pass the entry or its leaf hash');
  const { checkpoint } = await openCheckpoint(p.checkpoint, opts.logVerifiers, opts.origin);
  let cosignatures: NoteSignature[] = [];
  if (opts.witnesses && opts.witnesses.length > 0) {
    try {
      cosignatures = (await openNote(p.checkpoint, opts.witnesses)).verified;
    } catch (e) {
      if (!(e instanceof LedgerError) || e.code !== 'NOTE_UNVERIFIED') throw e;
    }
  }
  if (cosignatures.length < (opts.quorum ?? 0)) {
    throw new LedgerError('NOTE_UNVERIFIED', `${cosignatures.length} witness cosignatures, need ${opts.quorum}`);
  }
  verifyInclusion(p.index, checkpoint.size, leafHash, p.proof, checkpoint.rootHash);
  return p.extra === undefined
    ? { index: p.index, checkpoint, cosignatures }
    : { index: p.index, checkpoint, cosignatures, extra: p.extra };
}
