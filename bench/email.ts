/**
 * A personalized mailing (issue 5) to RECIPIENTS contacts (default 100,000) in a fresh PostgreSQL
 * database, delivered over SMTP to Debian postfix's smtp-sink on this machine: the recipients are
 * listed from a tag with their consent, then the sender claims batches, reads each batch's consent
 * again, renders each copy (LiquidJS merge fields, a signed unsubscribe link, RFC 8058 headers) and
 * settles it, as `commonweal start` does. With SENDERS (default 2, MAILING_SENDERS in production) the
 * mailing is sent by this process and SENDERS - 1 more (bench/email-sender.ts, as `commonweal worker`
 * processes would), each with its own SMTP connections: the way sending scales (docs/email.md).
 *
 * Baseline (the issue's): a bare nodemailer loop sending one fixed message to the same smtp-sink, with
 * the same pool of connections and no limit, in the same run.
 *
 * Target: >= 1,000 messages/s.
 *
 *   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node --import tsx bench/email.ts   (SCALE=N recipients, SENDERS=N)
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import nodemailer from 'nodemailer';
import { createSmtpTransport } from '../packages/server/src/adapters/email/index.ts';
import { systemClock } from '../packages/server/src/adapters/clock.ts';
import { systemContext } from '../packages/server/src/http/system-context.ts';
import { runMailing } from '../packages/server/src/modules/mailings/index.ts';
import { createMailing, startSending } from '../packages/server/src/modules/mailings/service.ts';
import { freePort } from '../packages/server/src/testing/free-port.ts';
import { benchMailConfig } from './email-config.ts';
import { freshPostgres, row, runBenchmark } from './lib.ts';
import { startProcess } from './processes.ts';

const SINK = '/usr/sbin/smtp-sink';
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 5);
// Senders of the mailing (MAILING_SENDERS): this process (the server with its in-process workers) and
// SENDERS - 1 more processes (`commonweal worker`), each with its own CONNECTIONS.
const SENDERS = Number(process.env.SENDERS ?? 2);

/** The other senders, started and waiting; `go()` starts them and resolves when each has finished. */
async function otherSenders(databaseUrl: string, smtpUrl: string, orgId: string, mailingId: number) {
  const args = [orgId, String(mailingId), String(SENDERS), String(CONNECTIONS)];
  const started = await Promise.all(
    Array.from({ length: SENDERS - 1 }, () =>
      startProcess(['--import', 'tsx', 'bench/email-sender.ts', databaseUrl, smtpUrl, ...args], {}, /ready/),
    ),
  );
  return {
    go: () =>
      Promise.all(
        started.map(({ child }) => {
          const done = new Promise<string>((resolve, reject) => {
            let out = '';
            child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
            child.once('exit', (code) =>
              code === 0
                ? resolve(JSON.parse(out.trim().split('\n').at(-1)!).result)
                : reject(new Error(`sender exited ${code}`)),
            );
          });
          child.stdin!.write('go\n');
          return done;
        }),
      ),
  };
}

async function startSink() {
  if (!existsSync(SINK)) throw new Error(`${SINK} is missing: apt-get install postfix`);
  const port = await freePort();
  const user = process.getuid?.() === 0 ? ['-u', 'root'] : [];
  const child = spawn(SINK, [...user, `127.0.0.1:${port}`, '256'], { stdio: 'ignore' });
  await sleep(300);
  return { url: `smtp://127.0.0.1:${port}`, port, stop: () => child.kill('SIGTERM') };
}

const config = benchMailConfig;

