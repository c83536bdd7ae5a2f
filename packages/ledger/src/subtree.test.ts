import { describe, expect, it } from 'vitest';
import { isValidSubtree, verifySubtreeConsistency, verifySubtreeInclusion } from './subtree.ts';
import { jsonFilesUnder, loadMerkleProbe } from './testing/vectors.ts';

const passes = (f: () => void): boolean => {
  try {
    f();
    return true;
  } catch {
    return false;
  }
};

describe('transparency-dev/merkle subtree testdata', () => {
  const inclusion = jsonFilesUnder('subtreeinclusion').map(loadMerkleProbe);
  const consistency = jsonFilesUnder('subtreeconsistency').map(loadMerkleProbe);

  it('has every probe file (README: 12+192 subtree inclusion, 12+106 subtree consistency)', () => {
    expect(inclusion.filter((p) => !p.wantErr)).toHaveLength(12);
    expect(inclusion.filter((p) => p.wantErr)).toHaveLength(192);
    expect(consistency.filter((p) => !p.wantErr)).toHaveLength(12);
    expect(consistency.filter((p) => p.wantErr)).toHaveLength(106);
  });

  it.each(inclusion.map((p) => [p.file, p] as const))('subtree inclusion %s', (_f, p) => {
    const ok = passes(() =>
      verifySubtreeInclusion(p.ints.leafIdx!, p.ints.start!, p.ints.end!, p.bytes.leafHash!, p.proof, p.bytes.root!),
    );
    expect(ok, p.desc).toBe(!p.wantErr);
  });

  it.each(consistency.map((p) => [p.file, p] as const))('subtree consistency %s', (_f, p) => {
    const ok = passes(() =>
      verifySubtreeConsistency(p.ints.start!, p.ints.end!, p.ints.size!, p.proof, p.bytes.root1!, p.bytes.root2!),
    );
    expect(ok, p.desc).toBe(!p.wantErr);
  });
});

describe('isValidSubtree', () => {
  it.each([
    [0n, 1n, true],
    [4n, 8n, true],
    [8n, 13n, true],
    [2n, 5n, false],
    [1n, 3n, false],
    [3n, 3n, false],
    [5n, 3n, false],
  ])('[%s, %s) -> %s', (s, e, want) => expect(isValidSubtree(s, e)).toBe(want));
});
