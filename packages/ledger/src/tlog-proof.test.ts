import { describe, expect, it } from 'vitest';
import { base64Encode } from './bytes.ts';
import { signCheckpoint } from './checkpoint.ts';
import { cosignatureVerifier, cosigner } from './cosignature.ts';
import { LedgerError } from './errors.ts';
import { hashLeaf, merkleRoot } from './hash.ts';
import { generateKeyPair, SIG_TYPE_COSIGNATURE_V1 } from './keys.ts';
import { ed25519NoteSigner, ed25519NoteVerifier, signNote } from './note.ts';
import { inclusionProof } from './proof.ts';
import { formatTlogProof, parseTlogProof, verifyTlogProof } from './tlog-proof.ts';

const ORIGIN = 'example.org/log';
const entries = Array.from({ length: 11 }, (_, i) => new TextEncoder().encode(`{"n":${i}}`));
const leaves = entries.map(hashLeaf);

async function fixture() {
  const log = await generateKeyPair(ORIGIN);
  const w = await generateKeyPair('witness.example/w', SIG_TYPE_COSIGNATURE_V1);
  const body = `${ORIGIN}\n11\n${base64Encode(merkleRoot(leaves))}\n`;
  const logSigned = await signCheckpoint({ origin: ORIGIN, size: 11n, rootHash: merkleRoot(leaves), extensions: [] }, [
    await ed25519NoteSigner(log.skey),
  ]);
  const cosig = (await signNote(body, [await cosigner(w.skey)])).slice(body.length + 1);
  const checkpoint = logSigned + cosig;
  const file = formatTlogProof({ index: 6n, proof: inclusionProof(leaves, 6n), checkpoint, extra: entries[6]! });
  const opts = {
    origin: ORIGIN,
    logVerifiers: [ed25519NoteVerifier(log.vkey)],
    witnesses: [cosignatureVerifier(w.vkey)],
  };
  return { file, opts, checkpoint };
}

describe('tlog-proof', () => {
  it('writes the spec layout and parses it back', async () => {
    const { file, checkpoint } = await fixture();
    const lines = file.split('\n');
    expect(lines[0]).toBe('c2sp.org/tlog-proof@v1');
    expect(lines[1]).toBe(`extra ${base64Encode(entries[6]!)}`);
    expect(lines[2]).toBe('index 6');
    expect(file.endsWith(`\n\n${checkpoint}`)).toBe(true);
    const p = parseTlogProof(file);
    expect(p.index).toBe(6n);
    expect(p.proof).toHaveLength(4);
    expect(p.checkpoint).toBe(checkpoint);
  });

  it('verifies the entry with a witness quorum, and the extra data round-trips', async () => {
    const { file, opts } = await fixture();
    const v = await verifyTlogProof(file, { ...opts, entry: entries[6]!, quorum: 1 });
    expect(v.checkpoint.size).toBe(11n);
    expect(v.cosignatures).toHaveLength(1);
    expect(v.extra).toEqual(entries[6]);
  });

  it('rejects another entry, a missing quorum, a wrong origin and a tampered proof', async () => {
    const { file, opts } = await fixture();
    await expect(verifyTlogProof(file, { ...opts, entry: entries[5]! })).rejects.toThrow(LedgerError);
    await expect(verifyTlogProof(file, { ...opts, entry: entries[6]!, quorum: 2 })).rejects.toThrow(/cosignatures/);
    await expect(verifyTlogProof(file, { ...opts, origin: 'x', entry: entries[6]! })).rejects.toThrow(LedgerError);
    const lines = file.split('\n');
    lines[3] = base64Encode(new Uint8Array(32));
    await expect(verifyTlogProof(lines.join('\n'), { ...opts, entry: entries[6]! })).rejects.toThrow(LedgerError);
  });

  it.each([
    ['wrong header', (f: string) => f.replace('tlog-proof@v1', 'tlog-proof@v2')],
    ['index with leading zero', (f: string) => f.replace('index 6', 'index 06')],
    ['no index', (f: string) => f.replace('index 6\n', '')],
    ['a short proof line', (f: string) => f.replace('index 6\n', 'index 6\nAAAA\n')],
    ['no checkpoint', (f: string) => f.slice(0, f.indexOf('\n\n') + 2)],
  ])('rejects %s', async (_why, mutate) => {
    const { file } = await fixture();
    expect(() => parseTlogProof(mutate(file))).toThrow(LedgerError);
  });
});
