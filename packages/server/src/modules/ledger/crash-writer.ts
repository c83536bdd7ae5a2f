// Test fixture for crash.route.test.ts, run as a child process that the test kills with SIGKILL:
// it commits business transactions that record ledger entries while the integrator runs, and prints
// each committed tracking code on its own line (so the test knows what must survive).
//   node --import tsx crash-writer.ts pglite <data dir> <log dir> <org id>
//   node --import tsx crash-writer.ts postgres <url> <log dir> <org id>
import { fileLogStorage } from '../../adapters/log-storage.ts';
import { openPglite, openPostgres } from '../../db/client.ts';
import { createLedgerLog, startLedgerIntegrator } from './index.ts';
import { recordLedgerEntries } from './outbox.ts';

const [kind, target, logDir, orgId] = process.argv.slice(2) as [string, string, string, string];
const database = kind === 'pglite' ? await openPglite(target) : await openPostgres(target, 2);
const ledger = createLedgerLog(fileLogStorage(logDir));
startLedgerIntegrator(
  { config: { PUBLIC_URL: 'http://localhost:3000' }, database, ledger },
  { pollMs: 5, batch: 7, retryMs: 100 },
);
for (let subject = 1; ; subject += 3) {
  const codes = await database.db.transaction((tx) =>
    recordLedgerEntries(
      tx,
      [0, 1, 2].map((i) => ({
        orgId,
        type: 'donation.received' as const,
        subjectType: 'gift',
        subjectId: subject + i,
        payload: { amount: 100 * (subject + i), currency: 'CNY' },
      })),
    ),
  );
  process.stdout.write(codes.map((c) => `${c.code}\n`).join(''));
  // A server turns the event loop between requests; a bare loop of embedded queries never would.
  await new Promise((resolve) => setImmediate(resolve));
}
