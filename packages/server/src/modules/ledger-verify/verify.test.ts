import { mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addSignatureLines,
  cosigner,
  ed25519NoteSigner,
  generateKeyPair,
  parseNote,
  SIG_TYPE_COSIGNATURE_V1,
  signCheckpoint,
  signNote,
  type NoteSigner,
} from '@commonweal/ledger';
import { serveTileLog, writeTileLog, type StaticServer } from '../../testing/tile-log-dir.ts';
import { verifyExitCodes } from './errors.ts';
import { verifyOutcome, type VerifyOutcome } from './report.ts';
import type { VerifyOptions } from './verify.ts';

const ORIGIN = 'ngo.example/ledger';
const entry = (i: number, salt = '') =>
  new TextEncoder().encode(JSON.stringify({ type: 'donation.received', amount: 100 + i, n: i, salt }));
const entries = (from: number, to: number, salt = '') =>
  Array.from({ length: to - from }, (_, k) => entry(from + k, salt));

let root: string;
let log: { skey: string; vkey: string };
let signer: NoteSigner;
const servers: StaticServer[] = [];

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'cw-verify-'));
  log = await generateKeyPair(ORIGIN);
  signer = await ed25519NoteSigner(log.skey);
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await rm(root, { recursive: true, force: true });
});

let counter = 0;
async function servedLog(list: Uint8Array[], origin = ORIGIN, withSigner = signer, vkey = log.vkey) {
  const dir = path.join(root, `log-${++counter}`);
  const built = await writeTileLog({ dir, origin, signer: withSigner, verifierKey: vkey, entries: list });
  const server = await serveTileLog(dir);
  servers.push(server);
  return { built, server };
}

const freshState = () => path.join(root, `state-${++counter}`);
const run = (url: string, stateDir: string, extra: Partial<VerifyOptions> = {}) =>
  verifyOutcome({ url, stateDir, http: { backoffMs: 1 }, ...extra });

function failure(outcome: VerifyOutcome) {
  if (outcome.ok) throw new Error(`expected a failure, got ${JSON.stringify(outcome.report)}`);
  return outcome.error;
}

