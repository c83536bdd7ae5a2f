// Loads the test vectors copied into packages/ledger/fixtures (see fixtures/README.md). Test-only: uses node:fs.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { base64Decode, hexDecode } from '../bytes.ts';

export const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));
export const MERKLE_TESTDATA = join(FIXTURES, 'transparency-dev-merkle', 'testdata');

/** Every JSON file under `dir`, as paths relative to MERKLE_TESTDATA, sorted. */
export function jsonFilesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.json')) out.push(relative(MERKLE_TESTDATA, p));
    }
  };
  walk(join(MERKLE_TESTDATA, dir));
  return out;
}

const INTEGER_FIELDS = /"(leafIdx|treeSize|size1|size2|start|end|size)"\s*:\s*(\d+)/g;

/** A probe from transparency-dev/merkle testdata: integers as bigint (some are 2^64-1), bytes decoded, null proof as []. */
export interface MerkleProbe {
  file: string;
  desc: string;
  wantErr: boolean;
  ints: Record<string, bigint>;
  bytes: Record<string, Uint8Array>;
  proof: Uint8Array[];
}

export function loadMerkleProbe(file: string): MerkleProbe {
  // JSON.parse would round 18446744073709551615 to a double, so integer fields are quoted first.
  const text = readFileSync(join(MERKLE_TESTDATA, file), 'utf8').replace(INTEGER_FIELDS, '"$1":"$2"');
  const raw = JSON.parse(text) as Record<string, unknown>;
  const ints: Record<string, bigint> = {};
  const bytes: Record<string, Uint8Array> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (k === 'desc' || k === 'wantErr' || k === 'proof') continue;
    if (typeof v !== 'string') throw new Error(`${file}: unexpected field ${k}`);
    if (/^\d+$/.test(v) && ['leafIdx', 'treeSize', 'size1', 'size2', 'start', 'end', 'size'].includes(k))
      ints[k] = BigInt(v);
    else bytes[k] = base64Decode(v);
  }
  const proof = ((raw.proof as string[] | null) ?? []).map(base64Decode);
  return { file, desc: String(raw.desc), wantErr: raw.wantErr === true, ints, bytes, proof };
}

export function loadJsonFixture<T>(name: string): T {
  return JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as T;
}

export const hex = hexDecode;
