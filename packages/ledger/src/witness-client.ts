// Client side of C2SP tlog-witness `add-checkpoint`: submit a checkpoint with a consistency proof, collect cosignatures.
import { base64Encode, parseDecimalU64 } from './bytes.ts';
import { parseCheckpoint } from './checkpoint.ts';
import { LedgerError } from './errors.ts';
import { addSignatureLines, openNote, parseNote, type NoteVerifier } from './note.ts';
import { TLOG_SIZE_CONTENT_TYPE } from './witness.ts';

/** Minimal fetch shape, so Node, browsers and tests (which may call handleAddCheckpoint directly) all fit. */
export type FetchLike = (
  url: string,
  init: { method: 'POST'; headers: Record<string, string>; body: string },
) => Promise<{ status: number; headers: { get(name: string): string | null }; text(): Promise<string> }>;

export function formatAddCheckpointRequest(
  oldSize: bigint,
  proof: readonly Uint8Array[],
  signedCheckpoint: string,
): string {
  return `old ${oldSize}\n${proof.map((h) => `${base64Encode(h)}\n`).join('')}\n${signedCheckpoint}`;
}

export type AddCheckpointResult = { kind: 'cosigned'; lines: string[] } | { kind: 'conflict'; witnessSize: bigint };

/** One add-checkpoint call. 200 gives signature lines, 409 the witness's size; other statuses throw. */
export async function addCheckpoint(opts: {
  /** The witness submission prefix, e.g. https://witness.example/ (no trailing "add-checkpoint"). */
  url: string;
  signedCheckpoint: string;
  oldSize: bigint;
  proof: readonly Uint8Array[];
  fetch?: FetchLike;
}): Promise<AddCheckpointResult> {
  const doFetch = opts.fetch ?? (globalThis.fetch as unknown as FetchLike);
  const res = await doFetch(`${opts.url.replace(/\/+$/, '')}/add-checkpoint`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain; charset=utf-8' },
    body: formatAddCheckpointRequest(opts.oldSize, opts.proof, opts.signedCheckpoint),
  });
  const body = await res.text();
  if (res.status === 409 && (res.headers.get('content-type') ?? '').startsWith(TLOG_SIZE_CONTENT_TYPE)) {
    return { kind: 'conflict', witnessSize: parseDecimalU64(body.trim()) };
  }
  if (res.status !== 200)
    throw new LedgerError('MALFORMED', `witness answered ${res.status}: ${body.trim().slice(0, 200)}`);
  if (!body.endsWith('\n')) throw new LedgerError('MALFORMED', 'witness response is not newline-terminated');
  return { kind: 'cosigned', lines: body.slice(0, -1).split('\n') };
}

/**
 * Obtains a verified cosignature from a witness. Starts from `knownSize` (0 if unknown); on 409 retries from
 * the witness's size using `consistencyProof`. Only lines verified by `witnessVerifiers` are returned (the client
 * MUST ignore cosignatures from unknown keys); throws if none verify or if the witness is ahead of the checkpoint.
 */
export async function requestCosignature(opts: {
  url: string;
  signedCheckpoint: string;
  witnessVerifiers: readonly NoteVerifier[];
  consistencyProof: (oldSize: bigint, newSize: bigint) => Promise<Uint8Array[]>;
  knownSize?: bigint;
  fetch?: FetchLike;
  maxAttempts?: number;
}): Promise<{ lines: string[]; cosignedCheckpoint: string; oldSize: bigint }> {
  const size = parseCheckpoint(parseNote(opts.signedCheckpoint).text).size;
  let oldSize = opts.knownSize ?? 0n;
  for (let attempt = 0; attempt < (opts.maxAttempts ?? 3); attempt++) {
    if (oldSize > size)
      throw new LedgerError('PROOF_INVALID', `witness has size ${oldSize}, beyond the checkpoint ${size}`);
    const proof = oldSize === 0n || oldSize === size ? [] : await opts.consistencyProof(oldSize, size);
    const result = await addCheckpoint({
      url: opts.url,
      signedCheckpoint: opts.signedCheckpoint,
      oldSize,
      proof,
      fetch: opts.fetch,
    });
    if (result.kind === 'conflict') {
      oldSize = result.witnessSize;
      continue;
    }
    const withLines = addSignatureLines(opts.signedCheckpoint, result.lines);
    const opened = await openNote(withLines, opts.witnessVerifiers);
    const lines = opened.verified.map((s) => s.line);
    return { lines, cosignedCheckpoint: addSignatureLines(opts.signedCheckpoint, lines), oldSize };
  }
  throw new LedgerError('MALFORMED', 'witness kept answering 409');
}