describe('ledger verify', () => {
  it('verifies a good log over HTTP, trusting the published key on first use and saying so', async () => {
    const { built, server } = await servedLog(entries(0, 70_000));
    const warnings: string[] = [];
    const outcome = await run(server.url, freshState(), { warn: (m) => warnings.push(m) });
    if (!outcome.ok) throw new Error(outcome.error.message);
    expect(outcome.report).toMatchObject({
      origin: ORIGIN,
      size: '70000',
      keySource: 'trust-on-first-use',
      verifierKey: log.vkey,
      previous: null,
      entries: 70_000,
      entryBundles: 274,
      hashTiles: 274 + 2 + 1,
    });
    expect(outcome.report.rootHash).toBe(Buffer.from(built.rootHash).toString('base64'));
    expect(warnings.join('\n')).toMatch(/WARNING: .*trusted on first use/);
  });

  it('resumes where the last run stopped, checks the new tree extends the old, and remembers the key', async () => {
    const first = entries(0, 1000);
    const { built, server } = await servedLog(first);
    const state = freshState();
    expect((await run(server.url, state, { key: log.vkey })).ok).toBe(true);
    await writeTileLog({
      dir: built.dir,
      origin: ORIGIN,
      signer,
      verifierKey: log.vkey,
      entries: entries(1000, 1300),
      previousEntries: first,
      from: built,
    });
    server.requests.length = 0;
    const outcome = await run(server.url, state);
    if (!outcome.ok) throw new Error(outcome.error.message);
    expect(outcome.report).toMatchObject({
      size: '1300',
      keySource: 'stored',
      previous: { size: '1000' },
      resumedFrom: '768',
    });
    expect(server.requests).not.toContain('tile/entries/000');
    expect(server.requests).toContain('tile/entries/003');
    const again = await run(server.url, state, { full: true });
    expect(again.ok && again.report.resumedFrom).toBe('0');
  });

  it('reads a file:// directory in the same layout', async () => {
    const { built } = await servedLog(entries(0, 300));
    const outcome = await run(pathToFileURL(built.dir).href, freshState(), { key: log.vkey });
    expect(outcome.ok && outcome.report.size).toBe('300');
  });

  it('retries transient HTTP errors', async () => {
    const { server } = await servedLog(entries(0, 600));
    server.failNext('tile/0/001', 2);
    server.failNext('checkpoint', 1);
    const outcome = await run(server.url, freshState(), { key: log.vkey });
    expect(outcome.ok).toBe(true);
    expect(server.requests.filter((r) => r === 'tile/0/001')).toHaveLength(3);
  });

  it('follows redirects, as a CDN or object storage answers', async () => {
    const { server } = await servedLog(entries(0, 300));
    const redirector = createServer((request, response) =>
      response.writeHead(302, { location: `${server.url}${request.url!.replace(/^\/old/, '')}` }).end(),
    );
    await new Promise<void>((resolve) => redirector.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = redirector.address() as { port: number };
      const outcome = await run(`http://127.0.0.1:${port}/old`, freshState(), { key: log.vkey });
      expect(outcome.ok && outcome.report.size).toBe('300');
    } finally {
      redirector.close();
    }
  });

  it('refuses a checkpoint claiming an absurd size before fetching anything', async () => {
    const { built, server } = await servedLog(entries(0, 1));
    const huge = await signCheckpoint({ origin: ORIGIN, size: 1n << 50n, rootHash: built.rootHash, extensions: [] }, [
      signer,
    ]);
    await writeFile(path.join(built.dir, 'checkpoint'), huge);
    expect(failure(await run(server.url, freshState(), { key: log.vkey })).code).toBe('LOG_TOO_LARGE');
  });

  it('reads the full tile when a partial one was deleted after the log grew, as tlog-tiles allows', async () => {
    const first = entries(0, 300);
    const { built, server } = await servedLog(first);
    const old = built.checkpoint;
    await writeTileLog({
      dir: built.dir,
      origin: ORIGIN,
      signer,
      verifierKey: log.vkey,
      entries: entries(300, 600),
      previousEntries: first,
      from: built,
    });
    await unlink(path.join(built.dir, 'tile', '0', '001.p', '44'));
    await unlink(path.join(built.dir, 'tile', 'entries', '001.p', '44'));
    await writeFile(path.join(built.dir, 'checkpoint'), old); // a cache still serving the older checkpoint
    const outcome = await run(server.url, freshState(), { key: log.vkey });
    expect(outcome.ok && outcome.report.size).toBe('300');
    expect(server.requests).toEqual(expect.arrayContaining(['tile/0/001', 'tile/entries/001']));
  });

  it('finds a deleted tile', async () => {
    const { built, server } = await servedLog(entries(0, 600));
    await unlink(path.join(built.dir, 'tile', '0', '001'));
    const error = failure(await run(server.url, freshState(), { key: log.vkey }));
    expect(error).toMatchObject({ code: 'TILE_MISSING', exitCode: verifyExitCodes.TILE_MISSING });
    expect(error.message).toContain('tile/0/001');
  });

  it('finds an altered entry bundle, naming the entry', async () => {
    const { built, server } = await servedLog(entries(0, 600));
    const file = path.join(built.dir, 'tile', 'entries', '001');
    const bundle = Buffer.from(await readFile(file));
    const at = bundle.indexOf('"amount":');
    bundle[at + 9] = bundle[at + 9] === 0x39 ? 0x38 : 0x39; // one digit of the first entry's amount
    await writeFile(file, bundle);
    const error = failure(await run(server.url, freshState(), { key: log.vkey }));
    expect(error.code).toBe('ENTRY_BUNDLE_ALTERED');
    expect(error.message).toMatch(/entry 256 .*tile\/0\/001/);
  });

  it('finds a truncated entry bundle and an altered hash tile', async () => {
    const { built, server } = await servedLog(entries(0, 600));
    const bundle = path.join(built.dir, 'tile', 'entries', '000');
    const original = await readFile(bundle);
    await writeFile(bundle, original.subarray(0, original.length - 3));
    expect(failure(await run(server.url, freshState(), { key: log.vkey })).code).toBe('ENTRY_BUNDLE_ALTERED');
    await writeFile(bundle, original);
    const tile = path.join(built.dir, 'tile', '0', '002.p', '88');
    const hashes = Buffer.from(await readFile(tile));
    hashes[40] = hashes[40]! ^ 1;
    await writeFile(tile, hashes);
    const error = failure(await run(server.url, freshState(), { key: log.vkey }));
    expect(error.code).toBe('HASH_TILE_ALTERED');
    expect(error.message).toContain('tile/0/002.p/88');
  });

  it('finds a fork: another tree of the same size under the same key and origin', async () => {
    const state = freshState();
    const honest = await servedLog(entries(0, 500));
    expect((await run(honest.server.url, state, { key: log.vkey })).ok).toBe(true);
    const forked = await servedLog(entries(0, 500, 'forked'));
    const error = failure(await run(forked.server.url, state));
    expect(error).toMatchObject({ code: 'FORK', exitCode: verifyExitCodes.FORK });
    expect(error.evidence.previous).toBe(honest.built.checkpoint);
    expect(error.evidence.current).toBe(forked.built.checkpoint);
    // The state still holds the honest checkpoint: the fork was not accepted.
    expect((await run(honest.server.url, state)).ok).toBe(true);
  });

  it('finds a rewrite: a larger tree that does not extend the one seen, and a shrunk log', async () => {
    const state = freshState();
    const honest = await servedLog(entries(0, 500));
    expect((await run(honest.server.url, state, { key: log.vkey })).ok).toBe(true);
    const rewritten = await servedLog([...entries(0, 499), entry(9999), ...entries(500, 900)]);
    expect(failure(await run(rewritten.server.url, state))).toMatchObject({ code: 'REWRITE', exitCode: 11 });
    const shrunk = await servedLog(entries(0, 400));
    expect(failure(await run(shrunk.server.url, state)).message).toMatch(/never shrinks/);
  });

  it('finds a rewrite of entries that an incremental run does not fetch again', async () => {
    const state = freshState();
    const honest = await servedLog(entries(0, 600));
    expect((await run(honest.server.url, state, { key: log.vkey })).ok).toBe(true);
    const rewritten = await servedLog([...entries(0, 5), entry(5, 'changed'), ...entries(6, 700)]);
    const warnings: string[] = [];
    const error = failure(await run(rewritten.server.url, state, { warn: (m) => warnings.push(m) }));
    expect(error).toMatchObject({ code: 'REWRITE', exitCode: verifyExitCodes.REWRITE });
    expect(warnings.join('\n')).toMatch(/fetching the whole log again/);
  });

  it('rejects a malformed checkpoint with a reason', async () => {
    const { built, server } = await servedLog(entries(0, 10));
    const note = built.checkpoint.replace('\n10\n', '\nten\n');
    await writeFile(path.join(built.dir, 'checkpoint'), note);
    const error = failure(await run(server.url, freshState(), { key: log.vkey }));
    expect(error).toMatchObject({ code: 'CHECKPOINT_MALFORMED', exitCode: verifyExitCodes.CHECKPOINT_MALFORMED });
    expect(error.message).toMatch(/malformed checkpoint/);
    await writeFile(path.join(built.dir, 'checkpoint'), 'no signatures here\n');
    expect(failure(await run(server.url, freshState(), { key: log.vkey })).message).toMatch(/no blank line/);
  });

  it('rejects a wrong key, a tampered signature and an unusable key', async () => {
    const { built, server } = await servedLog(entries(0, 10));
    const other = await generateKeyPair(ORIGIN);
    const wrong = failure(await run(server.url, freshState(), { key: other.vkey }));
    expect(wrong).toMatchObject({ code: 'BAD_SIGNATURE', exitCode: verifyExitCodes.BAD_SIGNATURE });
    expect(wrong.message).toMatch(/no signature by ngo\.example\/ledger/);
    const [text, line] = built.checkpoint.split('\n\n') as [string, string];
    const [dash, name, signature] = line.trim().split(' ') as [string, string, string];
    const bytes = Buffer.from(signature, 'base64');
    bytes[40] = bytes[40]! ^ 1; // a bit of the Ed25519 signature, after the 4-byte key ID
    const tampered = `${text}\n\n${dash} ${name} ${bytes.toString('base64')}\n`;
    await writeFile(path.join(built.dir, 'checkpoint'), tampered);
    expect(failure(await run(server.url, freshState(), { key: log.vkey })).code).toBe('BAD_SIGNATURE');
    expect(failure(await run(server.url, freshState(), { key: 'not+a+key' })).code).toBe('KEY_INVALID');
  });

  it('checks the cosignatures of the witnesses required, and ignores others', async () => {
    const { built, server } = await servedLog(entries(0, 20));
    const witness = await generateKeyPair('ngo-b.example/witness', SIG_TYPE_COSIGNATURE_V1);
    const other = await generateKeyPair('ngo-c.example/witness', SIG_TYPE_COSIGNATURE_V1);
    const { text } = parseNote(built.checkpoint);
    const cosignatureLine = async (skey: string) =>
      (await signNote(text, [await cosigner(skey)])).slice(text.length + 1).trim();
    const required = { key: log.vkey, witnesses: [witness.vkey] };
    const missing = failure(await run(server.url, freshState(), required));
    expect(missing).toMatchObject({ code: 'WITNESS_MISSING', exitCode: verifyExitCodes.WITNESS_MISSING });
    expect(missing.message).toContain(witness.vkey);
    const cosigned = addSignatureLines(built.checkpoint, [
      await cosignatureLine(witness.skey),
      await cosignatureLine(other.skey),
    ]);
    await writeFile(path.join(built.dir, 'checkpoint'), cosigned);
    const outcome = await run(server.url, freshState(), required);
    expect(outcome.ok && outcome.report).toMatchObject({ witnesses: [witness.vkey], otherSignatures: 1 });
    const forged = cosigned.replace(/(ngo-b\.example\/witness )(\S+)/, (_m, head: string, signature: string) => {
      const bytes = Buffer.from(signature, 'base64');
      bytes[30] = bytes[30]! ^ 1; // inside the Ed25519 signature, after key ID and timestamp
      return `${head}${bytes.toString('base64')}`;
    });
    await writeFile(path.join(built.dir, 'checkpoint'), forged);
    expect(failure(await run(server.url, freshState(), required)).code).toBe('BAD_SIGNATURE');
  });

  it('gives every failure its own exit code', () => {
    const codes = Object.values(verifyExitCodes);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes).not.toContain(0);
    expect(codes).not.toContain(1);
  });
});
