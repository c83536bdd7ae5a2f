import { describe, expect, it } from 'vitest';
import { base64Encode } from './bytes.ts';
import { signCheckpoint } from './checkpoint.ts';
import { cosignatureVerifier, cosigner } from './cosignature.ts';
import { hashLeaf, merkleRoot } from './hash.ts';
import { generateKeyPair, SIG_TYPE_COSIGNATURE_V1 } from './keys.ts';
import { ed25519NoteSigner, ed25519NoteVerifier, openNote } from './note.ts';
import { consistencyProof } from './proof.ts';
import { handleAddCheckpoint, memoryWitnessStore, type AddCheckpointDeps } from './witness.ts';
import { formatAddCheckpointRequest, requestCosignature, type FetchLike } from './witness-client.ts';

const ORIGIN = 'example.org/log';
const leaves = Array.from({ length: 20 }, (_, i) => hashLeaf(new Uint8Array([i])));

async function setup() {
  const log = await generateKeyPair(ORIGIN);
  const w = await generateKeyPair('witness.example/w1', SIG_TYPE_COSIGNATURE_V1);
  const logSigner = await ed25519NoteSigner(log.skey);
  const store = memoryWitnessStore();
  const deps: AddCheckpointDeps = {
    logs: new Map([[ORIGIN, [ed25519NoteVerifier(log.vkey)]]]),
    store,
    cosigners: [await cosigner(w.skey, () => 1700000000n)],
  };
  const checkpoint = (size: number, origin = ORIGIN, signer = logSigner) =>
    signCheckpoint({ origin, size: BigInt(size), rootHash: merkleRoot(leaves.slice(0, size)), extensions: [] }, [
      signer,
    ]);
  const submit = (old: number, to: number, note: string, proof = consistencyProof(leaves, BigInt(old), BigInt(to))) =>
    handleAddCheckpoint(formatAddCheckpointRequest(BigInt(old), proof, note), deps);
  return { log, w, deps, store, checkpoint, submit, logSigner };
}

