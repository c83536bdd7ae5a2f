import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ed25519NoteSigner, generateKeyPair } from '@commonweal/ledger';
import { serveTileLog, writeTileLog, type StaticServer } from '../../testing/tile-log-dir.ts';

const bin = fileURLToPath(new URL('../../../bin/commonweal.js', import.meta.url));

/** Runs the real `commonweal` command, as a person or a cron job would. */
const commonweal = (args: string[]) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, [bin, ...args], (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });

let root: string;
let server: StaticServer;
let vkey: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'cw-cli-verify-'));
  const key = await generateKeyPair('cli.example/ledger');
  vkey = key.vkey;
  const entries = Array.from({ length: 600 }, (_, i) => new TextEncoder().encode(`{"n":${i}}`));
  const dir = path.join(root, 'log');
  await writeTileLog({
    dir,
    origin: 'cli.example/ledger',
    signer: await ed25519NoteSigner(key.skey),
    verifierKey: vkey,
    entries,
  });
  server = await serveTileLog(dir);
});
afterAll(async () => {
  await server.close();
  await rm(root, { recursive: true, force: true });
});

describe('commonweal ledger verify', () => {
  it('exits 0 with a JSON report for a good log, and with the failure code otherwise', async () => {
    const state = path.join(root, 'state');
    const good = await commonweal(['ledger', 'verify', server.url, '--state', state, '--json']);
    expect(good.code).toBe(0);
    expect(JSON.parse(good.stdout)).toMatchObject({
      ok: true,
      report: { size: '600', keySource: 'trust-on-first-use' },
    });
    expect(good.stderr).toMatch(/WARNING/);

    const other = await generateKeyPair('cli.example/ledger');
    const wrong = await commonweal([
      'ledger',
      'verify',
      server.url,
      '--state',
      path.join(root, 's2'),
      '--key',
      other.vkey,
    ]);
    expect(wrong.code).toBe(5);
    expect(wrong.stderr).toMatch(/^FAILED \(BAD_SIGNATURE\): /);

    const again = await commonweal(['ledger', 'verify', server.url, '--state', state]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^OK: cli\.example\/ledger has 600 entries/);
    expect(again.stdout).toContain(`verified with ${vkey} (stored)`);
  }, 60_000);
});
