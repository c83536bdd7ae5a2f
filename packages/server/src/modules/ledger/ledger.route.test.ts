import {
  base64Decode,
  bytesEqual,
  decodeEntryBundle,
  ed25519NoteVerifier,
  hashLeaf,
  openCheckpoint,
  entryBundlePath,
  tilePath,
  treeRootFromTiles,
  verifyConsistency,
  verifyInclusion,
  type Checkpoint,
  type TileReader,
} from '@commonweal/ledger';
import { asc } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { testApp, type TestApp } from '../../testing/app.ts';
import { buildOrg, type TestOrg } from '../../testing/factories.ts';
import { recordLedgerEntries, type LedgerEntryInput } from './outbox.ts';
import type { SignedCheckpoint } from './log.ts';
import { ledgerLeaves } from './tables.ts';

let t: TestApp;
let org: TestOrg;
let vkey: string;
const hooked: SignedCheckpoint[] = [];
let subject = 0;

beforeAll(async () => {
  t = await testApp({ jobs: true });
  org = await buildOrg(t);
  t.deps.ledger.onCheckpoint((c) => hooked.push(c));
});
afterAll(() => t?.close());

const get = (url: string) => t.app.inject({ method: 'GET', url });

const donation = (amount: number): LedgerEntryInput => ({
  orgId: org.org.id,
  type: 'donation.received',
  subjectType: 'gift',
  subjectId: ++subject,
  payload: { amount, currency: 'CNY', channel: '微信支付' },
});

/** The business write path: a transaction that records its events in the outbox. */
async function writeDonations(count: number): Promise<string[]> {
  const codes = await t.deps.db.transaction((tx) =>
    recordLedgerEntries(
      tx,
      Array.from({ length: count }, (_, i) => donation(100 + i)),
    ),
  );
  return codes.map((c) => c.code);
}

async function signedCheckpoint(): Promise<Checkpoint & { note: string }> {
  const response = await get('/ledger/checkpoint');
  expect(response.statusCode).toBe(200);
  const { checkpoint } = await openCheckpoint(response.body, [ed25519NoteVerifier(vkey)], 'localhost:3000/ledger');
  return { ...checkpoint, note: response.body };
}

