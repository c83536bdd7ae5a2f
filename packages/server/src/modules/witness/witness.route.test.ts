import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  consistencyProofFromTiles,
  cosignatureVerifier,
  ed25519NoteSigner,
  ed25519NoteVerifier,
  formatAddCheckpointRequest,
  generateKeyPair,
  openNote,
  parseVerifierKey,
  SIG_TYPE_COSIGNATURE_V1,
  signCheckpoint,
  tilePath,
  treeRootFromTiles,
  type FetchLike,
  type NoteSigner,
  type TileReader,
} from '@commonweal/ledger';
import { testApp, type TestApp } from '../../testing/app.ts';
import { serveTileLog, writeTileLog, type StaticServer, type TileLogDir } from '../../testing/tile-log-dir.ts';
import { logSource } from '../ledger-verify/index.ts';
import { witnessStore } from './repo.ts';
import { submitToWitnesses, tileProofSource, witnessSubmitter } from './submit.ts';

const ORIGIN = 'ngo-a.example/ledger';
const entry = (i: number, fork = '') => new TextEncoder().encode(`{"n":${i},"type":"donation.received"${fork}}`);
const entries = (from: number, to: number, fork = '') =>
  Array.from({ length: to - from }, (_, k) => entry(from + k, fork));

let t: TestApp;
let root: string;
let witnessUrl: string;
let witnessKey: string;
let log: { skey: string; vkey: string };
let signer: NoteSigner;
let honest: TileLogDir;
let honestServer: StaticServer;
const servers: StaticServer[] = [];

/** The log's tiles read back over HTTP, as a log's proof source would read them from storage. */
function httpTiles(url: string): TileReader {
  const source = logSource(url);
  return async (tile) => {
    const data = (await source.get(tilePath(tile))) ?? (await source.get(tilePath({ ...tile, width: 256 })));
    if (!data) throw new Error(`missing ${tilePath(tile)}`);
    return data;
  };
}

async function servedLog(list: Uint8Array[]) {
  const dir = await mkdtemp(path.join(root, 'log-'));
  const built = await writeTileLog({ dir, origin: ORIGIN, signer, verifierKey: log.vkey, entries: list });
  const server = await serveTileLog(dir);
  servers.push(server);
  return { built, server };
}

const post = (body: string, contentType = 'text/plain') =>
  fetch(`${witnessUrl}/add-checkpoint`, { method: 'POST', headers: { 'content-type': contentType }, body });

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'cw-witness-'));
  log = await generateKeyPair(ORIGIN);
  signer = await ed25519NoteSigner(log.skey);
  t = await testApp({ env: { WITNESS_LOGS: log.vkey, PUBLIC_URL: 'https://ngo-b.example' } });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  witnessUrl = `http://127.0.0.1:${address.port}/ledger/witness`;
  ({ built: honest, server: honestServer } = await servedLog(entries(0, 300)));
});

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await t?.close();
  await rm(root, { recursive: true, force: true });
});

