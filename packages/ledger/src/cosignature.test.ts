import { describe, expect, it } from 'vitest';
import { openCheckpoint } from './checkpoint.ts';
import { cosignatureMessage, cosignatureTimestamp, cosigner, cosignatureVerifier } from './cosignature.ts';
import { LedgerError } from './errors.ts';
import { generateKeyPair, SIG_TYPE_COSIGNATURE_V1 } from './keys.ts';
import { addSignatureLines, ed25519NoteVerifier, openNote, parseNote, parseSignatureLine, signNote } from './note.ts';
import { loadJsonFixture } from './testing/vectors.ts';
import { verifierFromKey } from './verifiers.ts';

interface Derived {
  kind: string;
  logVkey?: string;
  witnessVkey?: string;
  timestamp?: number;
  signedMessage?: string;
  signatureLine?: string;
  note?: string;
}
const derived = loadJsonFixture<{ derived: Derived[] }>('signed_note_vectors.json').derived;
const cos = derived.find((d) => d.kind.startsWith('cosignature/v1'))!;
const size8 = derived.find((d) => d.note?.includes('\n8\n'))!;

describe('cosignature/v1 derived vector', () => {
  it('is present once', () => expect(derived.filter((d) => d.kind.startsWith('cosignature/v1'))).toHaveLength(1));

  it('builds the signed message from the spec layout', () => {
    const text = parseNote(size8.note!).text;
    expect(new TextDecoder().decode(cosignatureMessage(text, 1700000000n))).toBe(cos.signedMessage);
  });

  it('verifies the witness line on the size-8 checkpoint and reads its timestamp', async () => {
    const note = addSignatureLines(size8.note!, [cos.signatureLine!]);
    const opened = await openNote(note, [cosignatureVerifier(cos.witnessVkey!)]);
    expect(opened.verified).toHaveLength(1);
    expect(cosignatureTimestamp(opened.verified[0]!)).toBe(BigInt(cos.timestamp!));
    // The log signature is still there and verifies with the log key; both keys together verify both lines.
    const both = await openCheckpoint(note, [verifierFromKey(size8.logVkey!), verifierFromKey(cos.witnessVkey!)]);
    expect(both.note.verified).toHaveLength(2);
  });

  it('reproduces the cosignature byte for byte with the (public test) seed and fixed clock', async () => {
    const { name, keyId } = cosignatureVerifier(cos.witnessVkey!);
    // Same seed as the PeterNeumann test key, with type byte 0x04 instead of 0x01.
    const seed = atob('AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz').slice(1);
    const typed = btoa(String.fromCharCode(SIG_TYPE_COSIGNATURE_V1) + seed);
    const skey = `PRIVATE+KEY+${name}+${keyId.toString(16).padStart(8, '0')}+${typed}`;
    const signer = await cosigner(skey, () => 1700000000n);
    const text = parseNote(size8.note!).text;
    const line = (await signNote(text, [signer])).slice(text.length + 1, -1);
    expect(line).toBe(cos.signatureLine);
  });

  it('does not accept a cosignature as a plain Ed25519 note signature, nor with a changed timestamp', async () => {
    const sig = parseSignatureLine(cos.signatureLine!);
    const v = cosignatureVerifier(cos.witnessVkey!);
    const text = new TextEncoder().encode(parseNote(size8.note!).text);
    expect(await v.verify(text, sig.signature)).toBe(true);
    const shifted = sig.signature.slice();
    shifted[7]! ^= 1;
    expect(await v.verify(text, shifted)).toBe(false);
    expect(await v.verify(text, sig.signature.subarray(8))).toBe(false);
  });
});

describe('cosigner keys', () => {
  it('round-trips with a fresh key and rejects the wrong key type', async () => {
    const w = await generateKeyPair('witness.example/w', SIG_TYPE_COSIGNATURE_V1);
    const signer = await cosigner(w.skey, () => 42n);
    const note = await signNote('o\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n', [signer]);
    const opened = await openNote(note, [cosignatureVerifier(w.vkey)]);
    expect(cosignatureTimestamp(opened.verified[0]!)).toBe(42n);
    expect(() => ed25519NoteVerifier(w.vkey)).toThrow(LedgerError);
    await expect(cosigner((await generateKeyPair('log')).skey)).rejects.toThrow(LedgerError);
  });
});
