import {
  consistencyProofFromTiles,
  encodeEntryBundle,
  HASH_SIZE,
  inclusionProofFromTiles,
  parseTilePath,
  TILE_WIDTH,
  tileWidthAt,
} from '@commonweal/ledger';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { AppError, invalidField, notFound } from '../../errors/app-error.ts';
import type { LedgerLog, SignedCheckpoint } from './log.ts';
import { leafHash } from './materialize.ts';
import { ledgerEntries, ledgerLeaves } from './tables.ts';

/** What reading the log needs. */
export interface LogReadDeps {
  db: Db;
  ledger: LedgerLog;
}

/** The most entries one /ledger/entries call returns. */
export const MAX_ENTRIES_PER_READ = 1000;

const beyond = (path: string, size: number) =>
  new AppError('LEDGER_BEYOND_CHECKPOINT', `The latest signed checkpoint covers ${size} entries`, [
    { path, message: `must be at most ${size}, the size of the latest signed checkpoint` },
  ]);
const badRange = (path: string, message: string) => new AppError('LEDGER_RANGE_INVALID', message, [{ path, message }]);

async function latestOrEmpty(deps: LogReadDeps): Promise<SignedCheckpoint> {
  const checkpoint = await deps.ledger.latest(deps.db);
  if (!checkpoint) throw new AppError('LEDGER_BEYOND_CHECKPOINT', 'The log has no signed checkpoint yet');
  return checkpoint;
}

/** The latest signed checkpoint. */
export const latestCheckpoint = latestOrEmpty;

/** A tile or entry bundle of the signed tree, by its tlog-tiles path (`tile/…`); partial tiles are cut from wider ones. */
export async function logFile(deps: LogReadDeps, path: string): Promise<{ data: Uint8Array; full: boolean }> {
  let parsed;
  try {
    parsed = parseTilePath(path);
  } catch {
    throw invalidField('params.*', 'not a tlog-tiles path (tile/<L>/<N>[.p/<W>] or tile/entries/<N>[.p/<W>])');
  }
  const { size } = await latestOrEmpty(deps);
  const tile = parsed.kind === 'tile' ? parsed.tile : { level: 0, index: parsed.index, width: parsed.width };
  const available = tileWidthAt(tile.level, tile.index, BigInt(size));
  if (available < tile.width) throw notFound(`Tile ${path}`);
  const full = tile.width === TILE_WIDTH;
  if (parsed.kind === 'tile') {
    const data = await deps.ledger.tiles.readerAt(BigInt(size))(tile);
    return { data: data.subarray(0, tile.width * HASH_SIZE), full };
  }
  const entries = await deps.ledger.tiles.bundleAt(tile.index, BigInt(size));
  return { data: encodeEntryBundle(entries.slice(0, tile.width)), full };
}

export interface LoggedEntry {
  index: number;
  body: string;
  leafHash: Uint8Array;
}

/** Entries [start, end) as logged (read from the entry bundles, not from the database). */
export async function logEntries(deps: LogReadDeps, start: number, end: number): Promise<LoggedEntry[]> {
  if (end <= start) throw badRange('query.end', 'end must be greater than start');
  if (end - start > MAX_ENTRIES_PER_READ) {
    throw badRange('query.end', `at most ${MAX_ENTRIES_PER_READ} entries per request`);
  }
  const { size } = await latestOrEmpty(deps);
  if (end > size) throw beyond('query.end', size);
  const out: LoggedEntry[] = [];
  const decoder = new TextDecoder();
  for (let bundle = Math.floor(start / TILE_WIDTH); bundle * TILE_WIDTH < end; bundle++) {
    const entries = await deps.ledger.tiles.bundleAt(BigInt(bundle), BigInt(size));
    entries.forEach((entry, i) => {
      const index = bundle * TILE_WIDTH + i;
      if (index >= start && index < end) out.push({ index, body: decoder.decode(entry), leafHash: leafHash(entry) });
    });
  }
  return out;
}

export interface InclusionProof {
  index: number;
  size: number;
  leafHash: Uint8Array;
  proof: Uint8Array[];
  checkpoint: SignedCheckpoint;
}

