// `commonweal ledger verify`: signature, full recomputation of the tree, and consistency with the
// last checkpoint this machine saw for the same origin.
import {
  base64Encode,
  bytesEqual,
  HASH_SIZE,
  parseCheckpoint,
  parseNote,
  TILE_WIDTH,
  treeRootFromTiles,
  type Checkpoint,
} from '@commonweal/ledger';
import {
  fetchCheckpoint,
  fetchPublishedKey,
  logKeyVerifier,
  verifyCheckpointSignatures,
  witnessKeyVerifier,
} from './checkpoint.ts';
import { VerifyFailure } from './errors.ts';
import { rebuildTree, type RebuiltTree } from './rebuild.ts';
import { logSource, type HttpSourceOptions, type LogSource } from './source.ts';
import { loadOriginState, saveOriginState, type OriginState } from './state.ts';
import { recomputedTileReader } from './tree.ts';

export interface VerifyOptions {
  /** http(s):// base of the log (…/ledger) or a file:// directory in the same layout. */
  url: string;
  /** The log's verifier key; without it the key remembered for the origin, or the published one (TOFU). */
  key?: string;
  stateDir: string;
  /** Witness keys whose cosignature the checkpoint must carry. */
  witnesses?: readonly string[];
  /** Re-fetch and recompute everything, ignoring what earlier runs verified. */
  full?: boolean;
  concurrency?: number;
  http?: HttpSourceOptions;
  /** Warnings for a person (trust on first use, key changes). */
  warn?: (message: string) => void;
}

export interface VerifyReport {
  origin: string;
  size: string;
  rootHash: string;
  keySource: 'option' | 'stored' | 'trust-on-first-use';
  verifierKey: string;
  previous: { size: string; rootHash: string } | null;
  /** Entries before this index were verified by an earlier run and not fetched again. */
  resumedFrom: string;
  entries: number;
  entryBundles: number;
  hashTiles: number;
  /** Witness keys whose cosignature on the checkpoint verified. */
  witnesses: string[];
  /** Signatures on the checkpoint from keys not checked here (usually other witnesses' cosignatures). */
  otherSignatures: number;
  seconds: number;
}

const b64 = base64Encode;
/** 2^40 entries: four billion tiles to fetch, far beyond any NGO's log; the level-1 hashes alone are 128 GB. */
const MAX_LOG_SIZE = 1n << 40n;
const keyLabels = {
  option: 'given with --key',
  stored: 'remembered for this log',
  'trust-on-first-use': 'the log publishes',
} as const;

async function chooseKey(options: VerifyOptions, stored: OriginState, source: LogSource) {
  if (options.key) {
    if (stored.key && stored.key !== options.key) {
      options.warn?.(
        `The key given differs from the one remembered for this log (${stored.key}); using the one given.`,
      );
    }
    return { key: options.key, keySource: 'option' as const };
  }
  if (stored.key) return { key: stored.key, keySource: 'stored' as const };
  const key = await fetchPublishedKey(source);
  options.warn?.(
    `WARNING: no key was given and none is remembered for this log, so the key the log itself publishes ` +
      `(${source.base}/key) is trusted on first use:\n  ${key}\n` +
      `Check it with the organization through another channel; later runs will insist on it.`,
  );
  return { key, keySource: 'trust-on-first-use' as const };
}

/** The last verified checkpoint and, when they match it, the level-1 hashes an incremental run starts from. */
function previousState(stored: OriginState) {
  if (!stored.checkpoint) return undefined;
  const checkpoint = parseCheckpoint(parseNote(stored.checkpoint).text);
  const full = Number(checkpoint.size / BigInt(TILE_WIDTH));
  const level1 = stored.level1?.length === full * HASH_SIZE ? stored.level1 : undefined;
  return { note: stored.checkpoint, checkpoint, level1 };
}

function sameSizeCheck(previous: NonNullable<ReturnType<typeof previousState>>, note: string, current: Checkpoint) {
  const old = previous.checkpoint;
  if (current.size < old.size) {
    throw new VerifyFailure(
      'REWRITE',
      `The log now shows ${current.size} entries, but it showed ${old.size} before: a log never shrinks ` +
        '(this is a rollback, or a stale copy is being served)',
      { previous: previous.note, current: note },
    );
  }
  if (current.size === old.size && !bytesEqual(current.rootHash, old.rootHash)) {
    throw new VerifyFailure(
      'FORK',
      `FORK: the log signed two different trees of ${old.size} entries (root ${b64(old.rootHash)} before, ` +
        `${b64(current.rootHash)} now). Both signed checkpoints are evidence of it.`,
      { previous: previous.note, current: note },
    );
  }
}

