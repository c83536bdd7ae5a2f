import { ed25519NoteVerifier, openCheckpoint, type Checkpoint } from '@commonweal/ledger';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { fileLogStorage } from '../../adapters/log-storage.ts';
import { openPglite, type Database } from '../../db/client.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import { freshDatabase, onPostgres } from '../../testing/database.ts';
import { checkConsistentWith, checkLogAgainstDatabase } from '../../testing/ledger.ts';
import { organizations } from '../platform/tables.ts';
import { integrateOnce } from './integrate.ts';
import { startLedgerIntegrator } from './integrator.ts';
import { recordLedgerEntries } from './outbox.ts';
import { createLedgerLog } from './log.ts';
import { ensureLogState, readLogState } from './log-state.ts';
import { reconcileLog } from './reconcile.ts';

const writer = fileURLToPath(new URL('./crash-writer.ts', import.meta.url));
const cleanup: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step();
});

/** Runs the writer until it has committed `atLeast` more entries and a checkpoint is signed, then SIGKILLs it. */
async function runAndKill(args: string[], atLeast: number, readCheckpoint: () => Promise<string | undefined>) {
  const child = spawn(process.execPath, ['--import', 'tsx', writer, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  cleanup.push(async () => void child.kill('SIGKILL'));
  const codes: string[] = [];
  let buffered = '';
  let errors = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    codes.push(...lines);
  });
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  const started = Date.now();
  let checkpoint: string | undefined;
  while (codes.length < atLeast || !checkpoint) {
    if (Date.now() - started > 60_000) {
      child.kill('SIGKILL'); // never leave a writer running behind a failed test
      throw new Error(`the writer stalled after ${codes.length} entries: ${errors}`);
    }
    await new Promise((r) => setTimeout(r, 20));
    checkpoint = await readCheckpoint();
  }
  // Somewhere in the middle of a round: numbering, tiles, fsync, signing or recording.
  await new Promise((r) => setTimeout(r, Math.random() * 100));
  const lastSeen = await readCheckpoint();
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
  return { codes, lastSeen: lastSeen! };
}

describe('a process killed between the business write and integration', () => {
  it(
    'loses nothing and forks nothing once restarted, then signs a new entry within 2 s',
    { timeout: 240_000 },
    async () => {
      const logDir = await mkdtemp(path.join(tmpdir(), 'cw-crash-log-'));
      cleanup.push(() => rm(logDir, { recursive: true, force: true }));
      const storage = fileLogStorage(logDir);
      const readCheckpoint = async () => {
        const data = await storage.read('checkpoint');
        return data && new TextDecoder().decode(data);
      };

      // The database the killed processes write to, and a way to open it again as a restarted process.
      let open: () => Promise<Database>;
      let target: string[];
      if (onPostgres()) {
        const database = await freshDatabase();
        cleanup.push(() => database.close());
        open = async () => ({ ...database, close: async () => {} });
        target = ['postgres', database.url!];
      } else {
        const dataDir = await mkdtemp(path.join(tmpdir(), 'cw-crash-db-'));
        cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
        open = () => openPglite(dataDir);
        const database = await open();
        await migrateDatabase(database);
        await database.close();
        target = ['pglite', dataDir];
      }
      let database = await open();
      const [org] = await database.db.insert(organizations).values({ slug: 'crash-test', name: '断电' }).returning();
      await database.close();

      const committed: string[] = [];
      const seen: string[] = [];
      for (let round = 1; round <= 3; round++) {
        const { codes, lastSeen } = await runAndKill([...target, logDir, org!.id], 60, readCheckpoint);
        committed.push(...codes);
        seen.push(lastSeen);
      }

      // The restart: reconcile, then integrate whatever the killed processes left.
      database = await open();
      try {
        const state = await ensureLogState(database.db, 'localhost:3000/ledger');
        const log = createLedgerLog(storage);
        await reconcileLog(database, log);
        while ((await integrateOnce(database, log)) > 0);
        const final = await checkLogAgainstDatabase(database.db, storage);
        expect(new Set(final.codes)).toEqual(new Set([...final.codes, ...committed]));
        expect(final.codes.length).toBeGreaterThanOrEqual(committed.length);
        for (const note of seen) {
          const { checkpoint } = await openCheckpoint(note, [ed25519NoteVerifier(state.verifierKey)], state.origin);
          await checkConsistentWith(storage, checkpoint as Checkpoint, final);
          expect(checkpoint.size).toBeLessThanOrEqual(final.size);
        }
        expect((await readLogState(database.db))!.durableSize).toBe(Number(final.size));

        // Integration resumes; on the embedded database this includes its disk sync before each signature.
        const integrator = startLedgerIntegrator(
          { config: { PUBLIC_URL: 'http://localhost:3000' }, database, ledger: log },
          { retryMs: 100 },
        );
        try {
          await new Promise((r) => setTimeout(r, 300));
          const written = Date.now();
          await database.db.transaction((tx) =>
            recordLedgerEntries(tx, [
              {
                orgId: org!.id,
                type: 'correction',
                subjectType: 'gift',
                subjectId: 1,
                payload: { corrects: committed[0]! },
              },
            ]),
          );
          await expect
            .poll(async () => (await readLogState(database.db))!.durableSize, { timeout: 2_000, interval: 20 })
            .toBe(Number(final.size) + 1);
          expect(Date.now() - written).toBeLessThan(2_000);
        } finally {
          await integrator.stop();
        }
      } finally {
        await database.close();
      }
    },
  );
});