/** Inclusion proof of leaf `index` in the tree of `size` (default: the latest signed checkpoint's), from tiles. */
export async function inclusionProof(deps: LogReadDeps, index: number, size?: number): Promise<InclusionProof> {
  const checkpoint = await latestOrEmpty(deps);
  const treeSize = size ?? checkpoint.size;
  if (treeSize > checkpoint.size) throw beyond('query.size', checkpoint.size);
  if (index >= treeSize) {
    throw index >= checkpoint.size
      ? beyond('query.index', checkpoint.size)
      : badRange('query.index', 'index must be below size');
  }
  const read = deps.ledger.tiles.readerAt(BigInt(checkpoint.size));
  const [proof, [leaf]] = await Promise.all([
    inclusionProofFromTiles(read, BigInt(index), BigInt(treeSize)),
    read({ level: 0, index: BigInt(Math.floor(index / TILE_WIDTH)), width: (index % TILE_WIDTH) + 1 }).then((tile) => [
      tile.slice((index % TILE_WIDTH) * HASH_SIZE, ((index % TILE_WIDTH) + 1) * HASH_SIZE),
    ]),
  ]);
  return { index, size: treeSize, leafHash: leaf!, proof, checkpoint };
}

/** Consistency proof from the tree of `from` to the tree of `to` (default: the latest signed checkpoint's). */
export async function consistencyProof(
  deps: LogReadDeps,
  from: number,
  to?: number,
): Promise<{ from: number; to: number; proof: Uint8Array[]; checkpoint: SignedCheckpoint }> {
  const checkpoint = await latestOrEmpty(deps);
  const newSize = to ?? checkpoint.size;
  if (newSize > checkpoint.size) throw beyond('query.to', checkpoint.size);
  if (from > newSize) throw badRange('query.from', 'from must be at most to');
  const read = deps.ledger.tiles.readerAt(BigInt(checkpoint.size));
  const proof = await consistencyProofFromTiles(read, BigInt(from), BigInt(newSize));
  return { from, to: newSize, proof, checkpoint };
}

/** The leaf index of the entry with this tracking code: null while it waits for integration, undefined when unknown. */
async function leafIndexOfCode(db: Db, code: string): Promise<number | null | undefined> {
  // Tracking codes are unique in the instance and public, so this lookup needs no organization.
  const [row] = await db
    .select({ leafIndex: ledgerLeaves.leafIndex })
    .from(ledgerEntries)
    .leftJoin(
      ledgerLeaves,
      and(eq(ledgerLeaves.orgId, ledgerEntries.orgId), eq(ledgerLeaves.entryId, ledgerEntries.id)),
    )
    .where(eq(ledgerEntries.code, code));
  return row?.leafIndex;
}

/** The inclusion proof a client asked for, by leaf index (and tree size) or by tracking code. */
export async function requestedInclusionProof(
  deps: LogReadDeps,
  query: { index?: number; code?: string; size?: number },
): Promise<InclusionProof> {
  if (query.code === undefined) return inclusionProof(deps, query.index!, query.size);
  const result = await entryProof(deps, query.code);
  if (result.status === 'unknown') throw notFound('Ledger entry');
  if (result.status === 'pending') {
    throw new AppError('LEDGER_BEYOND_CHECKPOINT', 'This entry is not in a signed checkpoint yet', [
      { path: 'query.code', message: 'not yet in a signed checkpoint; try again in a few seconds' },
    ]);
  }
  return result;
}

/** What the log can prove about an entry: nothing (`unknown` code), not yet (`pending`), or its inclusion. */
export type EntryProof<T> = { status: 'unknown' } | { status: 'pending' } | ({ status: 'logged' } & T);

/**
 * For other modules (the follow-the-money page, the tlog-proof download): the inclusion proof of the
 * entry with `code` in the latest signed checkpoint, `pending` while it is not yet signed, `unknown`
 * when no entry has this code.
 */
export async function entryProof(deps: LogReadDeps, code: string): Promise<EntryProof<InclusionProof>> {
  const index = await leafIndexOfCode(deps.db, code);
  if (index === undefined) return { status: 'unknown' };
  const checkpoint = index === null ? undefined : await deps.ledger.latest(deps.db);
  if (index === null || !checkpoint || index >= checkpoint.size) return { status: 'pending' };
  return { status: 'logged', ...(await inclusionProof(deps, index)) };
}
