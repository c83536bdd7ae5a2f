/**
 * One more sender of a mailing, as a `commonweal worker` process runs it (bench/email.ts starts it):
 * its own database pool and SMTP connections, the same `runMailing` the `mailings.send` job calls.
 * Prints `ready`, starts on a line on stdin, and prints its result as JSON.
 *
 *   node --import tsx bench/email-sender.ts DATABASE_URL SMTP_URL ORG_ID MAILING_ID SENDERS CONNECTIONS
 */
import { once } from 'node:events';
import { createSmtpTransport } from '../packages/server/src/adapters/email/index.ts';
import { runMailing } from '../packages/server/src/modules/mailings/index.ts';
import { openPostgres } from '../packages/server/src/db/client.ts';
import { benchMailConfig } from './email-config.ts';

const [databaseUrl, smtpUrl, orgId, mailingId, senders, connections] = process.argv.slice(2);
const database = await openPostgres(databaseUrl!, 4);
const transport = createSmtpTransport({
  url: smtpUrl!,
  messagesPerSecond: 100_000,
  maxConnections: Number(connections),
});
console.log('ready');
await once(process.stdin, 'data');
const result = await runMailing(
  { db: database.db, config: benchMailConfig, email: transport },
  orgId!,
  Number(mailingId),
  {
    batchSize: 500,
    senders: Number(senders),
  },
);
transport.close();
await database.close();
console.log(JSON.stringify({ result }));
process.exit(0);
