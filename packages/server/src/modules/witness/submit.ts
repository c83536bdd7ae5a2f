// The log's side of witnessing: send each new checkpoint to the configured witnesses (C2SP tlog-witness)
// and gather their cosignatures into the checkpoint that the log then serves.
import {
  addSignatureLines,
  consistencyProofFromTiles,
  LedgerError,
  parseCheckpoint,
  parseNote,
  requestCosignature,
  verifierFromKey,
  type FetchLike,
  type TileReader,
} from '@commonweal/ledger';

/** Where consistency proofs between two sizes of the log come from. */
export interface ConsistencyProofSource {
  /** RFC 9162 proof that the tree of `oldSize` is a prefix of the tree of `newSize` (0 < oldSize < newSize). */
  consistencyProof(oldSize: bigint, newSize: bigint): Promise<Uint8Array[]>;
}

/** A witness: its submission prefix (POST <url>/add-checkpoint) and its cosigner verifier key. */
export interface WitnessTarget {
  url: string;
  verifierKey: string;
}

export type WitnessOutcome =
  | { url: string; cosigned: true; oldSize: bigint; lines: string[] }
  /** `refused`: the witness answered and said no (4xx, a bad cosignature); otherwise it was unreachable or busy. */
  | { url: string; cosigned: false; refused: boolean; error: string };

// A witness that answered with anything but 5xx or 429, or whose answer did not verify, refused the checkpoint.
const isRefusal = (error: unknown) =>
  error instanceof LedgerError && !/^witness answered (5\d\d|429)\b/.test(error.message);

/** Proofs computed from the log's own tiles (the newer tree's tiles suffice). */
export const tileProofSource = (read: TileReader): ConsistencyProofSource => ({
  consistencyProof: (oldSize, newSize) => consistencyProofFromTiles(read, oldSize, newSize),
});

const fetchWithTimeout =
  (ms: number): FetchLike =>
  (url, init) =>
    fetch(url, { ...init, signal: AbortSignal.timeout(ms) });

/**
 * Submits `signedCheckpoint` to every witness at once. A witness that answers 409 is retried from the
 * size it reports; only cosignatures that verify with the witness's key are kept. Returns the checkpoint
 * with those cosignature lines added, and what each witness did. Never throws for a witness's failure.
 */
export async function submitToWitnesses(
  signedCheckpoint: string,
  proofs: ConsistencyProofSource,
  options: {
    witnesses: readonly WitnessTarget[];
    /** The size each witness (by URL) last cosigned; read and updated, so the next call skips a 409. */
    knownSizes?: Map<string, bigint>;
    fetch?: FetchLike;
    timeoutMs?: number;
  },
): Promise<{ cosignedCheckpoint: string; outcomes: WitnessOutcome[] }> {
  const size = parseCheckpoint(parseNote(signedCheckpoint).text).size;
  const doFetch = options.fetch ?? fetchWithTimeout(options.timeoutMs ?? 10_000);
  const outcomes = await Promise.all(
    options.witnesses.map(async ({ url, verifierKey }): Promise<WitnessOutcome> => {
      try {
        const result = await requestCosignature({
          url,
          signedCheckpoint,
          witnessVerifiers: [verifierFromKey(verifierKey)],
          consistencyProof: (oldSize, newSize) => proofs.consistencyProof(oldSize, newSize),
          knownSize: options.knownSizes?.get(url),
          fetch: doFetch,
        });
        options.knownSizes?.set(url, size);
        return { url, cosigned: true, oldSize: result.oldSize, lines: result.lines };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return { url, cosigned: false, refused: isRefusal(error), error: message };
      }
    }),
  );
  const lines = outcomes.flatMap((o) => (o.cosigned ? o.lines : []));
  return { cosignedCheckpoint: addSignatureLines(signedCheckpoint, lines), outcomes };
}

/**
 * What the log's "new checkpoint" hook holds: submits each checkpoint to `witnesses`, remembering the size
 * each one last cosigned so that only the first submission after a restart costs a 409 round trip.
 */
export function witnessSubmitter(options: {
  witnesses: readonly WitnessTarget[];
  proofs: ConsistencyProofSource;
  fetch?: FetchLike;
  timeoutMs?: number;
}): { submit(signedCheckpoint: string): ReturnType<typeof submitToWitnesses> } {
  const knownSizes = new Map<string, bigint>();
  return {
    submit: (signedCheckpoint) =>
      submitToWitnesses(signedCheckpoint, options.proofs, {
        witnesses: options.witnesses,
        knownSizes,
        fetch: options.fetch,
        timeoutMs: options.timeoutMs,
      }),
  };
}