await runBenchmark('email', async (ctx) => {
  const recipients = ctx.scale(100_000);
  const sink = await startSink();
  const database = await freshPostgres('cw_bench_email');
  try {
    const { db } = database;
    ctx.log(`${recipients} contacts with email consent`);
    await database.executeSql(`insert into organizations (slug, name) values ('bench', '绿洲治沙')`);
    const ctxOrg = await systemContext(db, 'bench');
    const orgId = ctxOrg.org.id;
    await database.executeSql(
      `insert into contacts (org_id, name, email, source)
       select $1, '志愿者' || i, 'p' || i || '@example.org', 'bench' from generate_series(1, $2) i`,
      [orgId, recipients],
    );
    await database.executeSql(`insert into tags (org_id, name) values ($1, '通讯')`, [orgId]);
    await database.executeSql(
      `insert into contact_tags (org_id, contact_id, tag_id)
       select $1, c.id, t.id from contacts c, tags t where c.org_id = $1 and t.org_id = $1`,
      [orgId],
    );
    await database.executeSql(
      `insert into consents (org_id, contact_id, channel, purpose, status, source, evidence)
       select $1, id, 'email', 'newsletter', 'granted', 'import', '{"type":"import_file"}' from contacts where org_id = $1`,
      [orgId],
    );
    await database.executeSql('analyze');

    const mailing = await createMailing(db, ctxOrg, {
      name: '春季通讯',
      subject: '{{ greeting }}，春天的消息',
      purpose: 'newsletter',
      content: {
        editor: 'blocks',
        blocks: [
          { type: 'heading', text: '梭梭林的春天' },
          {
            type: 'paragraph',
            text: '{{ greeting }}：\n今年春天，我们和 1,200 位志愿者在民勤种下了 30,000 棵梭梭。'.repeat(3),
          },
          { type: 'button', text: '查看项目进展', url: 'https://give.example.org/p/bench' },
        ],
      },
      audience: { segmentIds: [], tags: ['通讯'] },
    });
    const listing = Date.now();
    await startSending({ db, clock: systemClock }, ctxOrg, mailing.id, ['draft']);
    ctx.log(`listed in ${Date.now() - listing} ms; sending`);

    const others = await otherSenders(database.url, sink.url, orgId, mailing.id);
    const transport = createSmtpTransport({ url: sink.url, messagesPerSecond: 100_000, maxConnections: CONNECTIONS });
    const started = performance.now();
    const [own, elsewhere] = await Promise.all([
      runMailing({ db, config, email: transport }, orgId, mailing.id, { batchSize: 500, senders: SENDERS }),
      others.go(),
    ]);
    const seconds = (performance.now() - started) / 1000;
    transport.close();
    const results = [own, ...elsewhere];
    const sent = Number(
      (
        await database.executeSql(
          `select count(*) as n from mailing_recipients where org_id = $1 and status = 'sent'`,
          [orgId],
        )
      ).rows[0]!.n,
    );
    if (!results.includes('finished') || sent !== recipients)
      throw new Error(`${results.join(', ')}: ${sent} of ${recipients} sent`);
    const ours = sent / seconds;

    ctx.log('baseline: a bare nodemailer loop');
    const bare = nodemailer.createTransport({
      pool: true,
      host: '127.0.0.1',
      port: sink.port,
      maxConnections: CONNECTIONS,
      maxMessages: Infinity,
    });
    const message = {
      from: { name: '绿洲治沙', address: config.EMAIL_FROM },
      subject: '春天的消息',
      text: '今年春天，我们和 1,200 位志愿者在民勤种下了 30,000 棵梭梭。'.repeat(3),
      html: `<p>${'今年春天，我们和 1,200 位志愿者在民勤种下了 30,000 棵梭梭。'.repeat(3)}</p>`,
    };
    const bareStarted = performance.now();
    const window = 500;
    for (let i = 0; i < recipients; i += window) {
      await Promise.all(
        Array.from({ length: Math.min(window, recipients - i) }, (_, j) =>
          bare.sendMail({ ...message, to: `p${i + j + 1}@example.org` }),
        ),
      );
    }
    const baseline = recipients / ((performance.now() - bareStarted) / 1000);
    bare.close();
    ctx.log(`mailing ${Math.round(ours)}/s, bare nodemailer ${Math.round(baseline)}/s`);
    return [
      row(
        'personalized mailing over SMTP to smtp-sink, PostgreSQL',
        ours,
        baseline,
        'messages/s',
        `${recipients.toLocaleString('en')} recipients, ${SENDERS} sender processes of ${CONNECTIONS} connections each; each copy's consent re-read, merge fields, signed unsubscribe link and RFC 8058 headers, settled in the database; baseline: bare nodemailer loop of one fixed message in one process, ${CONNECTIONS} connections; target ≥ 1,000 (higher is better)`,
      ),
    ];
  } finally {
    await database.close();
    sink.stop();
  }
});
