import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMailing } from '../mailings/index.ts';
import { testApp, type TestApp } from '../../testing/app.ts';
import { buildOrg, type TestOrg } from '../../testing/factories.ts';
import { smtpSinkInstalled, startSmtpSink, type SmtpSink } from '../../testing/smtp-sink.ts';

const SECRET = 'inbound-secret-0123456789abcdef';
let sink: SmtpSink | undefined;
let t: TestApp;
let o: TestOrg;
let other: TestOrg;

beforeAll(async () => {
  if (smtpSinkInstalled) sink = await startSmtpSink();
  t = await testApp({
    env: { ...(sink ? { SMTP_URL: sink.url } : {}), EMAIL_FROM: 'news@ngo.example.org', EMAIL_INBOUND_SECRET: SECRET },
  });
  o = await buildOrg(t, { name: '绿洲治沙' });
  other = await buildOrg(t, { name: '别的机构' });
});
afterAll(async () => {
  await t?.close();
  await sink?.stop();
});

const crlf = (text: string) => text.replace(/\r?\n/g, '\r\n');

const deliver = async (raw: string, authorization = `Bearer ${SECRET}`) => {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/email/inbound',
    headers: { 'content-type': 'message/rfc822', authorization },
    payload: raw,
  });
  return { status: response.statusCode, body: response.json() };
};

let serial = 0;
async function contact(org: TestOrg, tag: string) {
  const email = `in${++serial}-${Date.now()}@example.org`;
  const created = await org.owner.post(`/api/orgs/${org.slug}/contacts`, { name: `读者${serial}`, email, tags: [tag] });
  await org.owner.post(`/api/orgs/${org.slug}/contacts/${created.body.id}/consents`, {
    channel: 'email',
    purpose: 'newsletter',
    status: 'granted',
    source: 'staff',
    evidence: { type: 'staff_entry', ref: 'test' },
  });
  return { id: created.body.id as number, email };
}

/** Sends a mailing to everyone with the tag through smtp-sink; each address's raw copy. */
async function sendMailing(org: TestOrg, tag: string) {
  const api = (path: string) => `/api/orgs/${org.slug}${path}`;
  const created = await org.owner.post(api('/mailings'), {
    name: `通讯 ${tag}`,
    subject: '{{ greeting }}，春天的消息',
    content: { editor: 'blocks', blocks: [{ type: 'paragraph', text: '梭梭林又种下 1,000 棵。' }] },
    audience: { tags: [tag] },
  });
  const id = created.body.id as number;
  expect((await org.owner.post(api(`/mailings/${id}/send`), {})).status).toBe(200);
  expect(await runMailing(t.deps, org.org.id, id)).toBe('finished');
  const copyTo = async (email: string) => (await sink!.messages()).find((m) => m.includes(`<${email}>`))!;
  return { id, copyTo, stats: async () => (await org.owner.get(api(`/mailings/${id}`))).body.stats };
}

/** The header block of a received copy, without smtp-sink's own envelope lines. */
const headersOf = (raw: string) =>
  raw
    .split(/\r?\n\r?\n/)[0]!
    .split(/\r?\n(?=\S)/)
    .filter((field) => !/^X-(Client|Mail|Rcpt)-/i.test(field))
    .join('\r\n');

let reports = 0;
/** A DSN as Postfix writes one: multipart/report with message/delivery-status and text/rfc822-headers. */
const dsn = (returnedHeaders: string, recipient: string, status = '5.1.1', action = 'failed') =>
  crlf(`From: MAILER-DAEMON@mx.example.com (Mail Delivery System)
To: news@ngo.example.org
Subject: Undelivered Mail Returned to Sender
Message-ID: <dsn-${++reports}@mx.example.com>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
	boundary="7A1B2C3D.1700000000/mx.example.com"

--7A1B2C3D.1700000000/mx.example.com
Content-Description: Notification
Content-Type: text/plain; charset=us-ascii

This is the mail system at host mx.example.com.
I'm sorry to have to inform you that your message could not
be delivered to one or more recipients.

--7A1B2C3D.1700000000/mx.example.com
Content-Description: Delivery report
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.com
X-Postfix-Queue-ID: 7A1B2C3D
Arrival-Date: Mon,  7 Dec 2026 10:00:00 +0800 (CST)

Final-Recipient: rfc822; ${recipient}
Original-Recipient: rfc822;${recipient}
Action: ${action}
Status: ${status}
Remote-MTA: dns; mx.example.org
Diagnostic-Code: smtp; 550 ${status} <${recipient}>: Recipient address rejected:
    User unknown in virtual mailbox table

--7A1B2C3D.1700000000/mx.example.com
Content-Description: Undelivered Message Headers
Content-Type: text/rfc822-headers

${returnedHeaders}

--7A1B2C3D.1700000000/mx.example.com--
`);