function rootFailure(tree: RebuiltTree): VerifyFailure {
  const [entryMismatch] = tree.mismatches.filter((m) => m.level === 0);
  if (entryMismatch) {
    return new VerifyFailure(
      'ENTRY_BUNDLE_ALTERED',
      `The entries do not hash to the signed tree: entry ${entryMismatch.firstDifference} differs from its hash ` +
        `in ${entryMismatch.path} (the entry bundle was altered)`,
    );
  }
  return new VerifyFailure('ROOT_MISMATCH', 'The tree recomputed from the entries does not have the signed root hash');
}

/** Verifies a log end to end; throws VerifyFailure with a distinct code for each kind of fault. */
export async function verifyLog(options: VerifyOptions): Promise<VerifyReport> {
  const source = logSource(options.url, options.http);
  try {
    return await verifyFrom(source, options);
  } finally {
    source.close();
  }
}

async function verifyFrom(source: LogSource, options: VerifyOptions): Promise<VerifyReport> {
  const started = performance.now();
  const { note, checkpoint } = await fetchCheckpoint(source);
  const stored = await loadOriginState(options.stateDir, checkpoint.origin);
  const { key, keySource } = await chooseKey(options, stored, source);
  const witnesses = (options.witnesses ?? []).map((w) => ({ key: w, verifier: witnessKeyVerifier(w) }));
  const otherSignatures = await verifyCheckpointSignatures(
    note,
    checkpoint.origin,
    logKeyVerifier(key, keyLabels[keySource]),
    witnesses,
  );

  if (checkpoint.size > MAX_LOG_SIZE) {
    throw new VerifyFailure(
      'LOG_TOO_LARGE',
      `The checkpoint claims ${checkpoint.size} entries; this verifier recomputes logs of up to ${MAX_LOG_SIZE}`,
    );
  }
  const previous = previousState(stored);
  if (previous) sameSizeCheck(previous, note, checkpoint);
  const lastTile = checkpoint.size === 0n ? 0n : (checkpoint.size - 1n) / BigInt(TILE_WIDTH);
  const rebuild = async (startTile: bigint, level1Prefix: Uint8Array) => {
    const tree = await rebuildTree(source, {
      size: checkpoint.size,
      startTile,
      level1Prefix,
      keep: [lastTile, ...(previous ? [previous.checkpoint.size / BigInt(TILE_WIDTH)] : [])],
      concurrency: options.concurrency ?? 16,
    });
    const reader = recomputedTileReader(tree.level0, tree.levels);
    return { tree, reader, startTile, root: await treeRootFromTiles(reader, checkpoint.size) };
  };
  const resume = !options.full && previous?.level1 ? previous : undefined;
  let rebuilt = resume
    ? await rebuild(resume.checkpoint.size / BigInt(TILE_WIDTH), resume.level1!)
    : await rebuild(0n, new Uint8Array());
  if (rebuilt.startTile > 0n && !bytesEqual(rebuilt.root, checkpoint.rootHash)) {
    // The new entries do not reach the signed root from what was verified before: either they or the old
    // entries changed. Only the whole log can tell which, so fetch it all.
    options.warn?.('The new entries do not lead to the signed root; fetching the whole log again to find out why.');
    rebuilt = await rebuild(0n, new Uint8Array());
  }
  const { tree, reader, startTile } = rebuilt;
  if (!bytesEqual(rebuilt.root, checkpoint.rootHash)) throw rootFailure(tree);
  const [tileMismatch] = tree.mismatches;
  if (tileMismatch) {
    throw new VerifyFailure(
      'HASH_TILE_ALTERED',
      `${tileMismatch.path} does not match the tree recomputed from the entries (first difference at hash ` +
        `${tileMismatch.firstDifference} of level ${tileMismatch.level}), though the entries match the signed root`,
    );
  }
  if (previous && previous.checkpoint.size < checkpoint.size) {
    const oldRoot = await treeRootFromTiles(reader, previous.checkpoint.size);
    if (!bytesEqual(oldRoot, previous.checkpoint.rootHash)) {
      throw new VerifyFailure(
        'REWRITE',
        `REWRITE: the tree of ${checkpoint.size} entries does not extend the one of ${previous.checkpoint.size} ` +
          'entries verified before: history was changed. Both signed checkpoints are evidence of it.',
        { previous: previous.note, current: note },
      );
    }
  }

  await saveOriginState(options.stateDir, checkpoint.origin, { key, checkpoint: note, level1: tree.levels[1]! });
  return {
    origin: checkpoint.origin,
    size: checkpoint.size.toString(),
    rootHash: b64(checkpoint.rootHash),
    keySource,
    verifierKey: key,
    previous: previous
      ? { size: previous.checkpoint.size.toString(), rootHash: b64(previous.checkpoint.rootHash) }
      : null,
    resumedFrom: (startTile * BigInt(TILE_WIDTH)).toString(),
    entries: tree.counts.entries,
    entryBundles: tree.counts.entryBundles,
    hashTiles: tree.counts.hashTiles,
    witnesses: witnesses.map((w) => w.key),
    otherSignatures,
    seconds: (performance.now() - started) / 1000,
  };
}
