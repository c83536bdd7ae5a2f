import { describe, expect, it } from 'vitest';
import { hexEncode } from './bytes.ts';
import { hashLeaf, merkleRoot } from './hash.ts';
import { consistencyProof, inclusionProof, verifyConsistency, verifyInclusion } from './proof.ts';
import {
  appendLeaves,
  consistencyProofFromTiles,
  inclusionProofFromTiles,
  leafHashFromTiles,
  memoryTileReader,
  treeRootFromTiles,
  type TileReader,
} from './tile-log.ts';
import { edgeTiles, tilePath } from './tiles.ts';

const leaf = (i: number): Uint8Array => hashLeaf(new TextEncoder().encode(`entry ${i}`));

/** Grows a log in the given batch sizes, keeping every tile version ever written, like a tile store would. */
async function grow(
  batches: number[],
): Promise<{ store: Map<string, Uint8Array>; leaves: Uint8Array[]; read: TileReader }> {
  const store = new Map<string, Uint8Array>();
  const read = memoryTileReader(store);
  const leaves: Uint8Array[] = [];
  for (const n of batches) {
    const fresh = Array.from({ length: n }, (_, i) => leaf(leaves.length + i));
    const writes = await appendLeaves(read, BigInt(leaves.length), fresh);
    for (const w of writes) store.set(tilePath(w.tile), w.data);
    leaves.push(...fresh);
  }
  return { store, leaves, read };
}

describe('tiled log', () => {
  it('writes exactly the tiles the spec lists for 70,000 entries, in uneven batches', async () => {
    const { store, leaves, read } = await grow([1, 254, 1, 1, 300, 69443]);
    expect(leaves).toHaveLength(70000);
    for (const t of edgeTiles(70000n)) expect(store.has(tilePath(t))).toBe(true);
    expect(store.has('tile/0/272')).toBe(true);
    expect(store.has('tile/1/000')).toBe(true);
    expect(store.has('tile/2/000.p/1')).toBe(true);
    expect(hexEncode(await treeRootFromTiles(read, 70000n))).toBe(hexEncode(merkleRoot(leaves)));
    // Every historical size whose tiles were written still has the right root.
    for (const size of [1n, 255n, 256n, 257n, 557n]) {
      expect(hexEncode(await treeRootFromTiles(read, size))).toBe(hexEncode(merkleRoot(leaves.slice(0, Number(size)))));
    }
  });

  it('computes inclusion and consistency proofs from tiles equal to the in-memory ones', async () => {
    const { leaves, read } = await grow([3, 250, 4, 600, 2, 1200]);
    const size = BigInt(leaves.length);
    const root = merkleRoot(leaves);
    for (const i of [0, 1, 255, 256, 511, 512, 1000, leaves.length - 1]) {
      const proof = await inclusionProofFromTiles(read, BigInt(i), size);
      expect(proof.map(hexEncode)).toEqual(inclusionProof(leaves, BigInt(i)).map(hexEncode));
      verifyInclusion(BigInt(i), size, await leafHashFromTiles(read, BigInt(i), size), proof, root);
    }
    for (const m of [1, 3, 253, 256, 257, 857, 859, 1000]) {
      const proof = await consistencyProofFromTiles(read, BigInt(m), size);
      expect(proof.map(hexEncode)).toEqual(consistencyProof(leaves, BigInt(m), size).map(hexEncode));
      verifyConsistency(BigInt(m), size, proof, merkleRoot(leaves.slice(0, m)), root);
    }
  });

  it('answers repeated proofs at older sizes from wider tiles, as a caching reader serves them', async () => {
    const { leaves, read } = await grow([700, 2_000]);
    for (const size of [300, 700, 1_025, 2_700]) {
      for (const i of [0, 299, size - 1]) {
        for (let again = 0; again < 2; again++) {
          const proof = await inclusionProofFromTiles(read, BigInt(i), BigInt(size));
          expect(proof.map(hexEncode)).toEqual(inclusionProof(leaves.slice(0, size), BigInt(i)).map(hexEncode));
        }
      }
    }
  });

  it('fails when a tile is missing', async () => {
    const { store, read } = await grow([600]);
    store.delete('tile/0/001');
    await expect(inclusionProofFromTiles(read, 300n, 600n)).rejects.toThrow(/tile/);
  });
});