/** An ARF report (RFC 5965) returning the whole copy, as mailbox providers' feedback loops send them. */
const arf = (copy: string, recipient: string) =>
  crlf(`From: <fbl@mail.example.net>
To: <news@ngo.example.org>
Subject: FW: complaint
Message-ID: <arf-${++reports}@mail.example.net>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=feedback-report;
     boundary="part1_arf"

--part1_arf
Content-Type: text/plain; charset="US-ASCII"

This is an email abuse report.

--part1_arf
Content-Type: message/feedback-report

Feedback-Type: abuse
User-Agent: SomeGenerator/1.0
Version: 1
Original-Rcpt-To: <${recipient}>
Reporting-MTA: dns; mail.example.net

--part1_arf
Content-Type: message/rfc822
Content-Disposition: inline

${headersOf(copy)}

(body)
--part1_arf--
`);

/** What a mail client sends for the mailto: of List-Unsubscribe. */
function mailtoUnsubscribe(copy: string, from: string) {
  const unfolded = copy.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ');
  const mailto = /^List-Unsubscribe: .*<(mailto:[^>]+)>/m.exec(unfolded)![1]!;
  const url = new URL(mailto);
  const subject = url.searchParams.get('subject')!;
  return crlf(
    `From: <${from}>\nTo: <${url.pathname}>\nSubject: ${subject}\nMessage-ID: <unsub-${++reports}@example.org>\n\n\n`,
  );
}

const suppressions = async (org: TestOrg) => (await org.owner.get(`/api/orgs/${org.slug}/email-suppressions`)).body;
const consentsOf = async (org: TestOrg, id: number) =>
  (await org.owner.get(`/api/orgs/${org.slug}/contacts/${id}/consents`)).body;

