import { simpleParser } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import { compileEmailTemplate, mergeFieldsFor, renderEmail } from '../../modules/email/index.ts';
import { signUnsubscribeToken, unsubscribeKeyring, unsubscribeLinks } from '../../modules/email/index.ts';
import { verifyUnsubscribeToken } from '../../modules/email/index.ts';
import { freePort } from '../../testing/free-port.ts';
import { smtpSinkInstalled, startSmtpSink, type SmtpSink } from '../../testing/smtp-sink.ts';
import type { OutgoingEmail } from './message.ts';
import { createSmtpTransport, type SmtpTransportOptions } from './smtp.ts';
import type { EmailTransport } from './transport.ts';

if (!smtpSinkInstalled) {
  console.warn(
    'SMTP suite SKIPPED: smtp-sink is not installed (DEBIAN_FRONTEND=noninteractive apt-get install -y postfix).',
  );
}

const keyring = unsubscribeKeyring('k'.repeat(64));
const claims = {
  orgId: '0b7c6a1e-4a7f-4d5e-9a43-2f1f2d1c9e10',
  contactId: 7,
  channel: 'email',
  purpose: 'newsletter',
} as const;
const links = unsubscribeLinks(
  'https://ngo.example.org',
  'unsubscribe@ngo.example.org',
  signUnsubscribeToken(keyring, claims),
);

const email = (overrides: Partial<OutgoingEmail> = {}): OutgoingEmail => ({
  from: { name: '绿色家园', address: 'news@ngo.example.org' },
  to: { name: '张三', address: 'zhang@example.com' },
  subject: '春季通讯',
  html: '<p>你好</p>',
  text: '你好',
  sendId: { messageId: 'campaign-1', recipientId: 'contact-7' },
  unsubscribe: { url: links.unsubscribeUrl, mailto: links.mailto },
  ...overrides,
});

const fastRetry = { attempts: 3, baseDelayMs: 5, maxDelayMs: 20 };
const headerLines = (raw: string) => raw.slice(0, raw.search(/\r?\n\r?\n/)).split(/\r?\n/);
/** Header values as they arrived, unfolded, for every header of that name. */
const rawHeader = (raw: string, name: string) =>
  headerLines(raw)
    .join('\n')
    .replace(/\n[ \t]+/g, ' ')
    .split('\n')
    .filter((line) => line.toLowerCase().startsWith(`${name.toLowerCase()}:`))
    .map((line) => line.slice(name.length + 1).trim());

