import { describe, expect, it } from 'vitest';
import { hexEncode } from './bytes.ts';
import { emptyRoot, hashChildren, hashLeaf, merkleRoot, subtreeRoot } from './hash.ts';
import { hex, loadJsonFixture } from './testing/vectors.ts';

interface Rfc6962Vectors {
  hasherVectors: Array<{ op: string; input?: string; left?: string; right?: string; want: string }>;
  leafInputs: string[];
  nodeHashes_by_level: string[][];
  rootHashes_by_treeSize: Record<string, string>;
}
const v = loadJsonFixture<Rfc6962Vectors>('rfc6962_vectors.json');

describe('RFC 6962 hashing (rfc6962_vectors.json)', () => {
  it('has the expected vector counts', () => {
    expect(v.hasherVectors).toHaveLength(4);
    expect(v.leafInputs).toHaveLength(8);
    expect(Object.keys(v.rootHashes_by_treeSize)).toHaveLength(9);
  });

  it.each(v.hasherVectors)('$op $input$left', (t) => {
    const got =
      t.op === 'emptyRoot'
        ? emptyRoot()
        : t.op === 'hashLeaf'
          ? hashLeaf(hex(t.input!))
          : hashChildren(hex(t.left!), hex(t.right!));
    expect(hexEncode(got)).toBe(t.want);
  });

  const leaves = v.leafInputs.map((l) => hashLeaf(hex(l)));

  it('reproduces every node hash by level', () => {
    expect(v.nodeHashes_by_level).toHaveLength(4);
    v.nodeHashes_by_level.forEach((level, depth) => {
      level.forEach((want, i) => {
        const width = 2 ** depth;
        expect(hexEncode(subtreeRoot(leaves, i * width, (i + 1) * width))).toBe(want);
      });
    });
  });

  it.each(Object.entries(v.rootHashes_by_treeSize))('MTH of the first %s leaves', (n, want) => {
    expect(hexEncode(merkleRoot(leaves.slice(0, Number(n))))).toBe(want);
  });
});
