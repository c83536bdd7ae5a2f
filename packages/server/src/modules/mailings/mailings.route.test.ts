import { sql } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSmtpTransport } from '../../adapters/email/index.ts';
import { testApp, type TestApp } from '../../testing/app.ts';
import { buildOrg, type TestOrg } from '../../testing/factories.ts';
import { smtpSinkInstalled, startSmtpSink, type SmtpSink } from '../../testing/smtp-sink.ts';
import { runMailing } from './sender.ts';

let sink: SmtpSink | undefined;
let t: TestApp;
let o: TestOrg;
const api = (path: string) => `/api/orgs/${o.slug}${path}`;

beforeAll(async () => {
  if (smtpSinkInstalled) sink = await startSmtpSink();
  t = await testApp(sink ? { env: { SMTP_URL: sink.url, EMAIL_FROM: 'news@ngo.example.org' } } : {});
  o = await buildOrg(t, { name: '绿洲治沙' });
});
afterAll(async () => {
  await t?.close();
  await sink?.stop();
});

let serial = 0;
/** A contact with the tag, and (unless told otherwise) email consent for the newsletter. */
async function contact(name: string, tag: string, consent = true) {
  const email = `p${++serial}-${Date.now()}@example.org`;
  const created = await o.owner.post(api('/contacts'), { name, email, tags: [tag] });
  expect(created.status).toBe(201);
  if (consent) {
    const granted = await o.owner.post(api(`/contacts/${created.body.id}/consents`), {
      channel: 'email',
      purpose: 'newsletter',
      status: 'granted',
      source: 'staff',
      evidence: { type: 'staff_entry', ref: 'test' },
    });
    expect(granted.status).toBe(201);
  }
  return { id: created.body.id as number, email };
}

const blocks = (text: string) => ({
  editor: 'blocks',
  blocks: [
    { type: 'heading', text: '春季通讯' },
    { type: 'paragraph', text },
    { type: 'button', text: '查看项目', url: 'https://ngo.example.org/p' },
  ],
});

async function draft(tag: string, subject = '{{ greeting }}，春天的消息') {
  const created = await o.owner.post(api('/mailings'), {
    name: `通讯 ${tag}`,
    subject,
    content: blocks('{{ greeting }}：梭梭林又种下 1,000 棵。'),
    audience: { tags: [tag] },
  });
  expect(created.status).toBe(201);
  return created.body.id as number;
}

/** The https URL of the List-Unsubscribe header, as a mail client reads it. */
const listUnsubscribe = (raw: string) => {
  const unfolded = raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ');
  return /^List-Unsubscribe: <(http[^>]+)>/m.exec(unfolded)?.[1] ?? '';
};

const messagesTo = async (emails: string[]) =>
  (await sink!.messages()).filter((m) => emails.some((e) => m.includes(`To: `) && m.includes(e)));

