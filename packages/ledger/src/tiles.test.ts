import { describe, expect, it } from 'vitest';
import { LedgerError } from './errors.ts';
import {
  decodeEntryBundle,
  edgeTiles,
  encodeEntryBundle,
  entryBundlePath,
  formatTileIndex,
  parseTilePath,
  tilePath,
  tileWidthAt,
} from './tiles.ts';

describe('tile paths', () => {
  it.each([
    [0n, '000'],
    [5n, '005'],
    [999n, '999'],
    [1000n, 'x001/000'],
    [1234067n, 'x001/x234/067'],
    [18446744073709551615n, 'x018/x446/x744/x073/x709/x551/615'],
  ])('encodes index %s as %s', (n, want) => {
    expect(formatTileIndex(n)).toBe(want);
  });

  it('builds full, partial, level and entry paths, and parses them back', () => {
    const cases = [
      [{ level: 0, index: 1234067n, width: 256 }, 'tile/0/x001/x234/067'],
      [{ level: 1, index: 0n, width: 17 }, 'tile/1/000.p/17'],
      [{ level: 63, index: 7n, width: 1 }, 'tile/63/007.p/1'],
    ] as const;
    for (const [tile, path] of cases) {
      expect(tilePath(tile)).toBe(path);
      expect(parseTilePath(path)).toEqual({ kind: 'tile', tile });
    }
    expect(entryBundlePath(1234067n, 112)).toBe('tile/entries/x001/x234/067.p/112');
    expect(parseTilePath('tile/entries/x001/x234/067.p/112')).toEqual({ kind: 'entries', index: 1234067n, width: 112 });
  });

  it.each([
    'tile/0/5',
    'tile/00/005',
    'tile/64/005',
    'tile/0/x000/005',
    'tile/0/001/005',
    'tile/0/005.p/0',
    'tile/0/005.p/256',
    'tile/0/005.p/07',
    'tile/0/005/',
    'tile/0/y001/005',
    '/tile/0/005',
  ])('rejects non-canonical path %s', (path) => {
    expect(() => parseTilePath(path)).toThrow(LedgerError);
  });
});

describe('tile widths', () => {
  it('matches the tlog-tiles example of a tree of 70,000 entries', () => {
    expect(tileWidthAt(0, 272n, 70000n)).toBe(256);
    expect(tileWidthAt(0, 273n, 70000n)).toBe(112);
    expect(tileWidthAt(0, 274n, 70000n)).toBe(0);
    expect(tileWidthAt(1, 0n, 70000n)).toBe(256);
    expect(tileWidthAt(1, 1n, 70000n)).toBe(17);
    expect(tileWidthAt(2, 0n, 70000n)).toBe(1);
    expect(edgeTiles(70000n).map(tilePath)).toEqual(['tile/0/273.p/112', 'tile/1/001.p/17', 'tile/2/000.p/1']);
  });

  it('represents a tree of 256 as a full level 0 tile and a level 1 tile of width 1', () => {
    expect(edgeTiles(256n).map(tilePath)).toEqual(['tile/0/000', 'tile/1/000.p/1']);
    expect(edgeTiles(0n)).toEqual([]);
  });
});

describe('entry bundles', () => {
  it('round-trips big-endian uint16 length-prefixed entries, including empty and 65535-byte ones', () => {
    const entries = [new Uint8Array(), new Uint8Array([1, 2, 3]), new Uint8Array(65535).fill(9)];
    const data = encodeEntryBundle(entries);
    expect([...data.subarray(0, 7)]).toEqual([0, 0, 0, 3, 1, 2, 3]);
    expect(decodeEntryBundle(data)).toEqual(entries);
  });

  it('rejects truncated bundles and over-long entries', () => {
    expect(() => decodeEntryBundle(new Uint8Array([0]))).toThrow(LedgerError);
    expect(() => decodeEntryBundle(new Uint8Array([0, 2, 1]))).toThrow(LedgerError);
    expect(() => encodeEntryBundle([new Uint8Array(65536)])).toThrow(LedgerError);
  });
});