async function waitForSize(size: number, timeoutMs = 10_000): Promise<Checkpoint & { note: string }> {
  const started = Date.now();
  for (;;) {
    const checkpoint = await signedCheckpoint();
    if (checkpoint.size >= BigInt(size)) return checkpoint;
    if (Date.now() - started > timeoutMs) throw new Error(`checkpoint stayed at ${checkpoint.size}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

// Tiles fetched over HTTP, as any tlog-tiles client would.
const httpTiles: TileReader = async (tile) => {
  const response = await get(`/ledger/${tilePath(tile)}`);
  if (response.statusCode !== 200) throw new Error(`${tilePath(tile)}: ${response.statusCode}`);
  return new Uint8Array(response.rawPayload);
};

describe('the transparency log', () => {
  it('publishes a signed checkpoint of the empty log, and its verifier key', async () => {
    await expect.poll(async () => (await get('/ledger/key')).statusCode, { timeout: 10_000 }).toBe(200);
    const key = await get('/ledger/key');
    expect(key.headers['content-type']).toMatch(/^text\/plain/);
    expect(key.headers['access-control-allow-origin']).toBe('*');
    expect(key.headers['cross-origin-resource-policy']).toBe('cross-origin');
    vkey = key.body.trim();
    expect(vkey).toMatch(/^localhost:3000\/ledger\+[0-9a-f]{8}\+/);
    const checkpoint = await signedCheckpoint();
    expect(checkpoint.origin).toBe('localhost:3000/ledger');
  });

  it('puts a committed entry in a signed checkpoint within 2 s when idle', async () => {
    const before = (await signedCheckpoint()).size;
    const started = Date.now();
    await writeDonations(3);
    const checkpoint = await waitForSize(Number(before) + 3, 2_000);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(checkpoint.size).toBe(before + 3n);
    expect(hooked.at(-1)?.size).toBe(Number(checkpoint.size));
  });

  it('serves tiles and entry bundles that give the signed root and match the database rows', async () => {
    await writeDonations(600);
    const checkpoint = await waitForSize(603);
    const size = checkpoint.size;
    expect(bytesEqual(await treeRootFromTiles(httpTiles, size), checkpoint.rootHash)).toBe(true);

    const rows = await t.deps.db
      .select({ leafIndex: ledgerLeaves.leafIndex, body: ledgerLeaves.body })
      .from(ledgerLeaves)
      .orderBy(asc(ledgerLeaves.leafIndex));
    const logged: string[] = [];
    for (let n = 0n; n * 256n < size; n++) {
      const width = size - n * 256n >= 256n ? 256 : Number(size - n * 256n);
      const response = await get(`/ledger/${entryBundlePath(n, width)}`);
      expect(response.statusCode).toBe(200);
      expect(response.headers['cache-control']).toBe(
        width === 256 ? 'public, max-age=31536000, immutable' : 'public, max-age=5',
      );
      const entries = decodeEntryBundle(new Uint8Array(response.rawPayload));
      logged.push(...entries.map((e) => new TextDecoder().decode(e)));
    }
    expect(logged).toEqual(rows.map((r) => r.body));
    expect(rows.map((r) => r.leafIndex)).toEqual(rows.map((_, i) => i));

    const level0 = await get('/ledger/tile/0/000');
    expect(level0.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(bytesEqual(new Uint8Array(level0.rawPayload).subarray(0, 32), hashLeaf(Buffer.from(rows[0]!.body!)))).toBe(
      true,
    );
    // Partial versions of a tile go once the full tile is published (just after the checkpoint, in the
    // same integration round); the edge stays partial.
    const storage = t.deps.ledger.tiles.storage;
    await vi.waitFor(async () => {
      expect(await storage.size('tile/0/000.p/3')).toBeUndefined();
      expect(await storage.size('tile/entries/000.p/3')).toBeUndefined();
    });
    expect(await storage.size('tile/0/002.p/91')).toBe(91 * 32);
    // A narrower partial tile is a prefix of the wider one.
    const partial = await get('/ledger/tile/0/000.p/7');
    expect(partial.headers['cache-control']).toBe('public, max-age=5');
    expect(new Uint8Array(partial.rawPayload)).toEqual(new Uint8Array(level0.rawPayload).subarray(0, 7 * 32));
  });

  it('lists entries as logged, with codes and leaf hashes', async () => {
    const response = await get('/ledger/entries?start=1&end=3');
    expect(response.statusCode).toBe(200);
    const entries = response.json();
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({ index: 1, entry: { type: 'donation.received', v: 1, org: org.org.id } });
    expect(entries[0].code).toBe(entries[0].entry.code);
    const body = Buffer.from(JSON.stringify(entries[0].entry));
    expect(base64Decode(entries[0].leafHash)).toEqual(hashLeaf(body));
  });

  it('answers inclusion proofs by index and by tracking code, and consistency proofs', async () => {
    const [code] = await writeDonations(1);
    const checkpoint = await waitForSize(604);
    const byIndex = (await get('/ledger/proof/inclusion?index=5')).json();
    expect(byIndex.size).toBe(Number(checkpoint.size));
    verifyInclusion(
      5n,
      checkpoint.size,
      base64Decode(byIndex.leafHash),
      byIndex.proof.map(base64Decode),
      checkpoint.rootHash,
    );

    const byCode = (await get(`/ledger/proof/inclusion?code=${code}`)).json();
    expect(byCode.index).toBe(603);
    verifyInclusion(
      603n,
      checkpoint.size,
      base64Decode(byCode.leafHash),
      byCode.proof.map(base64Decode),
      checkpoint.rootHash,
    );

    const atSize = (await get('/ledger/proof/inclusion?index=1&size=3')).json();
    const old = await treeRootFromTiles(httpTiles, 3n);
    verifyInclusion(1n, 3n, base64Decode(atSize.leafHash), atSize.proof.map(base64Decode), old);

    const consistency = (await get(`/ledger/proof/consistency?from=3&to=${checkpoint.size}`)).json();
    verifyConsistency(3n, checkpoint.size, consistency.proof.map(base64Decode), old, checkpoint.rootHash);
  });

  it('answers bad parameters with 4xx, a stable code and the field, never 500', async () => {
    const cases: [string, number, string, string | undefined][] = [
      ['/ledger/proof/inclusion?index=-1', 400, 'VALIDATION_FAILED', 'querystring.index'],
      ['/ledger/proof/inclusion?index=abc', 400, 'VALIDATION_FAILED', 'querystring.index'],
      ['/ledger/proof/inclusion?index=1&code=0123456789ABCDEF', 400, 'VALIDATION_FAILED', 'querystring.index'],
      ['/ledger/proof/inclusion', 400, 'VALIDATION_FAILED', 'querystring.index'],
      ['/ledger/proof/inclusion?index=99999999', 404, 'LEDGER_BEYOND_CHECKPOINT', 'query.index'],
      ['/ledger/proof/inclusion?index=5&size=3', 400, 'LEDGER_RANGE_INVALID', 'query.index'],
      ['/ledger/proof/inclusion?index=0&size=99999999', 404, 'LEDGER_BEYOND_CHECKPOINT', 'query.size'],
      ['/ledger/proof/inclusion?code=zz', 400, 'VALIDATION_FAILED', 'querystring.code'],
      ['/ledger/proof/inclusion?code=0123456789ABCDEF', 404, 'NOT_FOUND', undefined],
      ['/ledger/proof/consistency?from=9&to=3', 400, 'LEDGER_RANGE_INVALID', 'query.from'],
      ['/ledger/proof/consistency?from=1&to=99999999', 404, 'LEDGER_BEYOND_CHECKPOINT', 'query.to'],
      ['/ledger/proof/consistency?from=1e400', 400, 'VALIDATION_FAILED', 'querystring.from'],
      ['/ledger/entries?start=5&end=5', 400, 'LEDGER_RANGE_INVALID', 'query.end'],
      ['/ledger/entries?start=0&end=5000', 400, 'LEDGER_RANGE_INVALID', 'query.end'],
      ['/ledger/entries?start=0&end=99999999', 400, 'LEDGER_RANGE_INVALID', 'query.end'],
      ['/ledger/entries?start=600&end=700', 404, 'LEDGER_BEYOND_CHECKPOINT', 'query.end'],
      ['/ledger/entries', 400, 'VALIDATION_FAILED', 'querystring.start'],
      ['/ledger/tile/0/1', 400, 'VALIDATION_FAILED', 'params.*'],
      ['/ledger/tile/0/..%2F..%2Fetc', 400, 'VALIDATION_FAILED', 'params.*'],
      ['/ledger/tile/0/000.p/256', 400, 'VALIDATION_FAILED', 'params.*'],
      ['/ledger/tile/0/009', 404, 'NOT_FOUND', undefined],
      ['/ledger/tile/0/002.p/255', 404, 'NOT_FOUND', undefined],
      ['/ledger/tile/entries/x001/000', 404, 'NOT_FOUND', undefined],
      ['/ledger/tile/entries/abc', 400, 'VALIDATION_FAILED', 'params.*'],
    ];
    for (const [url, status, code, path] of cases) {
      const response = await get(url);
      expect({ url, status: response.statusCode }).toEqual({ url, status });
      const { error } = response.json();
      expect({ url, code: error.code }).toEqual({ url, code });
      if (path)
        expect({ url, fields: error.fields.map((f: { path: string }) => f.path) }).toMatchObject({
          url,
          fields: expect.arrayContaining([path]),
        });
    }
  });

  it('documents the read API in the OpenAPI document, as public', async () => {
    const document = (await get('/api/openapi.json')).json();
    for (const path of [
      '/ledger/checkpoint',
      '/ledger/key',
      '/ledger/entries',
      '/ledger/proof/inclusion',
      '/ledger/proof/consistency',
    ]) {
      expect(document.paths[path]?.get?.security).toEqual([]);
    }
  });
});