describe('inbound email (bounce notices, complaint reports, mailto: unsubscribes)', () => {
  it('asks for the secret, with a stable code', async () => {
    for (const authorization of ['', 'Bearer wrong-secret-0123456789abcdef', `Basic ${btoa('x:nope')}`]) {
      const refused = await deliver('Subject: x\r\n\r\n', authorization);
      expect(refused.status).toBe(401);
      expect(refused.body.error).toMatchObject({ code: 'INBOUND_SECRET_INVALID' });
      expect(refused.body.error.fields[0].path).toBe('headers.authorization');
    }
    // Services that take only a URL put the secret in it as the password.
    const basic = await deliver('Subject: x\r\n\r\n', `Basic ${btoa(`inbound:${SECRET}`)}`);
    expect(basic).toEqual({ status: 200, body: { outcome: 'ignored', detail: 'neither a report nor an unsubscribe' } });
  });

  it('ignores garbage and says so', async () => {
    for (const raw of ['', 'garbage', '\u0000\u0001\u0002', 'Content-Type: multipart/report; boundary=\r\n\r\n--']) {
      const answer = await deliver(raw);
      expect(answer.status).toBe(200);
      expect(answer.body.outcome).toBe('ignored');
    }
  });

  it.runIf(smtpSinkInstalled)(
    'a bounce notice marks its copy bounced and suppresses the address, once; a 4.x.x or delay changes nothing',
    async () => {
      const [a, e, d] = [await contact(o, 'dsn'), await contact(o, 'dsn'), await contact(o, 'dsn')];
      const mailing = await sendMailing(o, 'dsn');
      expect(await mailing.stats()).toMatchObject({ sent: 3, bounced: 0 });

      const notice = dsn(headersOf(await mailing.copyTo(a.email)), a.email);
      expect(await deliver(notice)).toEqual({
        status: 200,
        body: { outcome: 'bounced', detail: `mailing ${mailing.id}: 5.1.1` },
      });
      // The same notice again (a retried pipe, a forwarding service's redelivery) changes nothing.
      expect((await deliver(notice)).body).toEqual({ outcome: 'ignored', detail: 'the copy is already bounced' });

      // Without the send id, the deterministic Message-ID finds the copy.
      const withoutSendId = headersOf(await mailing.copyTo(e.email))
        .split('\r\n')
        .filter((line) => !line.startsWith('X-Commonweal-Send-Id'))
        .join('\r\n');
      expect((await deliver(dsn(withoutSendId, e.email, '5.2.1'))).body.outcome).toBe('bounced');

      // Transient: delayed, or failed with a 4.x.x.
      const dHeaders = headersOf(await mailing.copyTo(d.email));
      expect((await deliver(dsn(dHeaders, d.email, '4.4.1', 'delayed'))).body.outcome).toBe('ignored');
      expect((await deliver(dsn(dHeaders, d.email, '4.2.2'))).body.outcome).toBe('ignored');

      expect(await mailing.stats()).toMatchObject({ sent: 1, bounced: 2 });
      const page = (await o.owner.get(`/api/orgs/${o.slug}/mailings/${mailing.id}/recipients?status=bounced`)).body;
      expect(page.items.map((r: { contactId: number }) => r.contactId).sort()).toEqual([a.id, e.id].sort());
      expect(page.items.find((r: { contactId: number }) => r.contactId === a.id).reason).toMatch(
        /^bounce notice 5\.1\.1: smtp; 550 5\.1\.1/,
      );
      const list = await suppressions(o);
      expect(list).toContainEqual(
        expect.objectContaining({
          email: a.email,
          reason: 'bounce',
          origin: 'bounce-notice',
          note: expect.stringMatching(/^bounce notice /),
        }),
      );
      expect(list).toContainEqual(expect.objectContaining({ email: e.email, reason: 'bounce' }));
      expect(list.find((s: { email: string }) => s.email === d.email)).toBeUndefined();
    },
  );

  it.runIf(smtpSinkInstalled)(
    'a complaint report suppresses the address and withdraws its email consents, pointing at the report',
    async () => {
      const b = await contact(o, 'arf');
      const mailing = await sendMailing(o, 'arf');
      const report = arf(await mailing.copyTo(b.email), b.email);
      expect((await deliver(report)).body).toEqual({
        outcome: 'complained',
        detail: `mailing ${mailing.id}: abuse`,
      });
      expect((await deliver(report)).body.outcome).toBe('ignored');
      const entry = (await suppressions(o)).find((s: { email: string }) => s.email === b.email);
      expect(entry).toMatchObject({ reason: 'complaint', origin: 'complaint-report' });
      expect(entry.note).toMatch(/^complaint report \(abuse\) <arf-\d+@mail\.example\.net> on mailing \d+$/);
      const consents = await consentsOf(o, b.id);
      expect(consents.current).toEqual([expect.objectContaining({ purpose: 'newsletter', status: 'withdrawn' })]);
      expect(consents.current[0].evidence).toMatchObject({ type: 'email_reply', ref: 'complaint', text: entry.note });
      expect(consents.history.filter((k: { status: string }) => k.status === 'withdrawn')).toHaveLength(1);
    },
  );

  it.runIf(smtpSinkInstalled)('a mailto: unsubscribe withdraws what its signed token names, once', async () => {
    const c = await contact(o, 'mailto');
    const mailing = await sendMailing(o, 'mailto');
    const copy = await mailing.copyTo(c.email);
    const request = mailtoUnsubscribe(copy, c.email);
    expect((await deliver(request)).body).toEqual({ outcome: 'unsubscribed', detail: 'email / newsletter' });
    expect((await deliver(request)).body).toEqual({ outcome: 'ignored', detail: 'already unsubscribed' });
    const consents = await consentsOf(o, c.id);
    expect(consents.current).toEqual([
      expect.objectContaining({
        status: 'withdrawn',
        source: 'unsubscribe',
        evidence: expect.objectContaining({ type: 'email_reply', ref: 'mailto-unsubscribe' }),
      }),
    ]);
    expect(await mailing.stats()).toMatchObject({ sent: 1, unsubscribed: 1 });

    // A token with one character changed is refused, whoever sends it.
    const forged = request.replace(
      /(unsubscribe u1\.\S+?)(.)(\r\n)/,
      (_, head: string, last: string, end: string) => `${head}${last === 'A' ? 'B' : 'A'}${end}`,
    );
    expect(forged).not.toBe(request);
    expect((await deliver(forged)).body.outcome).toBe('ignored');
  });

  it.runIf(smtpSinkInstalled)(
    "forged notices change nothing: unknown ids, another organization's ids, another address",
    async () => {
      const mine = await contact(o, 'forged');
      const theirs = await contact(other, 'forged');
      const ours = await sendMailing(o, 'forged');
      const their = await sendMailing(other, 'forged');
      const myHeaders = headersOf(await ours.copyTo(mine.email));
      const theirHeaders = headersOf(await their.copyTo(theirs.email));

      const unknown = myHeaders.replace(
        /message=mailing-\d+; recipient=c\d+/,
        'message=mailing-999999999; recipient=c1',
      );
      expect((await deliver(dsn(unknown, mine.email))).body).toEqual({
        outcome: 'ignored',
        detail: 'the notice returns no copy of a mailing',
      });
      // The other organization's ids with this organization's address: their copy went elsewhere.
      expect((await deliver(dsn(theirHeaders, mine.email))).body.outcome).toBe('ignored');
      // Our ids, someone else's address.
      expect((await deliver(dsn(myHeaders, theirs.email))).body.outcome).toBe('ignored');
      expect((await deliver(arf(await their.copyTo(theirs.email), mine.email))).body.outcome).toBe('ignored');
      const test = myHeaders.replace(/message=mailing-\d+; recipient=c\d+/, 'message=mailing-1-test-1; recipient=t0');
      expect((await deliver(dsn(test, mine.email))).body.outcome).toBe('ignored');

      expect(await ours.stats()).toMatchObject({ sent: 1, bounced: 0 });
      expect(await their.stats()).toMatchObject({ sent: 1, bounced: 0 });
      expect(await suppressions(other)).toEqual([]);
      expect((await suppressions(o)).find((s: { email: string }) => s.email === mine.email)).toBeUndefined();
      expect((await consentsOf(other, theirs.id)).current).toEqual([expect.objectContaining({ status: 'granted' })]);
      // What staff add says so.
      await other.owner.post(`/api/orgs/${other.slug}/email-suppressions`, {
        email: theirs.email,
        reason: 'complaint',
      });
      expect(await suppressions(other)).toEqual([expect.objectContaining({ reason: 'complaint', origin: 'staff' })]);
    },
  );
});