describe.skipIf(!smtpSinkInstalled)('SMTP transport against smtp-sink', () => {
  const started: Array<SmtpSink | EmailTransport> = [];
  const sink = async (options: string[] = [], port?: number) => {
    const s = await startSmtpSink(options, port);
    started.push(s);
    return s;
  };
  const transport = (options: Partial<SmtpTransportOptions> & { url: string }) => {
    const t = createSmtpTransport({ messagesPerSecond: 1_000, retry: fastRetry, ...options });
    started.push(t);
    return t;
  };
  afterEach(async () => {
    for (const s of started.splice(0).reverse()) {
      if ('send' in s) s.close();
      else await s.stop();
    }
  });

  it('delivers a rendered email with escaped merge data, one-click unsubscribe and the send id', async () => {
    const server = await sink();
    const template = compileEmailTemplate({
      subject: '{{ organization_name }}：春季通讯',
      html: '<p>{{ greeting }}：</p>',
      text: '{{ greeting }}：\n感谢您。',
    });
    const fields = mergeFieldsFor({ contactName: '<script>alert(1)</script>', organizationName: '绿色家园', ...links });
    const rendered = renderEmail(template, fields);
    const outcome = await transport({ url: server.url }).send(email(rendered));
    expect(outcome).toMatchObject({ status: 'sent', attempts: 1 });

    const [raw] = await server.waitForMessages(1);
    const parsed = await simpleParser(raw!);
    expect(parsed.subject).toBe('绿色家园：春季通讯');
    expect(parsed.html).toContain('尊敬的&lt;script&gt;alert(1)&lt;/script&gt;：');
    expect(parsed.html).not.toContain('<script>');
    expect(parsed.text).toContain('尊敬的<script>alert(1)</script>：');
    expect(rawHeader(raw!, 'List-Unsubscribe-Post')).toEqual(['List-Unsubscribe=One-Click']);
    expect(rawHeader(raw!, 'X-Commonweal-Send-Id')).toEqual(['message=campaign-1; recipient=contact-7']);
    expect(parsed.messageId).toBe(outcome.status === 'sent' && outcome.messageId);
    expect(parsed.messageId).toMatch(/^<[0-9a-f]{32}@ngo\.example\.org>$/);

    // The unsubscribe header carries both URLs, and its token verifies back to the contact.
    expect(rawHeader(raw!, 'List-Unsubscribe')).toEqual([`<${links.unsubscribeUrl}>, <${links.mailto}>`]);
    const token = new URL(links.unsubscribeUrl).pathname.split('/').pop()!;
    expect(verifyUnsubscribeToken(keyring, token)).toEqual({ ok: true, claims });
  });

  it('neutralizes header injection through names and subjects', async () => {
    const server = await sink();
    const outcome = await transport({ url: server.url }).send(
      email({
        from: { name: '绿色家园\r\nBcc: from-victim@example.com', address: 'news@ngo.example.org' },
        to: { name: '张三\r\nBcc: victim@example.com\r\nX-Injected: yes', address: 'zhang@example.com' },
        subject: '你好\r\nX-Injected: yes\n\n<html>body</html>',
      }),
    );
    expect(outcome.status).toBe('sent');
    const [raw] = await server.waitForMessages(1);
    const lines = headerLines(raw!);
    expect(lines.filter((l) => /^(bcc|cc|x-injected):/i.test(l))).toEqual([]);
    expect(lines.filter((l) => l.startsWith('X-Rcpt-Args:'))).toEqual(['X-Rcpt-Args: <zhang@example.com>']);
    const parsed = await simpleParser(raw!);
    expect(parsed.subject).toBe('你好 X-Injected: yes <html>body</html>');
    expect(parsed.headers.get('x-injected')).toBeUndefined();
  });

  it('keeps a display name that looks like more addresses as one quoted name', async () => {
    const server = await sink();
    const name = '"Admin" <attacker@example.com>, victim@example.com; \u2028X-Injected: yes';
    expect(
      (await transport({ url: server.url }).send(email({ to: { name, address: 'zhang@example.com' } }))).status,
    ).toBe('sent');
    const [raw] = await server.waitForMessages(1);
    const parsed = await simpleParser(raw!);
    const to = Array.isArray(parsed.to) ? parsed.to : [parsed.to!];
    expect(to.flatMap((t) => t.value.map((v) => v.address))).toEqual(['zhang@example.com']);
    expect(headerLines(raw!).filter((l) => /^x-injected:/i.test(l))).toEqual([]);
    expect(rawHeader(raw!, 'X-Rcpt-Args')).toEqual(['<zhang@example.com>']);
  });

  it('refuses an address with a line break or a second address, and sends nothing', async () => {
    const server = await sink();
    const mailer = transport({ url: server.url });
    for (const address of ['zhang@example.com\r\nBcc: victim@example.com', 'zhang@example.com, victim@example.com']) {
      const outcome = await mailer.send(email({ to: { address } }));
      expect(outcome).toMatchObject({
        status: 'failed',
        attempts: 0,
        failure: { kind: 'permanent', reason: 'invalid-message' },
      });
    }
    expect(await server.messages()).toEqual([]);
  });

  it('holds to the provider rate limit', async () => {
    const server = await sink();
    const mailer = transport({ url: server.url, messagesPerSecond: 4, maxConnections: 2 });
    const started = Date.now();
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, (_, i) => mailer.send(email({ sendId: { messageId: 'm', recipientId: `r${i}` } }))),
    );
    // 4 in the first second, 4 in the second, 2 in the third.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_900);
    expect(outcomes.every((o) => o.status === 'sent')).toBe(true);
    expect(await server.waitForMessages(10)).toHaveLength(10);
  });

  it.each([
    ['421 and a hang-up after MAIL', ['-Q', 'MAIL'], 421],
    ['450 to RCPT', ['-r', 'RCPT'], 450],
    ['451 to DATA', ['-r', 'DATA', '-b', '451 4.7.1 Try again later'], 451],
    ['452 to RCPT', ['-r', 'RCPT', '-b', '452 4.5.3 Too many recipients'], 452],
  ])('retries throttling (%s) with backoff, then reports it as temporary', async (_name, options, code) => {
    const server = await sink(options);
    const retries: number[] = [];
    const outcome = await transport({ url: server.url, onRetry: (f, attempt) => void retries.push(attempt) }).send(
      email(),
    );
    expect(outcome).toMatchObject({
      status: 'failed',
      attempts: 3,
      failure: { kind: 'temporary', reason: 'throttled', code },
    });
    expect(retries).toEqual([1, 2]);
    expect(await server.messages()).toHaveLength(0);
  });

  it.each([
    ['500 to RCPT', ['-f', 'RCPT'], 500],
    ['550 to RCPT', ['-f', 'RCPT', '-B', '550 5.1.1 No such user'], 550],
    ['554 to DATA', ['-f', 'DATA', '-B', '554 5.7.1 Rejected as spam'], 554],
  ])('does not retry a permanent failure (%s)', async (_name, options, code) => {
    const server = await sink(options);
    const outcome = await transport({ url: server.url }).send(email());
    expect(outcome).toMatchObject({
      status: 'failed',
      attempts: 1,
      failure: { kind: 'permanent', reason: 'rejected', code },
    });
  });

  it('retries when the server cannot be reached, then reports a connection failure', async () => {
    const outcome = await transport({ url: `smtp://127.0.0.1:${await freePort()}` }).send(email());
    expect(outcome).toMatchObject({
      status: 'failed',
      attempts: 3,
      failure: { kind: 'temporary', reason: 'connection' },
    });
  });

  it('delivers once the throttling server recovers', async () => {
    let server = await sink(['-Q', 'MAIL']);
    const port = server.port;
    const mailer = transport({
      url: server.url,
      onRetry: async () => {
        await server.stop();
        started.splice(started.indexOf(server), 1);
        server = await sink([], port);
      },
    });
    const outcome = await mailer.send(email());
    expect(outcome).toMatchObject({ status: 'sent', attempts: 2 });
    expect(await server.waitForMessages(1)).toHaveLength(1);
  });

  it('delivers once a server that was down comes up', async () => {
    const port = await freePort();
    let server: SmtpSink | undefined;
    const mailer = transport({
      url: `smtp://127.0.0.1:${port}`,
      onRetry: async () => {
        server ??= await sink([], port);
      },
    });
    expect(await mailer.send(email())).toMatchObject({ status: 'sent', attempts: 2 });
    expect(await server!.waitForMessages(1)).toHaveLength(1);
  });
});
