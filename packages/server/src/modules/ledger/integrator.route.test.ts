import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileLogStorage } from '../../adapters/log-storage.ts';
import type { Database } from '../../db/client.ts';
import { freshDatabase, onPostgres } from '../../testing/database.ts';
import { checkLogAgainstDatabase } from '../../testing/ledger.ts';
import { organizations } from '../platform/tables.ts';
import { startLedgerIntegrator } from './integrator.ts';
import { createLedgerLog } from './log.ts';
import { readLogState } from './log-state.ts';
import { recordLedgerEntries } from './outbox.ts';

let database: Database;
let dir: string;
let orgId: string;
beforeAll(async () => {
  database = await freshDatabase();
  dir = await mkdtemp(path.join(tmpdir(), 'cw-integrator-'));
  const [org] = await database.db.insert(organizations).values({ slug: 'integrator', name: '整合' }).returning();
  orgId = org!.id;
});
afterAll(async () => {
  await database?.close();
  await rm(dir, { recursive: true, force: true });
});

const write = (count: number) =>
  database.db.transaction((tx) =>
    recordLedgerEntries(
      tx,
      Array.from({ length: count }, (_, i) => ({
        orgId,
        type: 'funds.allocated' as const,
        subjectType: 'allocation',
        subjectId: i + 1,
        payload: { amount: 1000 + i, currency: 'CNY' },
      })),
    ),
  );

async function signedSize(atLeast: number): Promise<number> {
  for (let waited = 0; waited < 20_000; waited += 50) {
    const size = (await readLogState(database.db))?.durableSize ?? 0;
    if (size >= atLeast) return size;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('not integrated');
}

const advisoryLocks = async () => {
  const locks = await database.executeSql(
    `select count(*)::int as n from pg_locks join pg_database d on d.oid = pg_locks.database
     where locktype = 'advisory' and d.datname = current_database() and granted`,
    [],
  );
  return (locks.rows[0] as { n: number }).n;
};

describe('the integrator', () => {
  it.skipIf(!onPostgres())('is active in one process at a time; a standby takes over when it stops', async () => {
    const config = { PUBLIC_URL: 'http://localhost:3000' };
    const events: number[][] = [[], []];
    const logs = [0, 1].map((i) => {
      const ledger = createLedgerLog(fileLogStorage(dir));
      ledger.onCheckpoint((c) => events[i]!.push(c.size));
      return ledger;
    });
    const first = startLedgerIntegrator({ config, database, ledger: logs[0]! }, { pollMs: 20, retryMs: 100 });
    // The standby starts only once the first holds the lock; on a loaded machine it could win the race.
    for (let waited = 0; (await advisoryLocks()) < 1; waited += 20) {
      if (waited > 20_000) throw new Error('the first integrator never took the lock');
      await new Promise((r) => setTimeout(r, 20));
    }
    const second = startLedgerIntegrator({ config, database, ledger: logs[1]! }, { pollMs: 20, retryMs: 100 });
    await write(50);
    await signedSize(50);
    expect(events[1]).toEqual([]);
    expect(await advisoryLocks()).toBe(1);

    await first.stop();
    await write(30);
    await signedSize(80);
    expect(events[1]!.at(-1)).toBe(80);
    await second.stop();
    expect((await checkLogAgainstDatabase(database.db, fileLogStorage(dir))).size).toBe(80n);
  });

  it('keeps integrating after a failed round, once the cause is gone', async () => {
    const ledger = createLedgerLog(fileLogStorage(dir));
    const errors: unknown[] = [];
    const size = (await readLogState(database.db))?.durableSize ?? 0;
    const running = startLedgerIntegrator(
      { config: { PUBLIC_URL: 'http://localhost:3000' }, database, ledger },
      { pollMs: 20, retryMs: 100, onError: (e) => errors.push(e) },
    );
    try {
      await signedSize(size);
      // The log directory becomes unwritable: a file where a directory must go.
      await rm(path.join(dir, 'tile'), { recursive: true, force: true });
      await writeFile(path.join(dir, 'tile'), 'in the way');
      await write(10);
      await expect.poll(() => errors.length, { timeout: 10_000 }).toBeGreaterThan(0);
      expect((await readLogState(database.db))!.durableSize).toBe(size);
      await rm(path.join(dir, 'tile'));
      await signedSize(size + 10);
    } finally {
      await running.stop();
    }
    await checkLogAgainstDatabase(database.db, fileLogStorage(dir));
  });
});
