import { describe, expect, it } from 'vitest';
import { LedgerError } from './errors.ts';
import { generateKeyPair } from './keys.ts';
import { addSignatureLines, ed25519NoteSigner, ed25519NoteVerifier, openNote, parseNote, signNote } from './note.ts';
import { loadJsonFixture } from './testing/vectors.ts';

interface Official {
  source: string;
  vkey?: string;
  skey?: string;
  note?: string;
  signatureLine?: string;
  signedText?: string;
  cases?: string[];
}
const vectors = loadJsonFixture<{ official: Official[] }>('signed_note_vectors.json');
const [c2spExample, peter, enoch, bad] = vectors.official as [Official, Official, Official, Official];

async function rejection(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof LedgerError) return e.code;
    throw e;
  }
  return 'accepted';
}

describe('signed-note official vectors', () => {
  it('has the four official entries and seven malformed cases', () => {
    expect(vectors.official).toHaveLength(4);
    expect(bad.cases).toHaveLength(7);
  });

  it.each([c2spExample, peter])('verifies $source', async (v) => {
    const opened = await openNote(v.note!, [ed25519NoteVerifier(v.vkey!)]);
    expect(opened.text).toBe(v.signedText);
    expect(opened.verified).toHaveLength(1);
    expect(opened.unverified).toHaveLength(0);
  });

  it('reproduces the PeterNeumann signature byte for byte (Ed25519 is deterministic)', async () => {
    const signer = await ed25519NoteSigner(peter.skey!);
    expect(await signNote(peter.signedText!, [signer])).toBe(peter.note);
  });

  it('opens a note signed by Peter and Enoch with only Peter known, reporting Enoch as unverified', async () => {
    const both = addSignatureLines(peter.note!, [enoch.signatureLine!]);
    const opened = await openNote(both, [ed25519NoteVerifier(peter.vkey!)]);
    expect(opened.verified.map((s) => s.name)).toEqual(['PeterNeumann']);
    expect(opened.unverified.map((s) => s.name)).toEqual(['EnochRoot']);
    const withBoth = await openNote(both, [ed25519NoteVerifier(peter.vkey!), ed25519NoteVerifier(enoch.vkey!)]);
    expect(withBoth.verified).toHaveLength(2);
  });

  it('rejects a note when only unknown keys signed it, even one sharing the name but not the key ID', async () => {
    expect(await rejection(openNote(peter.note!, [ed25519NoteVerifier(enoch.vkey!)]))).toBe('NOTE_UNVERIFIED');
    const other = await generateKeyPair('PeterNeumann');
    expect(await rejection(openNote(peter.note!, [ed25519NoteVerifier(other.vkey)]))).toBe('NOTE_UNVERIFIED');
  });

  it('rejects a note whose known-key signature fails', async () => {
    const tampered = peter.note!.replace('cryptography', 'cryptographY');
    expect(await rejection(openNote(tampered, [ed25519NoteVerifier(peter.vkey!)]))).toBe('NOTE_BAD_SIGNATURE');
  });

  // The seven badMsgs of golang/mod note_test.go, built from their descriptions in signed_note_vectors.json.
  const sigLine = peter.note!.slice(peter.note!.lastIndexOf('\u2014'));
  const text = peter.signedText!;
  const malformed: Array<[string, string | Uint8Array]> = [
    ['text with no blank line and no signatures', text],
    ['text + blank line but no signature line', `${text}\n`],
    ['signature line missing final newline', `${text}\n${sigLine.slice(0, -1)}`],
    ['note starting with byte 0x01 (control char)', `\u0001${peter.note!}`],
    ['note starting with byte 0xff (invalid UTF-8)', new Uint8Array([0xff, ...new TextEncoder().encode(peter.note!)])],
    [
      "signature key name containing a space ('Bad Name')",
      `${text}\n\u2014 Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`,
    ],
    ['an extra non-signature line after the signature lines', `${peter.note!}abcd\n`],
  ];

  it('covers every listed malformed case', () => {
    expect(malformed.map(([d]) => d)).toEqual(bad.cases);
  });

  it.each(malformed)('rejects as malformed: %s', async (_desc, note) => {
    expect(() => parseNote(note)).toThrow(LedgerError);
    expect(await rejection(openNote(note, [ed25519NoteVerifier(peter.vkey!)]))).toBe('NOTE_MALFORMED');
  });
});

describe('signing and opening round trip', () => {
  it('signs with several keys and verifies with any subset', async () => {
    const a = await generateKeyPair('example.org/a');
    const b = await generateKeyPair('example.org/b');
    const note = await signNote('hello\n\nworld\n', [await ed25519NoteSigner(a.skey), await ed25519NoteSigner(b.skey)]);
    const opened = await openNote(note, [ed25519NoteVerifier(b.vkey)]);
    expect(opened.text).toBe('hello\n\nworld\n');
    expect(opened.unverified.map((s) => s.name)).toEqual(['example.org/a']);
  });

  it('refuses to sign text that could not be a note', async () => {
    const a = await ed25519NoteSigner((await generateKeyPair('k')).skey);
    await expect(signNote('no newline', [a])).rejects.toThrow(LedgerError);
    await expect(signNote('tab\there\n', [a])).rejects.toThrow(LedgerError);
  });
});
