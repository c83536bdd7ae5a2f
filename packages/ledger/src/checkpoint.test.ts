import { describe, expect, it } from 'vitest';
import { base64Encode, hexDecode } from './bytes.ts';
import { formatCheckpoint, openCheckpoint, parseCheckpoint, signCheckpoint } from './checkpoint.ts';
import { LedgerError } from './errors.ts';
import { generateKeyPair } from './keys.ts';
import { ed25519NoteSigner, ed25519NoteVerifier } from './note.ts';
import { loadJsonFixture } from './testing/vectors.ts';

interface Derived {
  kind: string;
  logVkey?: string;
  body?: string;
  note?: string;
}
const vectors = loadJsonFixture<{ derived: Derived[] }>('signed_note_vectors.json');
const roots = loadJsonFixture<{ rootHashes_by_treeSize: Record<string, string> }>(
  'rfc6962_vectors.json',
).rootHashes_by_treeSize;
const checkpoints = vectors.derived.filter((d) => d.kind.startsWith('checkpoint'));
const PETER_SKEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';

describe('derived checkpoint vectors', () => {
  it('has both checkpoints', () => expect(checkpoints).toHaveLength(2));

  it.each(checkpoints)('verifies and parses $body', async (v) => {
    const { checkpoint } = await openCheckpoint(
      v.note!,
      [ed25519NoteVerifier(v.logVkey!)],
      'example.org/charity-test-log',
    );
    expect(base64Encode(checkpoint.rootHash)).toBe(base64Encode(hexDecode(roots[String(checkpoint.size)]!)));
    expect(formatCheckpoint(checkpoint)).toBe(v.body);
  });

  it.each(checkpoints)('re-signs $body byte for byte with the same (public test) seed', async (v) => {
    // The vector's log key reuses the PeterNeumann seed under the name example.org/charity-test-log.
    const seed = PETER_SKEY.split('+').slice(4).join('+');
    const { name, keyId } = ed25519NoteVerifier(v.logVkey!);
    const skey = `PRIVATE+KEY+${name}+${keyId.toString(16).padStart(8, '0')}+${seed}`;
    expect(await signCheckpoint(parseCheckpoint(v.body!), [await ed25519NoteSigner(skey)])).toBe(v.note);
  });

  it('rejects the checkpoint for another origin', async () => {
    const v = checkpoints[0]!;
    await expect(openCheckpoint(v.note!, [ed25519NoteVerifier(v.logVkey!)], 'example.org/other')).rejects.toThrow(
      LedgerError,
    );
  });
});

describe('checkpoint text', () => {
  const root = base64Encode(new Uint8Array(32).fill(7));

  it('round-trips extension lines', () => {
    const cp = parseCheckpoint(`o\n0\n${root}\nextra one\nextra two\n`);
    expect(cp.extensions).toEqual(['extra one', 'extra two']);
    expect(formatCheckpoint(cp)).toBe(`o\n0\n${root}\nextra one\nextra two\n`);
  });

  it.each([
    ['no final newline', `o\n1\n${root}`],
    ['two lines', `o\n1\n`],
    ['empty origin', `\n1\n${root}\n`],
    ['leading zero', `o\n01\n${root}\n`],
    ['negative size', `o\n-1\n${root}\n`],
    ['size over 2^64-1', `o\n18446744073709551616\n${root}\n`],
    ['short root', `o\n1\n${base64Encode(new Uint8Array(31))}\n`],
    ['unpadded root', `o\n1\n${root.slice(0, -1)}\n`],
    ['empty extension line', `o\n1\n${root}\n\nx\n`],
  ])('rejects %s', (_why, text) => {
    expect(() => parseCheckpoint(text)).toThrow(LedgerError);
  });

  it('signs and opens with a fresh key; a second, unknown signature is ignored', async () => {
    const log = await generateKeyPair('example.org/log');
    const other = await generateKeyPair('example.org/other');
    const cp = { origin: 'example.org/log', size: 5n, rootHash: new Uint8Array(32), extensions: [] };
    const note = await signCheckpoint(cp, [await ed25519NoteSigner(log.skey), await ed25519NoteSigner(other.skey)]);
    const opened = await openCheckpoint(note, [ed25519NoteVerifier(log.vkey)]);
    expect(opened.checkpoint.size).toBe(5n);
    expect(opened.note.unverified).toHaveLength(1);
  });
});
