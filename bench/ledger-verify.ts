/**
 * `commonweal ledger verify` from scratch: a log of SCALE entries (default 1,000,000, the target:
 * <= 30 s) written as tlog-tiles with @commonweal/ledger into a temp directory, served over HTTP on
 * localhost, and verified with a fresh state (signature, every entry bundle and hash tile fetched,
 * the tree recomputed). The static server runs in the same process, so it competes with the verifier.
 * Baseline: raw SHA-256 (node:crypto) of each entry's bytes, nothing else. A second row times the
 * incremental run after 1,000 more entries.
 *
 *   node --import tsx bench/ledger-verify.ts        SCALE=100000 for a quick run
 */
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ed25519NoteSigner, generateKeyPair } from '@commonweal/ledger';
import { verifyLog } from '../packages/server/src/modules/ledger-verify/index.ts';
import { serveTileLog, writeTileLog } from '../packages/server/src/testing/tile-log-dir.ts';
import { row, runBenchmark, time } from './lib.ts';

const ORIGIN = 'bench.example/ledger';
const leafHash = (entry: Uint8Array) =>
  new Uint8Array(createHash('sha256').update(Uint8Array.of(0)).update(entry).digest());

/** Entries shaped like donation.received events (canonical JSON, about 260 bytes). */
const entries = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, k) =>
    new TextEncoder().encode(
      JSON.stringify({
        amount: 5000 + ((from + k) % 997) * 100,
        campaign: 'c-2025-flood-relief',
        channel: 'wechat_pay',
        code: (from + k).toString(16).toUpperCase().padStart(16, '0'),
        currency: 'CNY',
        donor: createHash('sha256')
          .update(`donor ${from + k}`)
          .digest('hex'),
        org: '6f1c2d8e-5a4b-4c3d-9e2f-1a0b9c8d7e6f',
        type: 'donation.received',
        v: 1,
      }),
    ),
  );

await runBenchmark('ledger verify', async (ctx) => {
  const size = ctx.scale(1_000_000);
  const dir = await mkdtemp(path.join(tmpdir(), 'cw-bench-verify-'));
  const state = path.join(dir, 'state');
  const logDir = path.join(dir, 'log');
  const key = await generateKeyPair(ORIGIN);
  const signer = await ed25519NoteSigner(key.skey);
  try {
    const first = entries(0, size);
    const built = await time(() =>
      writeTileLog({ dir: logDir, origin: ORIGIN, signer, verifierKey: key.vkey, entries: first, leafHash }),
    );
    ctx.log(`wrote a log of ${size} entries in ${(built.ms / 1000).toFixed(1)} s`);
    const baseline = await time(async () => {
      for (const e of first) createHash('sha256').update(e).digest();
    });
    const server = await serveTileLog(logDir);
    try {
      const scratch = await time(() => verifyLog({ url: server.url, key: key.vkey, stateDir: state }));
      const more = entries(size, size + 1000);
      await writeTileLog({
        dir: logDir,
        origin: ORIGIN,
        signer,
        verifierKey: key.vkey,
        entries: more,
        previousEntries: first,
        from: built.result,
        leafHash,
      });
      const again = await time(() => verifyLog({ url: server.url, stateDir: state }));
      const bytes = first.reduce((n, e) => n + e.length, 0);
      return [
        row(
          `verify ${size.toLocaleString('en')} entries from scratch over HTTP`,
          scratch.ms / 1000,
          baseline.ms / 1000,
          's',
          `${scratch.result.entryBundles} entry bundles + ${scratch.result.hashTiles} hash tiles fetched; ` +
            `baseline: SHA-256 of the same ${(bytes / 1e6).toFixed(0)} MB of entries; target <= 30 s at 1,000,000`,
        ),
        row(
          'verify again after 1,000 more entries (incremental)',
          again.ms / 1000,
          null,
          's',
          `resumed from entry ${again.result.resumedFrom}`,
        ),
      ];
    } finally {
      await server.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