describe('mailings (群发邮件)', () => {
  it('keep drafts; a template mistake is refused at its block, in Chinese, with line and column', async () => {
    const bad = await o.owner.post(api('/mailings'), {
      name: '坏模板',
      content: { editor: 'blocks', blocks: [{ type: 'paragraph', text: '你好 {{ nickname }}' }] },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('TEMPLATE_INVALID');
    expect(bad.body.error.fields[0].path).toBe('content.blocks.0.text');
    expect(bad.body.error.fields[0].message).toContain('未知的合并字段 nickname');
    const code = await o.owner.post(api('/mailings'), {
      name: '坏代码',
      content: { editor: 'code', html: '<p>\n{% if greeting %}</p>' },
    });
    expect(code.status).toBe(422);
    expect(code.body.error.fields[0].path).toBe('html');

    const id = await draft('draft-only');
    const patched = await o.owner.patch(api(`/mailings/${id}`), { name: '改名' });
    expect(patched.body).toMatchObject({ name: '改名', status: 'draft', purpose: 'newsletter' });
    expect(patched.body.content.blocks).toHaveLength(3);
    const viewer = await o.member('viewer');
    expect((await viewer.post(api('/mailings'), { name: 'x' })).status).toBe(403);
    expect((await viewer.get(api(`/mailings/${id}`))).status).toBe(200);
    const coordinator = await o.member('coordinator');
    expect((await coordinator.post(api(`/mailings/${id}/send`), {})).status).toBe(403);
    expect((await o.owner.delete(api(`/mailings/${id}`))).status).toBe(204);
    expect((await o.owner.get(api(`/mailings/${id}`))).status).toBe(404);
  });

  it('say how email leaves the server', async () => {
    const delivery = await o.owner.get(api('/mailings/delivery'));
    expect(delivery.body).toEqual(
      smtpSinkInstalled
        ? { mode: 'smtp', messagesPerSecond: 20, outbox: null }
        : { mode: 'none', messagesPerSecond: null, outbox: null },
    );
  });

  it('preview escapes merge data and keeps the subject on one line', async () => {
    const preview = await o.owner.post(api('/mailings/preview'), {
      subject: '你好\r\nBcc: x@evil.example {{ organization_name }}',
      content: { editor: 'code', html: '<p>{{ greeting }}</p><a href="https://a.example">看看</a>' },
    });
    expect(preview.status).toBe(200);
    expect(preview.body.subject).toBe('你好 Bcc: x@evil.example 绿洲治沙');
    expect(preview.body.text).toContain('看看（https://a.example）');
    expect(preview.body.html).toContain('退订');
  });

  it('count the audience: in the tag, with an address, consent for the purpose, not suppressed', async () => {
    const tag = 'count';
    await contact('甲', tag);
    await contact('乙', tag, false);
    const suppressed = await contact('丙', tag);
    expect(
      (await o.owner.post(api('/email-suppressions'), { email: suppressed.email.toUpperCase(), reason: 'complaint' }))
        .status,
    ).toBe(201);
    const count = await o.owner.post(api('/mailings/audience'), { audience: { tags: [tag] }, purpose: 'newsletter' });
    expect(count.body).toEqual({ contacts: 3, reachable: 1 });
    // The complaint also withdrew the complainer's email consent, so lifting the suppression does not make them reachable.
    const consents = (await o.owner.get(api(`/contacts/${suppressed.id}/consents`))).body;
    expect(consents.current).toEqual([
      expect.objectContaining({ channel: 'email', purpose: 'newsletter', status: 'withdrawn' }),
    ]);
    expect((await o.owner.delete(api(`/email-suppressions/${encodeURIComponent(suppressed.email)}`))).status).toBe(204);
    const lifted = await o.owner.post(api('/mailings/audience'), { audience: { tags: [tag] }, purpose: 'newsletter' });
    expect(lifted.body).toEqual({ contacts: 3, reachable: 1 });
    const other = await o.owner.post(api('/mailings/audience'), { audience: { tags: [tag] }, purpose: 'events' });
    expect(other.body).toEqual({ contacts: 3, reachable: 0 });
    const badSegment = await o.owner.post(api('/mailings/audience'), {
      audience: { segmentIds: [999999] },
      purpose: 'newsletter',
    });
    expect(badSegment.status).toBe(400);
    expect(badSegment.body.error.fields[0].path).toBe('audience.segmentIds.0');
  });

  it.runIf(smtpSinkInstalled)(
    'send to consenting contacts with one-click unsubscribe, skip an unsubscribe made mid-send, never send twice',
    async () => {
      const tag = 'spring';
      const [a, b, c] = [await contact('<b>马兰</b>', tag), await contact('何平', tag), await contact('沈一', tag)];
      await contact('无同意', tag, false);
      const id = await draft(tag);

      const test = await o.owner.post(api(`/mailings/${id}/test`), { emails: ['staff@ngo.example.org'] });
      expect(test.body.results).toEqual([{ email: 'staff@ngo.example.org', status: 'sent' }]);

      const sent = await o.owner.post(api(`/mailings/${id}/send`), {});
      expect(sent.status).toBe(200);
      expect(sent.body).toMatchObject({ status: 'sending', stats: { recipients: 3, pending: 3 } });
      // Another send of the same mailing is refused.
      expect((await o.owner.post(api(`/mailings/${id}/send`), {})).body.error.code).toBe('MAILING_STATE');

      // 沈一 unsubscribes after the recipients were listed, before the sender reaches them.
      const first = (await sink!.waitForMessages(1)).find((m) => m.includes('staff@ngo.example.org'))!;
      const parsedTest = await simpleParser(first);
      const unsubscribeLink = listUnsubscribe(first);
      expect(unsubscribeLink).toMatch(/\/email\/unsubscribe\/test$/);
      expect(parsedTest.subject).toMatch(/^\[测试\] /);
      await o.owner.post(api(`/contacts/${c.id}/consents`), {
        channel: 'email',
        purpose: 'newsletter',
        status: 'withdrawn',
        source: 'staff',
      });
      // A sender that crashed with 何平's copy in flight: it may have gone, so it is never sent again.
      await t.deps.db.execute(
        sql`update mailing_recipients set status = 'sending' where org_id = ${o.org.id} and mailing_id = ${id} and contact_id = ${b.id}`,
      );

      expect(await runMailing(t.deps, o.org.id, id)).toBe('finished');
      expect(await runMailing(t.deps, o.org.id, id)).toBe('busy');

      const report = (await o.owner.get(api(`/mailings/${id}`))).body;
      expect(report).toMatchObject({
        status: 'sent',
        stats: { recipients: 3, sent: 1, skipped: 1, uncertain: 1, pending: 0, unsubscribed: 1 },
      });
      const raws = await messagesTo([a.email, b.email, c.email]);
      expect(raws).toHaveLength(1);
      const mail = await simpleParser(raws[0]!);
      expect(mail.subject).toBe('尊敬的<b>马兰</b>，春天的消息');
      expect(mail.html).toContain('尊敬的&lt;b&gt;马兰&lt;/b&gt;');
      expect(mail.text).toContain('查看项目：https://ngo.example.org/p');
      // Tracking is off unless the organization turns it on.
      expect(mail.html).not.toContain('/email/o/');
      expect(mail.html).toContain('href="https://ngo.example.org/p"');
      expect(raws[0]).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);
      expect(mail.from?.value[0]).toMatchObject({ name: '绿洲治沙', address: 'news@ngo.example.org' });

      // The recipient's mail client follows the one-click unsubscribe (RFC 8058).
      const oneClick = listUnsubscribe(raws[0]!);
      const path = new URL(oneClick).pathname;
      const posted = await t.app.inject({
        method: 'POST',
        url: path,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'List-Unsubscribe=One-Click',
      });
      expect(posted.statusCode).toBe(200);
      const consents = await o.owner.get(api(`/contacts/${a.id}/consents`));
      expect(JSON.stringify(consents.body)).toContain('withdrawn');
      const after = (await o.owner.get(api(`/mailings/${id}`))).body;
      expect(after.stats.unsubscribed).toBe(2);

      // The preferences page of the same link: the newsletter, now unticked; ticking it again is a new grant.
      const preferences = path.replace('/email/unsubscribe/', '/email/preferences/');
      const shown = await t.app.inject({ method: 'GET', url: `${preferences}?lang=zh-CN` });
      expect(shown.statusCode).toBe(200);
      expect(shown.body).toContain('通讯简报');
      expect(shown.body).not.toMatch(/value="newsletter"\s+checked/);
      const regranted = await t.app.inject({
        method: 'POST',
        url: preferences,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'purpose=newsletter',
      });
      expect(regranted.body).toMatch(/value="newsletter"\s+checked/);
      const latest = (await o.owner.get(api(`/contacts/${a.id}/consents`))).body;
      expect(JSON.stringify(latest.current)).toContain('"status":"granted"');
      const forged = await t.app.inject({ method: 'GET', url: `${preferences.slice(0, -2)}xx` });
      expect(forged.statusCode).toBe(404);

      const page = await o.owner.get(api(`/mailings/${id}/recipients?status=uncertain`));
      expect(page.body.items).toEqual([expect.objectContaining({ contactId: b.id, status: 'uncertain' })]);
      const audit = await t.deps.db.execute(
        sql`select count(*)::int as n from audit_events where org_id = ${o.org.id} and action = 'mailing.recipients.read'`,
      );
      expect((audit as unknown as { rows: { n: number }[] }).rows[0]!.n).toBe(1);

      // Erasing 何平 removes the address from the report; the copy's fate stays.
      expect((await o.owner.post(api(`/contacts/${b.id}/erase`), {})).status).toBe(200);
      const erased = await o.owner.get(api(`/mailings/${id}/recipients?status=uncertain`));
      expect(erased.body.items).toEqual([
        expect.objectContaining({ contactId: b.id, email: '', name: expect.not.stringContaining('何平') }),
      ]);
    },
  );

  it.runIf(smtpSinkInstalled)('pause stops the sender; resume goes on; cancel skips what is left', async () => {
    const tag = 'pause';
    for (const name of ['一', '二', '三', '四']) await contact(name, tag);
    const id = await draft(tag);
    await o.owner.post(api(`/mailings/${id}/send`), {});
    expect((await o.owner.post(api(`/mailings/${id}/pause`))).body.status).toBe('paused');
    expect(await runMailing(t.deps, o.org.id, id)).toBe('busy');
    expect((await o.owner.post(api(`/mailings/${id}/resume`))).body.status).toBe('sending');
    // A run whose time is up hands over; the next goes on where it stopped.
    expect(await runMailing(t.deps, o.org.id, id, { batchSize: 1, budgetMs: 0 })).toBe('continue');
    expect((await o.owner.get(api(`/mailings/${id}`))).body.stats).toMatchObject({ sent: 1, pending: 3 });
    expect(await runMailing(t.deps, o.org.id, id, { batchSize: 1 })).toBe('finished');
    expect((await o.owner.get(api(`/mailings/${id}`))).body.stats).toMatchObject({ sent: 4, pending: 0 });

    const cancelled = await draft(tag);
    await o.owner.post(api(`/mailings/${cancelled}/send`), {});
    const body = (await o.owner.post(api(`/mailings/${cancelled}/cancel`))).body;
    expect(body).toMatchObject({ status: 'cancelled', stats: { skipped: 4, sent: 0 } });
    expect((await o.owner.post(api(`/mailings/${cancelled}/resume`))).body.error.code).toBe('MAILING_STATE');
  });

  it('schedule for later; refuse an empty audience', async () => {
    const empty = await draft('nobody');
    const refused = await o.owner.post(api(`/mailings/${empty}/send`), {});
    expect(refused.status).toBe(smtpSinkInstalled ? 422 : 409);
    if (!smtpSinkInstalled) return;
    expect(refused.body.error.code).toBe('AUDIENCE_EMPTY');
    await contact('定时', 'later');
    const id = await draft('later');
    const at = new Date(Date.now() + 3_600_000).toISOString();
    const scheduled = await o.owner.post(api(`/mailings/${id}/send`), { scheduledAt: at });
    expect(scheduled.body).toMatchObject({ status: 'scheduled', scheduledAt: at, stats: { recipients: 0 } });
    expect((await o.owner.patch(api(`/mailings/${id}`), { subject: '改期' })).status).toBe(200);
    // Taken back to a draft: no time, nothing listed; a draft cannot be unscheduled again.
    const unscheduled = await o.owner.post(api(`/mailings/${id}/unschedule`));
    expect(unscheduled.body).toMatchObject({ status: 'draft', scheduledAt: null, subject: '改期' });
    expect((await o.owner.post(api(`/mailings/${id}/unschedule`))).body.error.code).toBe('MAILING_STATE');
  });

  it.runIf(smtpSinkInstalled)(
    'a 5xx is a hard bounce and suppresses the address; a 4xx is retried later, never dropped',
    async () => {
      const rejecting = await startSmtpSink(['-f', 'RCPT']);
      const deferring = await startSmtpSink(['-r', 'RCPT']);
      try {
        const tag = 'bounce';
        const one = await contact('退信', tag);
        const id = await draft(tag);
        await o.owner.post(api(`/mailings/${id}/send`), {});
        const quick = { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 };
        const deferDeps = {
          ...t.deps,
          email: createSmtpTransport({ url: deferring.url, messagesPerSecond: 100, retry: quick }),
        };
        expect(await runMailing(deferDeps, o.org.id, id)).toBe('waiting');
        let stats = (await o.owner.get(api(`/mailings/${id}`))).body.stats;
        expect(stats).toMatchObject({ pending: 1, sent: 0 });
        await t.deps.db.execute(
          sql`update mailing_recipients set retry_at = now() where org_id = ${o.org.id} and mailing_id = ${id}`,
        );
        const bounceDeps = {
          ...t.deps,
          email: createSmtpTransport({ url: rejecting.url, messagesPerSecond: 100, retry: quick }),
        };
        expect(await runMailing(bounceDeps, o.org.id, id)).toBe('finished');
        stats = (await o.owner.get(api(`/mailings/${id}`))).body.stats;
        expect(stats).toMatchObject({ bounced: 1, pending: 0 });
        const suppressions = (await o.owner.get(api('/email-suppressions'))).body;
        expect(suppressions).toContainEqual(
          expect.objectContaining({ email: one.email, reason: 'bounce', origin: 'send' }),
        );
        const recipients = (await o.owner.get(api(`/mailings/${id}/recipients`))).body.items;
        expect(recipients[0]).toMatchObject({ status: 'bounced', attempts: 2 });
        expect(recipients[0].reason).toMatch(/^rejected: /);
        expect((await o.owner.delete(api(`/email-suppressions/${encodeURIComponent(one.email)}`))).status).toBe(204);
      } finally {
        await rejecting.stop();
        await deferring.stop();
      }
    },
  );

  it.runIf(smtpSinkInstalled)('track opens and clicks only when the organization turns it on', async () => {
    const on = await o.owner.patch(`/api/orgs/${o.slug}`, { emailTracking: true });
    expect(on.body).toMatchObject({ emailTracking: true, name: '绿洲治沙' });
    try {
      const tag = 'tracked';
      const who = await contact('追踪', tag);
      const id = await draft(tag);
      await o.owner.post(api(`/mailings/${id}/send`), {});
      expect(await runMailing(t.deps, o.org.id, id)).toBe('finished');
      const mail = await simpleParser((await messagesTo([who.email]))[0]!);
      const html = String(mail.html);
      const open = /src="https?:\/\/[^"]*(\/email\/o\/[^"]+\.gif)"/.exec(html)![1]!;
      const click = /href="https?:\/\/[^"]*(\/email\/c\/[^"]+)"/.exec(html)![1]!.replaceAll('&amp;', '&');
      expect(html).toContain('/email/unsubscribe/');
      const gif = await t.app.inject({ method: 'GET', url: open });
      expect(gif.headers['content-type']).toBe('image/gif');
      const followed = await t.app.inject({ method: 'GET', url: click });
      expect(followed.statusCode).toBe(302);
      expect(followed.headers.location).toBe('https://ngo.example.org/p');
      const elsewhere = click.replace(/u=[^&]+/, `u=${encodeURIComponent('https://evil.example/')}`);
      expect((await t.app.inject({ method: 'GET', url: elsewhere })).statusCode).toBe(404);
      const stats = (await o.owner.get(api(`/mailings/${id}`))).body.stats;
      expect(stats).toMatchObject({ sent: 1, opened: 1, clicked: 1 });
    } finally {
      await o.owner.patch(`/api/orgs/${o.slug}`, { emailTracking: false });
    }
  });
});
