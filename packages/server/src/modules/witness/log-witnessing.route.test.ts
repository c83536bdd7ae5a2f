import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateKeyPair, SIG_TYPE_COSIGNATURE_V1 } from '@commonweal/ledger';
import { testApp, type TestApp } from '../../testing/app.ts';
import { ledgerEntries, recordLedgerEntries } from '../ledger/index.ts';
import { organizations } from '../platform/tables.ts';

// Two instances on real ports: A's log is witnessed by B, configured through the variables alone.
const bin = fileURLToPath(new URL('../../../bin/commonweal.js', import.meta.url));
const commonweal = (args: string[]) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, [bin, ...args], (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });

let root: string;
let logKey: { skey: string; vkey: string };
let witnessKey: { skey: string; vkey: string };
let witness: TestApp;
let witnessPort: number;
let log: TestApp;
const apps: TestApp[] = [];

async function listen(t: TestApp, port = 0): Promise<number> {
  await t.app.listen({ port, host: '127.0.0.1' });
  const address = t.app.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** An instance whose log (A's key and origin) is submitted to the witness B. */
async function logInstance(): Promise<TestApp> {
  const t = await testApp({
    jobs: true,
    env: {
      PUBLIC_URL: 'https://ngo-a.example',
      LEDGER_SIGNER_KEY: logKey.skey,
      LEDGER_WITNESSES: `http://127.0.0.1:${witnessPort}/ledger/witness ${witnessKey.vkey}`,
    },
  });
  apps.push(t);
  return t;
}

async function writeEntries(t: TestApp, count: number, amount = 100): Promise<number> {
  const [org] = await t.deps.db
    .insert(organizations)
    .values({ slug: `org-${Date.now()}-${amount}`, name: '阳光助学' })
    .returning();
  await t.deps.db.transaction((tx) =>
    recordLedgerEntries(
      tx,
      Array.from({ length: count }, (_, i) => ({
        orgId: org!.id,
        type: 'funds.allocated' as const,
        subjectType: 'allocation',
        subjectId: i + 1,
        payload: { amount: amount + i, currency: 'CNY' },
      })),
    ),
  );
  // The log's size once these are integrated: every row of the instance's outbox.
  return t.deps.db.$count(ledgerEntries);
}

async function until<T>(what: string, check: () => Promise<T | undefined>, ms = 10_000): Promise<T> {
  const started = Date.now();
  while (Date.now() - started < ms) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const checkpointOf = async (t: TestApp) => (await t.app.inject({ url: '/ledger/checkpoint' })).body;
const sizeOf = (note: string) => Number(note.split('\n')[1]);
const cosignedBy = (note: string) => note.split('\n').filter((l) => l.startsWith('— ngo-b.example/witness ')).length;
const metric = async (t: TestApp, name: string) => {
  const text = (await t.app.inject({ url: '/metrics' })).body;
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`));
  return line === undefined ? undefined : Number(line.split(' ').at(-1));
};

/** Waits until the checkpoint served covers at least `size` entries, and returns it. */
const signedAtLeast = (t: TestApp, size: number) =>
  until(`a checkpoint of ${size}`, async () => {
    const note = await checkpointOf(t);
    return note.startsWith('ngo-a.example/ledger\n') && sizeOf(note) >= size ? note : undefined;
  });

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'cw-log-witnessing-'));
  logKey = await generateKeyPair('ngo-a.example/ledger');
  witnessKey = await generateKeyPair('ngo-b.example/witness', SIG_TYPE_COSIGNATURE_V1);
  witness = await testApp({
    env: { PUBLIC_URL: 'https://ngo-b.example', WITNESS_LOGS: logKey.vkey, WITNESS_KEY: witnessKey.skey },
  });
  apps.push(witness);
  witnessPort = await listen(witness);
  log = await logInstance();
  await listen(log);
});

afterAll(async () => {
  vi.restoreAllMocks();
  for (const t of apps.reverse()) await t.close();
  await rm(root, { recursive: true, force: true });
});

describe("witnessing an instance's log", () => {
  it('serves each new checkpoint with the witness cosignature, which `ledger verify --witness` accepts', async () => {
    const size = await writeEntries(log, 300);
    const started = Date.now();
    const note = await until('a cosigned checkpoint', async () => {
      const n = await checkpointOf(log);
      return sizeOf(n) === size && cosignedBy(n) === 1 ? n : undefined;
    });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(note.split('\n').filter((l) => l.startsWith('— ngo-a.example/ledger '))).toHaveLength(1);

    const address = log.app.server.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    const url = `http://127.0.0.1:${address.port}/ledger`;
    const state = path.join(root, 'verify-state');
    const verified = await commonweal([
      'ledger',
      'verify',
      url,
      '--key',
      logKey.vkey,
      '--witness',
      witnessKey.vkey,
      '--state',
      state,
      '--json',
    ]);
    expect(verified.stderr, verified.stdout).toBe('');
    expect(JSON.parse(verified.stdout)).toMatchObject({ ok: true, report: { size: String(size) } });
    const otherWitness = await generateKeyPair('ngo-c.example/witness', SIG_TYPE_COSIGNATURE_V1);
    const unwitnessed = await commonweal(['ledger', 'verify', url, '--witness', otherWitness.vkey, '--state', state]);
    expect(unwitnessed.code).not.toBe(0);

    expect(await metric(log, 'ledger_witness_cosigned_size')).toBe(size);
    expect(await metric(log, 'ledger_witness_lag_entries')).toBe(0);
  });

  it('keeps signing while the witness is down, and is cosigned again once it is back', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await new Promise<void>((resolve, reject) => {
      witness.app.server.closeAllConnections();
      witness.app.server.close((error) => (error ? reject(error) : resolve()));
    });
    const size = await writeEntries(log, 200, 5000);
    const note = await signedAtLeast(log, size);
    expect(cosignedBy(note)).toBe(0);
    await until(
      'a failed submission',
      async () => ((await metric(log, 'ledger_witness_failures_total')) ?? 0) > 0 || undefined,
    );
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/ledger witnessing: .* failed for checkpoint/));
    expect(await metric(log, 'ledger_witness_lag_entries')).toBeGreaterThan(0);
    expect(await metric(log, 'ledger_witness_lag_seconds')).toBeGreaterThan(0);
    // Still signing: more entries get a checkpoint while the witness is away.
    const more = await writeEntries(log, 10, 9000);
    expect(cosignedBy(await signedAtLeast(log, more))).toBe(0);

    await new Promise<void>((resolve) => witness.app.server.listen(witnessPort, '127.0.0.1', resolve));
    const back = await until('a cosignature after the witness is back', async () => {
      const n = await checkpointOf(log);
      return sizeOf(n) === more && cosignedBy(n) === 1 ? n : undefined;
    });
    expect(back).toMatch(/^ngo-a\.example\/ledger\n/);
    expect(await metric(log, 'ledger_witness_lag_entries')).toBe(0);
  });

  it('a forked log (directory and state replaced) is refused by the witness, logged and counted, and keeps signing', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const cosigned = sizeOf(await checkpointOf(log));
    await log.close();
    apps.splice(apps.indexOf(log), 1);
    // Same key and origin, fresh database and ledger directory: a different tree for the same log.
    const forked = await logInstance();
    const size = await writeEntries(forked, cosigned + 50, 7);
    await until(
      'a refusal',
      async () => ((await metric(forked, 'ledger_witness_refusals_total')) ?? 0) > 0 || undefined,
    );
    expect(error).toHaveBeenCalledWith(expect.stringMatching(/ledger witnessing: .* refused checkpoint/));
    const note = await signedAtLeast(forked, size);
    expect(cosignedBy(note)).toBe(0);
    const more = await writeEntries(forked, 5, 99);
    expect(cosignedBy(await signedAtLeast(forked, more))).toBe(0);
    const logs = (await witness.app.inject({ url: '/ledger/witness/logs' })).json();
    expect(JSON.stringify(logs)).toContain(`"size":"${cosigned}"`);
  });
});
