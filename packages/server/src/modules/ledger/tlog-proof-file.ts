import { formatTlogProof, TILE_WIDTH } from '@commonweal/ledger';
import { readLogState } from './log-state.ts';
import { entryProof, type EntryProof, type LogReadDeps } from './read.ts';

/** A C2SP tlog-proof file of one entry, and where it stands in the log. */
export interface TlogProofFile {
  index: number;
  size: number;
  text: string;
}

/**
 * The C2SP tlog-proof of the entry with `code` against the latest signed checkpoint (verbatim, with
 * any cosignature lines it carries). The entry's bytes, as the entry bundle holds them, go in the
 * `extra` line, so the file alone is enough to check it offline.
 */
export async function entryTlogProof(deps: LogReadDeps, code: string): Promise<EntryProof<TlogProofFile>> {
  const proof = await entryProof(deps, code);
  if (proof.status !== 'logged') return proof;
  const { index, size } = proof;
  // The bytes come from the log's own files, not from the database row: a verifier checks what was logged.
  const bundle = await deps.ledger.tiles.bundleAt(BigInt(Math.floor(index / TILE_WIDTH)), BigInt(size));
  const text = formatTlogProof({
    index: BigInt(index),
    proof: proof.proof,
    checkpoint: proof.checkpoint.note,
    extra: bundle[index % TILE_WIDTH]!,
  });
  return { status: 'logged', index, size, text };
}

/** The log's verifier key (`name+keyid+base64key`), as /ledger/key serves it; undefined before the log exists. */
export async function logVerifierKey(deps: LogReadDeps): Promise<string | undefined> {
  return (await deps.ledger.latest(deps.db))?.verifierKey ?? (await readLogState(deps.db))?.verifierKey;
}