describe('add-checkpoint handler', () => {
  it('cosigns a first checkpoint from old size 0 and then a consistent successor', async () => {
    const { w, checkpoint, submit, store } = await setup();
    const cp5 = await checkpoint(5);
    const first = await submit(0, 5, cp5, []);
    expect(first.status).toBe(200);
    const opened = await openNote(cp5 + first.body, [cosignatureVerifier(w.vkey)]);
    expect(opened.verified).toHaveLength(1);
    expect(store.records.get(ORIGIN)?.size).toBe(5n);
    expect((await submit(5, 12, await checkpoint(12))).status).toBe(200);
    expect((await submit(12, 12, await checkpoint(12), [])).status).toBe(200);
  });

  it('answers 409 with the known size as text/x.tlog.size on a stale old size', async () => {
    const { checkpoint, submit } = await setup();
    await submit(0, 8, await checkpoint(8), []);
    const res = await submit(5, 12, await checkpoint(12));
    expect(res).toEqual({ status: 409, contentType: 'text/x.tlog.size', body: '8\n' });
    expect((await submit(0, 12, await checkpoint(12), [])).status).toBe(409);
  });

  it('answers 409 when the size is unchanged but the root differs (a fork)', async () => {
    const { checkpoint, submit, logSigner } = await setup();
    await submit(0, 8, await checkpoint(8), []);
    const forked = await signCheckpoint(
      { origin: ORIGIN, size: 8n, rootHash: new Uint8Array(32).fill(1), extensions: [] },
      [logSigner],
    );
    expect((await submit(8, 8, forked, [])).status).toBe(409);
  });

  it('answers 422 when the consistency proof does not verify, and keeps its state', async () => {
    const { checkpoint, submit, store } = await setup();
    await submit(0, 8, await checkpoint(8), []);
    const proof = consistencyProof(leaves, 8n, 12n);
    proof[0] = new Uint8Array(32);
    expect((await submit(8, 12, await checkpoint(12), proof)).status).toBe(422);
    expect((await submit(0, 4, await checkpoint(4), [new Uint8Array(32)])).status).toBe(409);
    expect(store.records.get(ORIGIN)?.size).toBe(8n);
  });

  it('answers 404 for an unknown origin and 403 without a trusted signature', async () => {
    const { checkpoint, submit } = await setup();
    const other = await ed25519NoteSigner((await generateKeyPair('example.org/other')).skey);
    expect((await submit(0, 3, await checkpoint(3, 'example.org/other', other), [])).status).toBe(404);
    const impostor = await ed25519NoteSigner((await generateKeyPair(ORIGIN)).skey);
    expect((await submit(0, 3, await checkpoint(3, ORIGIN, impostor), [])).status).toBe(403);
  });

  it.each([
    ['no old line', (cp: string) => `\n${cp}`],
    ['old size with a leading zero', (cp: string) => `old 01\n\n${cp}`],
    ['a proof line that is not a hash', (cp: string) => `old 0\nAAAA\n\n${cp}`],
    ['64 proof lines', (cp: string) => `old 0\n${`${base64Encode(new Uint8Array(32))}\n`.repeat(64)}\n${cp}`],
    ['a note without signatures', () => `old 0\n\n${ORIGIN}\n3\n${base64Encode(new Uint8Array(32))}\n`],
    ['invalid UTF-8', () => new Uint8Array([0x6f, 0x6c, 0x64, 0x20, 0x30, 0x0a, 0x0a, 0xff])],
  ])('answers 400 for %s', async (_why, build) => {
    const { checkpoint, deps } = await setup();
    const res = await handleAddCheckpoint(build(await checkpoint(3)), deps);
    expect(res.status).toBe(400);
  });

  it('answers 400 when the old size exceeds the checkpoint size', async () => {
    const { checkpoint, submit } = await setup();
    expect((await submit(9, 9, await checkpoint(3), [])).status).toBe(400);
  });

  it('never rolls back when two submissions race', async () => {
    const { checkpoint, submit, store } = await setup();
    await submit(0, 4, await checkpoint(4), []);
    const [a, b] = await Promise.all([submit(4, 6, await checkpoint(6)), submit(4, 15, await checkpoint(15))]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const winner = a.status === 200 ? 6n : 15n;
    expect(store.records.get(ORIGIN)?.size).toBe(winner);
  });
});

describe('witness client', () => {
  it('recovers from 409 by re-proving from the witness size, and returns only verified cosignatures', async () => {
    const { w, deps, checkpoint, submit } = await setup();
    await submit(0, 7, await checkpoint(7), []);
    const calls: string[] = [];
    const fetch: FetchLike = async (url, init) => {
      calls.push(url);
      const res = await handleAddCheckpoint(init.body, deps);
      return { status: res.status, headers: { get: () => res.contentType }, text: async () => res.body };
    };
    const cp = await checkpoint(20);
    const out = await requestCosignature({
      url: 'https://witness.example/',
      signedCheckpoint: cp,
      witnessVerifiers: [cosignatureVerifier(w.vkey)],
      consistencyProof: async (m, n) => consistencyProof(leaves, m, n),
      fetch,
    });
    expect(calls).toEqual(['https://witness.example/add-checkpoint', 'https://witness.example/add-checkpoint']);
    expect(out.oldSize).toBe(7n);
    expect(out.lines).toHaveLength(1);
    const opened = await openNote(out.cosignedCheckpoint, [cosignatureVerifier(w.vkey)]);
    expect(opened.verified).toHaveLength(1);
  });

  it('refuses cosignatures from a witness key it does not trust', async () => {
    const { deps, checkpoint } = await setup();
    const stranger = await generateKeyPair('witness.example/w1', SIG_TYPE_COSIGNATURE_V1);
    const fetch: FetchLike = async (_url, init) => {
      const res = await handleAddCheckpoint(init.body, deps);
      return { status: res.status, headers: { get: () => res.contentType }, text: async () => res.body };
    };
    await expect(
      requestCosignature({
        url: 'https://w',
        signedCheckpoint: await checkpoint(3),
        witnessVerifiers: [cosignatureVerifier(stranger.vkey)],
        consistencyProof: async () => [],
        fetch,
      }),
    ).rejects.toThrow(/no signature from a known key/);
  });
});
