import { describe, expect, it } from 'vitest';
import type { LogFile, LogStorage } from '../../adapters/log-storage.ts';
import { logTiles } from './log-tiles.ts';

/** Storage in memory that counts reads, to see what the cache answered. */
function countingStorage() {
  const files = new Map<string, Uint8Array>();
  const reads: string[] = [];
  const storage: LogStorage = {
    read: async (path) => (reads.push(path), files.get(path)),
    writeDurably: async (written: readonly LogFile[]) => void written.forEach((f) => files.set(f.path, f.data)),
    size: async (path) => files.get(path)?.length,
    remove: async (path) => void files.delete(path),
    removePartials: async () => undefined,
    cleanUp: async () => undefined,
  };
  return { storage, reads };
}

const hashes = (width: number) => new Uint8Array(width * 32).fill(width);

describe('the tile cache', () => {
  it('reads a file once for readers that ask for it at the same time', async () => {
    const { storage, reads } = countingStorage();
    await storage.writeDurably([{ path: 'tile/0/000', data: hashes(256) }]);
    const tiles = logTiles(storage);
    const read = tiles.readerAt(256n);
    const [a, b] = await Promise.all([
      read({ level: 0, index: 0n, width: 256 }),
      read({ level: 0, index: 0n, width: 3 }),
    ]);
    expect(a).toEqual(hashes(256));
    expect(b).toBe(a);
    expect(reads).toEqual(['tile/0/000']);
    // A file that is not there is asked for again next time.
    expect(await Promise.all([tiles.read('tile/0/001'), tiles.read('tile/0/001')])).toEqual([undefined, undefined]);
    expect(await tiles.read('tile/0/001')).toBeUndefined();
    expect(reads).toEqual(['tile/0/000', 'tile/0/001', 'tile/0/001']);
  });

  it('keeps full tiles while the right-edge tile grows through many partial versions', async () => {
    const { storage, reads } = countingStorage();
    // Room for 8 full hash tiles (8 KB each) and the growing one.
    const tiles = logTiles(storage, { hashTileBytes: 9 * 8192, bundleBytes: 64 * 1024 });
    for (let index = 0; index < 8; index++) {
      await tiles.writeDurably([{ path: `tile/0/00${index}`, data: hashes(256) }]);
    }
    for (let width = 1; width < 256; width++) {
      await tiles.writeDurably([{ path: `tile/0/008.p/${width}`, data: hashes(width) }]);
    }
    for (let index = 0; index < 8; index++) expect(await tiles.read(`tile/0/00${index}`)).toEqual(hashes(256));
    expect(await tiles.read('tile/0/008.p/255')).toEqual(hashes(255));
    expect(reads).toEqual([]);
    // A superseded version is still readable, from storage.
    expect(await tiles.read('tile/0/008.p/3')).toEqual(hashes(3));
    expect(reads).toEqual(['tile/0/008.p/3']);
  });

  it('keeps entry bundles apart, so that they never push hash tiles out', async () => {
    const { storage, reads } = countingStorage();
    const tiles = logTiles(storage, { hashTileBytes: 9 * 8192, bundleBytes: 64 * 1024 });
    for (let index = 0; index < 8; index++) {
      await tiles.writeDurably([
        { path: `tile/0/00${index}`, data: hashes(256) },
        { path: `tile/entries/00${index}`, data: new Uint8Array(80 * 1024) },
      ]);
    }
    for (let index = 0; index < 8; index++) await tiles.read(`tile/0/00${index}`);
    expect(reads).toEqual([]);
  });
});
