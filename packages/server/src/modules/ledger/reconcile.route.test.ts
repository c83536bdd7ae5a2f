import { openCheckpoint, ed25519NoteVerifier, type Checkpoint } from '@commonweal/ledger';
import { eq, sql } from 'drizzle-orm';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileLogStorage, type LogStorage } from '../../adapters/log-storage.ts';
import type { Database } from '../../db/client.ts';
import { organizations } from '../platform/tables.ts';
import { freshDatabase } from '../../testing/database.ts';
import { checkConsistentWith, checkLogAgainstDatabase } from '../../testing/ledger.ts';
import { assignLeaves } from './assign.ts';
import { integrateOnce } from './integrate.ts';
import { createLedgerLog, type LedgerLog } from './log.ts';
import { ensureLogState, readLogState } from './log-state.ts';
import { LogIntegrityError } from './materialize.ts';
import { recordLedgerEntries } from './outbox.ts';
import { reconcileLog } from './reconcile.ts';
import { ledgerLeaves, ledgerLog } from './tables.ts';

let database: Database;
let dir: string;
let storage: LogStorage;
let orgId: string;
let subject = 0;

beforeAll(async () => {
  database = await freshDatabase();
  dir = await mkdtemp(path.join(tmpdir(), 'cw-ledger-'));
  storage = fileLogStorage(dir);
  const [org] = await database.db.insert(organizations).values({ slug: 'ledger-reconcile', name: '对账' }).returning();
  orgId = org!.id;
  await ensureLogState(database.db, 'localhost:3000/ledger');
});
afterAll(async () => {
  await database?.close();
  await rm(dir, { recursive: true, force: true });
});

// A new process: nothing cached in memory.
const freshLog = () => createLedgerLog(storage);

async function write(count: number): Promise<void> {
  await database.db.transaction((tx) =>
    recordLedgerEntries(
      tx,
      Array.from({ length: count }, (_, i) => ({
        orgId,
        type: 'expense.paid' as const,
        subjectType: 'expense',
        subjectId: ++subject,
        payload: { amount: 500 + i, currency: 'CNY' },
      })),
    ),
  );
}

async function integrateAll(log: LedgerLog): Promise<void> {
  while ((await integrateOnce(database, log, 128)) > 0);
}

async function storedCheckpoint(): Promise<Checkpoint> {
  const state = (await readLogState(database.db))!;
  const note = (await storage.read('checkpoint'))!;
  return (await openCheckpoint(note, [ed25519NoteVerifier(state.verifierKey)], state.origin)).checkpoint;
}

describe('reconciling the log with the database after a crash', () => {
  it('storage behind the database: rows numbered but no tiles are written by the next round', async () => {
    const log = freshLog();
    await reconcileLog(database, log);
    await integrateAll(log);
    await write(300);
    await assignLeaves(database.db, 10_000); // the crash came right after step 1
    const report = await reconcileLog(database, freshLog());
    expect(report).toEqual({ adoptedCheckpoint: false, rebuiltTiles: false, rewroteCheckpoint: false });
    await integrateAll(log);
    const checked = await checkLogAgainstDatabase(database.db, storage);
    expect(checked.size).toBe(300n);
  });

  it('storage ahead: a checkpoint written but not recorded is adopted, not forked', async () => {
    const before = await readLogState(database.db);
    const earlier = await storedCheckpoint();
    await write(100);
    await integrateAll(freshLog());
    // The crash came after the checkpoint reached storage and before the database recorded it.
    await database.db
      .update(ledgerLog)
      .set({ durableSize: before!.durableSize, checkpoint: before!.checkpoint, rootHash: before!.rootHash })
      .where(eq(ledgerLog.id, 1));
    const report = await reconcileLog(database, freshLog());
    expect(report.adoptedCheckpoint).toBe(true);
    expect((await readLogState(database.db))!.durableSize).toBe(400);
    const later = await checkLogAgainstDatabase(database.db, storage);
    await checkConsistentWith(storage, earlier, later);
  });

  it('rewrites a missing tile, a missing entry bundle, a damaged partial tile and leftovers of a write', async () => {
    await rm(path.join(dir, 'tile/0/000'));
    await rm(path.join(dir, 'tile/entries/000'));
    await writeFile(path.join(dir, 'tile/0/001.p/144'), 'torn');
    await writeFile(path.join(dir, 'tile/0/002.tmp-abcdef'), 'half');
    const report = await reconcileLog(database, freshLog());
    expect(report.rebuiltTiles).toBe(true);
    await checkLogAgainstDatabase(database.db, storage);
    expect(await readdir(path.join(dir, 'tile/0'))).not.toContain('002.tmp-abcdef');
  });

  it('rebuilds a wiped storage directory from the rows, with the recorded checkpoint', async () => {
    const recorded = await storedCheckpoint();
    await rm(dir, { recursive: true, force: true });
    const report = await reconcileLog(database, freshLog());
    expect(report).toMatchObject({ rebuiltTiles: true, rewroteCheckpoint: true });
    const checked = await checkLogAgainstDatabase(database.db, storage);
    expect(checked.rootHash).toEqual(recorded.rootHash);
  });

  it('refuses to sign when a row was altered behind the log, or the log is ahead of the database', async () => {
    const before = await storage.read('checkpoint');
    // The exact body is put back afterwards: replacing '999' by '500' again would also change any '999'
    // the body held before (its random tracking code may).
    const [original] = await database.db
      .select({ body: ledgerLeaves.body })
      .from(ledgerLeaves)
      .where(eq(ledgerLeaves.leafIndex, 0));
    await database.db.execute(sql`update ledger_leaves set body = replace(body, '500', '999') where leaf_index = 0`);
    await rm(path.join(dir, 'tile/0/000'));
    await expect(reconcileLog(database, freshLog())).rejects.toThrow(LogIntegrityError);
    expect(await storage.read('checkpoint')).toEqual(before);
    await database.db.update(ledgerLeaves).set({ body: original!.body }).where(eq(ledgerLeaves.leafIndex, 0));
    await reconcileLog(database, freshLog());

    // Rows the published log covers went missing from the database (an unsynced embedded database).
    await database.db.execute(sql`delete from ledger_entries e using ledger_leaves l
      where l.org_id = e.org_id and l.entry_id = e.id and l.leaf_index >= 390`);
    await database.db.delete(ledgerLeaves).where(sql`${ledgerLeaves.leafIndex} >= 390`);
    await database.db.update(ledgerLog).set({ assignedSize: 390, durableSize: 300 }).where(eq(ledgerLog.id, 1));
    await expect(reconcileLog(database, freshLog())).rejects.toThrow(LogIntegrityError);
  });
});
