// A C2SP tlog-tiles log written to a directory with @commonweal/ledger alone, and a tiny static HTTP
// server over it: what verifier and witness tests (and the verify benchmark) check against, without
// waiting for the server's own log.
import { createServer, type Server } from 'node:http';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  appendLeaves,
  encodeEntryBundle,
  entryBundlePath,
  hashLeaf,
  memoryTileReader,
  signCheckpoint,
  tilePath,
  TILE_WIDTH,
  treeRootFromTiles,
  type NoteSigner,
  type TileReader,
} from '@commonweal/ledger';

export interface TileLogDir {
  dir: string;
  size: bigint;
  rootHash: Uint8Array;
  checkpoint: string;
  /** Every tile ever written, by path, so the log can grow and give proofs. */
  tiles: Map<string, Uint8Array>;
  read: TileReader;
}

async function put(dir: string, relative: string, data: Uint8Array | string): Promise<void> {
  const file = path.join(dir, ...relative.split('/'));
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, data);
}

/**
 * Writes a log of `entries` (or grows `from` by them) into `dir`: hash tiles, entry bundles, the signed
 * checkpoint and the verifier key, laid out exactly like the URL paths of tlog-tiles.
 */
export async function writeTileLog(opts: {
  dir: string;
  origin: string;
  signer: NoteSigner;
  verifierKey: string;
  entries: readonly Uint8Array[];
  /** All entries of the log so far when growing it; `entries` are then the new ones. */
  previousEntries?: readonly Uint8Array[];
  from?: TileLogDir;
  leafHash?: (entry: Uint8Array) => Uint8Array;
}): Promise<TileLogDir> {
  const tiles = opts.from?.tiles ?? new Map<string, Uint8Array>();
  const read = memoryTileReader(tiles);
  const oldSize = opts.from?.size ?? 0n;
  const leafHash = opts.leafHash ?? hashLeaf;
  const writes = await appendLeaves(read, oldSize, opts.entries.map(leafHash));
  for (const w of writes) {
    tiles.set(tilePath(w.tile), w.data);
    await put(opts.dir, tilePath(w.tile), w.data);
  }
  const all = [...(opts.previousEntries ?? []), ...opts.entries];
  const firstBundle = Number(oldSize / BigInt(TILE_WIDTH));
  for (let start = firstBundle * TILE_WIDTH; start < all.length; start += TILE_WIDTH) {
    const bundle = all.slice(start, start + TILE_WIDTH);
    await put(opts.dir, entryBundlePath(BigInt(start / TILE_WIDTH), bundle.length), encodeEntryBundle(bundle));
  }
  const size = BigInt(all.length);
  const rootHash = await treeRootFromTiles(read, size);
  const checkpoint = await signCheckpoint({ origin: opts.origin, size, rootHash, extensions: [] }, [opts.signer]);
  await put(opts.dir, 'checkpoint', checkpoint);
  await put(opts.dir, 'key', `${opts.verifierKey}\n`);
  return { dir: opts.dir, size, rootHash, checkpoint, tiles, read };
}

export interface StaticServer {
  url: string;
  server: Server;
  /** Requests seen, by path (tests check what was fetched). */
  requests: string[];
  /** Answer the next `n` requests for a path with 503, to exercise retries. */
  failNext(relative: string, n: number): void;
  close(): Promise<void>;
}

/** Serves `dir` at http://127.0.0.1:<port>/ledger/ (404 for anything missing). */
export async function serveTileLog(dir: string): Promise<StaticServer> {
  const requests: string[] = [];
  const failures = new Map<string, number>();
  const server = createServer((request, response) => {
    const relative = decodeURIComponent((request.url ?? '/').split('?')[0]!).replace(/^\/ledger\//, '');
    requests.push(relative);
    const failing = failures.get(relative) ?? 0;
    if (failing > 0) {
      failures.set(relative, failing - 1);
      response.writeHead(503).end('try again');
      return;
    }
    if (relative.includes('..')) {
      response.writeHead(400).end();
      return;
    }
    readFile(path.join(dir, ...relative.split('/'))).then(
      (data) => response.writeHead(200, { 'content-type': 'application/octet-stream' }).end(data),
      () => response.writeHead(404).end('not found'),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return {
    url: `http://127.0.0.1:${address.port}/ledger`,
    server,
    requests,
    failNext: (relative, n) => failures.set(relative, n),
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