const bin = fileURLToPath(new URL('../../../bin/commonweal.js', import.meta.url));

/** The real `commonweal mail-in`, fed the message on standard input as a mail server's pipe does. */
const mailIn = (args: string[], input: string) =>
  new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [bin, 'mail-in', ...args], {
      env: { ...process.env, EMAIL_INBOUND_SECRET: SECRET },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });

describe('commonweal mail-in', () => {
  it('answers --help', async () => {
    const help = await mailIn(['--help'], '');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('EX_TEMPFAIL');
  });

  it.runIf(smtpSinkInstalled)(
    'hands a piped message to the server; exit 0 when handled or ignored, 75 when it cannot be reached',
    async () => {
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      const url = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
      const c = await contact(o, 'pipe');
      const mailing = await sendMailing(o, 'pipe');
      const piped = await mailIn(['--url', url], mailtoUnsubscribe(await mailing.copyTo(c.email), c.email));
      expect(piped.code).toBe(0);
      expect(JSON.parse(piped.stdout)).toEqual({ outcome: 'unsubscribed', detail: 'email / newsletter' });
      const garbage = await mailIn(['--url', url], 'not a message');
      expect(garbage.code).toBe(0);
      expect(JSON.parse(garbage.stdout).outcome).toBe('ignored');
      const down = await mailIn(['--url', 'http://127.0.0.1:1'], 'Subject: x\r\n\r\n');
      expect(down.code).toBe(75);
    },
  );
});

describe('inbound email without EMAIL_INBOUND_SECRET', () => {
  it('is off', async () => {
    const off = await testApp();
    try {
      const response = await off.app.inject({
        method: 'POST',
        url: '/api/email/inbound',
        headers: { 'content-type': 'message/rfc822', authorization: `Bearer ${SECRET}` },
        payload: 'Subject: x\r\n\r\n',
      });
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe('NOT_FOUND');
    } finally {
      await off.close();
    }
  });
});
