// C2SP tlog-tiles layout: tile and entry-bundle paths, tile widths for a tree size, and entry bundle encoding.
import { concatBytes } from './bytes.ts';
import { LedgerError } from './errors.ts';

/** Tiles are 2^8 hashes wide: a tile is a subtree of height 8. */
export const TILE_HEIGHT = 8;
export const TILE_WIDTH = 256;
/** tlog-tiles: `<L>` is between 0 and 63. */
export const MAX_TILE_LEVEL = 63;

/** A tile of Merkle hashes at `level` (level 0 holds leaf hashes); width 256 means a full tile. */
export interface TileId {
  level: number;
  index: bigint;
  width: number;
}

/** Tile index as zero-padded 3-digit path elements, all but the last prefixed with "x": 1234067 -> x001/x234/067. */
export function formatTileIndex(index: bigint): string {
  if (index < 0n) throw new RangeError('tile index must be non-negative');
  const groups: string[] = [];
  let n = index;
  do {
    groups.unshift((n % 1000n).toString().padStart(3, '0'));
    n /= 1000n;
  } while (n > 0n);
  return groups.map((g, i) => (i < groups.length - 1 ? `x${g}` : g)).join('/');
}

function widthSuffix(width: number): string {
  if (!Number.isInteger(width) || width < 1 || width > TILE_WIDTH) throw new RangeError(`bad tile width ${width}`);
  return width === TILE_WIDTH ? '' : `.p/${width}`;
}

/** `tile/<L>/<N>[.p/<W>]`, relative to the log prefix. */
export function tilePath(tile: TileId): string {
  if (!Number.isInteger(tile.level) || tile.level < 0 || tile.level > MAX_TILE_LEVEL)
    throw new RangeError('bad tile level');
  return `tile/${tile.level}/${formatTileIndex(tile.index)}${widthSuffix(tile.width)}`;
}

/** `tile/entries/<N>[.p/<W>]`, relative to the log prefix. */
export function entryBundlePath(index: bigint, width: number): string {
  return `tile/entries/${formatTileIndex(index)}${widthSuffix(width)}`;
}

export type ParsedTilePath = { kind: 'tile'; tile: TileId } | { kind: 'entries'; index: bigint; width: number };

/** Parses a canonical tile or entry-bundle path (as above); anything non-canonical is rejected. */
export function parseTilePath(path: string): ParsedTilePath {
  const m = /^tile\/(entries|0|[1-9][0-9]?)\/((?:x[0-9]{3}\/)*)([0-9]{3})(?:\.p\/([1-9][0-9]{0,2}))?$/.exec(path);
  if (!m) throw new LedgerError('MALFORMED', `not a tile path: ${path}`);
  const [, levelText = '', xs = '', last = '', widthText] = m;
  const groups = [
    ...xs
      .split('/')
      .filter(Boolean)
      .map((g) => g.slice(1)),
    last,
  ];
  if (groups.length > 1 && groups[0] === '000')
    throw new LedgerError('MALFORMED', 'tile index has a leading zero group');
  const index = BigInt(groups.join(''));
  const width = widthText === undefined ? TILE_WIDTH : Number(widthText);
  if (widthText !== undefined && width >= TILE_WIDTH)
    throw new LedgerError('MALFORMED', 'partial tile width must be below 256');
  if (levelText === 'entries') return { kind: 'entries', index, width };
  const level = Number(levelText);
  if (level > MAX_TILE_LEVEL) throw new LedgerError('MALFORMED', 'tile level above 63');
  return { kind: 'tile', tile: { level, index, width } };
}

/** Number of hashes tile (`level`, `index`) holds in a tree of `size`: 0 (absent) to 256 (full). */
export function tileWidthAt(level: number, index: bigint, size: bigint): number {
  const stored = size >> BigInt(TILE_HEIGHT * level); // hashes at tree height 8*level
  const width = stored - index * BigInt(TILE_WIDTH);
  if (width <= 0n) return 0;
  return width >= BigInt(TILE_WIDTH) ? TILE_WIDTH : Number(width);
}

/** The rightmost (possibly partial) tile at every level for a tree of `size`; the ones a new checkpoint needs. */
export function edgeTiles(size: bigint): TileId[] {
  const out: TileId[] = [];
  for (let level = 0; level <= MAX_TILE_LEVEL; level++) {
    const stored = size >> BigInt(TILE_HEIGHT * level);
    if (stored === 0n) break;
    const index = (stored - 1n) / BigInt(TILE_WIDTH);
    out.push({ level, index, width: tileWidthAt(level, index, size) });
  }
  return out;
}

/** Entry bundle bytes: each entry as big-endian uint16 length then the entry (tlog-tiles §Log entries). */
export function encodeEntryBundle(entries: readonly Uint8Array[]): Uint8Array {
  if (entries.length > TILE_WIDTH) throw new RangeError('an entry bundle holds at most 256 entries');
  return concatBytes(
    ...entries.flatMap((e) => {
      if (e.length > 0xffff) throw new LedgerError('MALFORMED', 'entry longer than 65535 bytes');
      return [new Uint8Array([e.length >> 8, e.length & 0xff]), e];
    }),
  );
}

/** Splits entry bundle bytes back into entries; truncated or over-long bundles are rejected. */
export function decodeEntryBundle(data: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  let o = 0;
  while (o < data.length) {
    if (o + 2 > data.length) throw new LedgerError('MALFORMED', 'entry bundle truncated in a length prefix');
    const len = (data[o]! << 8) | data[o + 1]!;
    if (o + 2 + len > data.length) throw new LedgerError('MALFORMED', 'entry bundle truncated in an entry');
    out.push(data.subarray(o + 2, o + 2 + len));
    o += 2 + len;
  }
  if (out.length > TILE_WIDTH) throw new LedgerError('MALFORMED', 'entry bundle holds more than 256 entries');
  return out;
}