describe('witness', () => {
  it('publishes a cosignature/v1 key generated once and kept', async () => {
    const first = await t.app.inject({ method: 'GET', url: '/ledger/witness/key' });
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toMatch(/^text\/plain/);
    witnessKey = first.body.trim();
    const key = parseVerifierKey(witnessKey);
    expect(key).toMatchObject({ name: 'ngo-b.example/witness', type: SIG_TYPE_COSIGNATURE_V1 });
    expect((await t.app.inject({ method: 'GET', url: '/ledger/witness/key' })).body.trim()).toBe(witnessKey);
    const openapi = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(Object.keys(openapi.paths)).toEqual(
      expect.arrayContaining(['/ledger/witness/add-checkpoint', '/ledger/witness/key', '/ledger/witness/logs']),
    );
    const logs = await t.app.inject({ method: 'GET', url: '/ledger/witness/logs' });
    expect(logs.json()).toEqual({
      verifierKey: witnessKey,
      logs: [{ origin: ORIGIN, verifierKeys: [log.vkey], size: '0', rootHash: null, updatedAt: null }],
    });
  });

  it('cosigns a first checkpoint, then a grown one after a 409 tells the client its size', async () => {
    const witnesses = [{ url: witnessUrl, verifierKey: witnessKey }];
    const proofs = tileProofSource(httpTiles(honestServer.url));
    const first = await submitToWitnesses(honest.checkpoint, proofs, { witnesses });
    expect(first.outcomes).toMatchObject([{ cosigned: true, oldSize: 0n }]);
    const opened = await openNote(first.cosignedCheckpoint, [
      ed25519NoteVerifier(log.vkey),
      cosignatureVerifier(witnessKey),
    ]);
    expect(opened.verified).toHaveLength(2);

    honest = await writeTileLog({
      dir: honest.dir,
      origin: ORIGIN,
      signer,
      verifierKey: log.vkey,
      entries: entries(300, 700),
      previousEntries: entries(0, 300),
      from: honest,
    });
    const knownSizes = new Map<string, bigint>(); // a restarted log knows nothing: the witness says 300
    const grown = await submitToWitnesses(honest.checkpoint, proofs, { witnesses, knownSizes });
    expect(grown.outcomes).toMatchObject([{ cosigned: true, oldSize: 300n }]);
    expect(knownSizes.get(witnessUrl)).toBe(700n);
    expect((await openNote(grown.cosignedCheckpoint, [cosignatureVerifier(witnessKey)])).verified).toHaveLength(1);
    const logs = (await t.app.inject({ method: 'GET', url: '/ledger/witness/logs' })).json();
    expect(logs.logs[0]).toMatchObject({ size: '700', rootHash: Buffer.from(honest.rootHash).toString('base64') });
  });

  it('answers a stale old size with 409 and the size it knows, as text/x.tlog.size', async () => {
    const proof = await consistencyProofFromTiles(honest.read, 300n, 700n);
    const response = await post(formatAddCheckpointRequest(300n, proof, honest.checkpoint));
    expect(response.status).toBe(409);
    expect(response.headers.get('content-type')).toMatch(/^text\/x\.tlog\.size/);
    expect(await response.text()).toBe('700\n');
  });

  it('refuses a forked checkpoint, of a larger size (422) or of the same size (409)', async () => {
    const witnesses = [{ url: witnessUrl, verifierKey: witnessKey }];
    const bigger = await servedLog(entries(0, 900, ',"fork":1'));
    const refused = await submitToWitnesses(bigger.built.checkpoint, tileProofSource(bigger.built.read), {
      witnesses,
      knownSizes: new Map([[witnessUrl, 700n]]),
    });
    expect(refused.outcomes).toMatchObject([{ cosigned: false, error: expect.stringMatching(/422/) }]);
    expect(refused.cosignedCheckpoint).toBe(bigger.built.checkpoint);
    const same = await servedLog(entries(0, 700, ',"fork":2'));
    const sameSize = await submitToWitnesses(same.built.checkpoint, tileProofSource(same.built.read), { witnesses });
    expect(sameSize.outcomes).toMatchObject([{ cosigned: false, error: expect.stringMatching(/409/) }]);
    const logs = (await t.app.inject({ method: 'GET', url: '/ledger/witness/logs' })).json();
    expect(logs.logs[0].size).toBe('700');
  });

  it('answers 404 for an unknown log, 403 for a bad signature and 400 for a malformed request', async () => {
    const stranger = await generateKeyPair('stranger.example/log');
    const unknown = await signCheckpoint(
      { origin: 'stranger.example/log', size: 1n, rootHash: new Uint8Array(32), extensions: [] },
      [await ed25519NoteSigner(stranger.skey)],
    );
    expect((await post(formatAddCheckpointRequest(0n, [], unknown))).status).toBe(404);
    const impostor = await ed25519NoteSigner((await generateKeyPair(ORIGIN)).skey);
    const forged = await signCheckpoint({ origin: ORIGIN, size: 800n, rootHash: new Uint8Array(32), extensions: [] }, [
      impostor,
    ]);
    expect((await post(formatAddCheckpointRequest(700n, [], forged))).status).toBe(403);
    const malformed = await post('old seven\n\nnot a checkpoint');
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('content-type')).toMatch(/^text\/plain/);
    expect((await post('{"old": 1}', 'application/json')).status).toBe(400);
  });

  it('lets only one of two concurrent submissions advance from the same size', async () => {
    honest = await writeTileLog({
      dir: honest.dir,
      origin: ORIGIN,
      signer,
      verifierKey: log.vkey,
      entries: entries(700, 900),
      previousEntries: entries(0, 700),
      from: honest,
    });
    const root800 = await treeRootFromTiles(honest.read, 800n);
    const cp800 = await signCheckpoint({ origin: ORIGIN, size: 800n, rootHash: root800, extensions: [] }, [signer]);
    const [a, b] = await Promise.all([
      post(formatAddCheckpointRequest(700n, await consistencyProofFromTiles(honest.read, 700n, 800n), cp800)),
      post(
        formatAddCheckpointRequest(700n, await consistencyProofFromTiles(honest.read, 700n, 900n), honest.checkpoint),
      ),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
  });

  it('stores state with a compare-and-set, so racing replaces from one size cannot both win', async () => {
    const store = witnessStore(
      t.deps.db,
      () => 'key',
      () => new Date(),
    );
    const next = (size: bigint) => ({
      size,
      rootHash: new Uint8Array(32).fill(Number(size % 251n)),
      checkpoint: `${size}`,
    });
    const fresh = await Promise.all([
      store.replace('race.example/log', 0n, next(5n)),
      store.replace('race.example/log', 0n, next(6n)),
    ]);
    expect(fresh.filter(Boolean)).toHaveLength(1);
    const known = (await store.latest('race.example/log'))!.size;
    const grown = await Promise.all([
      store.replace('race.example/log', known, next(10n)),
      store.replace('race.example/log', known, next(11n)),
    ]);
    expect(grown.filter(Boolean)).toHaveLength(1);
    expect(await store.replace('race.example/log', known, next(12n))).toBe(false);
    expect([10n, 11n]).toContain((await store.latest('race.example/log'))!.size);
  });

  it('gives the log a submitter that remembers sizes, so only its first submission meets a 409', async () => {
    const statuses: number[] = [];
    const counting: FetchLike = async (url, init) => {
      const response = await fetch(url, init);
      statuses.push(response.status);
      return response;
    };
    const grow = async (from: number, to: number) => {
      honest = await writeTileLog({
        dir: honest.dir,
        origin: ORIGIN,
        signer,
        verifierKey: log.vkey,
        entries: entries(from, to),
        previousEntries: entries(0, from),
        from: honest,
      });
    };
    await grow(900, 950);
    const submitter = witnessSubmitter({
      witnesses: [{ url: witnessUrl, verifierKey: witnessKey }],
      proofs: tileProofSource(honest.read),
      fetch: counting,
    });
    expect((await submitter.submit(honest.checkpoint)).outcomes).toMatchObject([{ cosigned: true }]);
    expect(statuses).toEqual([409, 200]);
    await grow(950, 1000);
    expect((await submitter.submit(honest.checkpoint)).outcomes).toMatchObject([{ cosigned: true, oldSize: 950n }]);
    expect(statuses).toEqual([409, 200, 200]);
  });

  it('keeps the cosignatures it got when another witness is down', async () => {
    const witnesses = [
      { url: 'http://127.0.0.1:1/ledger/witness', verifierKey: witnessKey },
      { url: witnessUrl, verifierKey: witnessKey },
    ];
    const result = await submitToWitnesses(honest.checkpoint, tileProofSource(honest.read), { witnesses });
    expect(result.outcomes).toMatchObject([
      { url: witnesses[0]!.url, cosigned: false },
      { url: witnessUrl, cosigned: true },
    ]);
    expect((await openNote(result.cosignedCheckpoint, [cosignatureVerifier(witnessKey)])).verified).toHaveLength(1);
  });
});
