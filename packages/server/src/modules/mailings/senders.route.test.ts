import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSmtpTransport, type EmailTransport } from '../../adapters/email/index.ts';
import { rowsOf } from '../segments/index.ts';
import { testApp, type TestApp } from '../../testing/app.ts';
import { buildOrg, type TestOrg } from '../../testing/factories.ts';
import { smtpSinkInstalled, startSmtpSink, type SmtpSink } from '../../testing/smtp-sink.ts';
import { runMailing } from './sender.ts';

// Several senders on one mailing (MAILING_SENDERS), each with its own SMTP connections as a separate
// worker process would have, against a real SMTP server.
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

/** A mailing to `count` new contacts with email consent, sending; their addresses. */
async function sendingTo(tag: string, count: number) {
  const emails: string[] = [];
  for (let i = 0; i < count; i++) {
    const email = `${tag}-${i}-${Date.now()}@example.org`;
    const created = await o.owner.post(api('/contacts'), { name: `读者${i}`, email, tags: [tag] });
    await o.owner.post(api(`/contacts/${created.body.id}/consents`), {
      channel: 'email',
      purpose: 'newsletter',
      status: 'granted',
      source: 'staff',
      evidence: { type: 'staff_entry', ref: 'test' },
    });
    emails.push(email);
  }
  const created = await o.owner.post(api('/mailings'), {
    name: `通讯 ${tag}`,
    subject: '{{ greeting }}，春天的消息',
    content: { editor: 'blocks', blocks: [{ type: 'paragraph', text: '{{ greeting }}：梭梭林又种下 1,000 棵。' }] },
    audience: { tags: [tag] },
  });
  const id = created.body.id as number;
  expect((await o.owner.post(api(`/mailings/${id}/send`), {})).status).toBe(200);
  return { id, emails };
}

/** How many messages smtp-sink received for each address. */
async function deliveries(emails: string[]) {
  const raws = await sink!.messages();
  return emails.map((email) => raws.filter((raw) => raw.includes(`<${email}>`)).length);
}

const ownTransport = () => createSmtpTransport({ url: sink!.url, messagesPerSecond: 1000, maxConnections: 2 });

const copies = (id: number) =>
  rowsOf<{ contact_id: string; status: string; sender_slot: number | null }>(
    t.deps.db,
    sql`select contact_id, status, sender_slot from mailing_recipients
        where org_id = ${o.org.id} and mailing_id = ${id} order by contact_id`,
  );

describe.runIf(smtpSinkInstalled)('several senders on one mailing', () => {
  it('share the copies and never send one twice', async () => {
    const { id, emails } = await sendingTo('pair', 24);
    const [first, second] = [ownTransport(), ownTransport()];
    try {
      const results = await Promise.all(
        [first, second].map((email) => runMailing({ ...t.deps, email }, o.org.id, id, { senders: 2, batchSize: 2 })),
      );
      expect(results).toContain('finished');
    } finally {
      first.close();
      second.close();
    }
    expect(await deliveries(emails)).toEqual(emails.map(() => 1));
    const rows = await copies(id);
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
    // Both senders took part, each in its own slot.
    expect(new Set(rows.map((r) => r.sender_slot))).toEqual(new Set([0, 1]));
    expect((await o.owner.get(api(`/mailings/${id}`))).body).toMatchObject({ status: 'sent', stats: { sent: 24 } });
  });

  it('pause stops every sender; after resume they go on where they stopped', async () => {
    const { id, emails } = await sendingTo('halt', 12);
    // The first message handed to either sender pauses the mailing, as staff would mid-send; every
    // message waits until the pause is in.
    let pause: Promise<unknown> | undefined;
    const pausing = (inner: EmailTransport): EmailTransport => ({
      kind: inner.kind,
      close: () => inner.close(),
      async send(email) {
        pause ??= o.owner.post(api(`/mailings/${id}/pause`));
        await pause;
        return inner.send(email);
      },
    });
    const transports = [ownTransport(), ownTransport()];
    try {
      const stopped = await Promise.all(
        transports.map((email) =>
          runMailing({ ...t.deps, email: pausing(email) }, o.org.id, id, { senders: 2, batchSize: 1 }),
        ),
      );
      expect(stopped).toEqual(['stopped', 'stopped']);
      expect((await o.owner.get(api(`/mailings/${id}`))).body.status).toBe('paused');
      const stats = (await o.owner.get(api(`/mailings/${id}`))).body.stats;
      // Each sender finishes the batch it had (and the next, already claimed) and stops.
      expect(stats.sent).toBeLessThanOrEqual(4);
      expect(stats.pending).toBe(12 - stats.sent);
      expect((await copies(id)).filter((r) => r.status === 'sending')).toEqual([]);
      expect(await runMailing({ ...t.deps, email: transports[0] }, o.org.id, id, { senders: 2 })).toBe('busy');

      expect((await o.owner.post(api(`/mailings/${id}/resume`))).body.status).toBe('sending');
      const resumed = await Promise.all(
        transports.map((email) => runMailing({ ...t.deps, email }, o.org.id, id, { senders: 2, batchSize: 1 })),
      );
      expect(resumed).toContain('finished');
    } finally {
      for (const transport of transports) transport.close();
    }
    expect(await deliveries(emails)).toEqual(emails.map(() => 1));
  });

  it('a sender takes a free slot; copies left in flight by a stopped sender are uncertain, a live one’s are not', async () => {
    const { id, emails } = await sendingTo('slots', 4);
    const [gone, alive] = (await copies(id)).map((r) => Number(r.contact_id));
    const lease = (slot: number, until: string) =>
      t.deps.db.execute(sql`insert into send_leases (org_id, sends, send_id, slot, holder, lease_until)
                            values (${o.org.id}, 'mailings', ${id}, ${slot}, gen_random_uuid(), now() + ${until}::interval)
                            on conflict (org_id, sends, send_id, slot) do update set lease_until = excluded.lease_until`);
    const inFlight = (contactId: number, slot: number) =>
      t.deps.db.execute(sql`update mailing_recipients set status = 'sending', attempts = 1, sender_slot = ${slot}
                            where org_id = ${o.org.id} and mailing_id = ${id} and contact_id = ${contactId}`);
    // Slot 0's sender is alive in another process; slot 1's died with a copy in flight.
    await lease(0, '1 hour');
    await lease(1, '-1 second');
    await inFlight(alive!, 0);
    await inFlight(gone!, 1);
    expect(await runMailing(t.deps, o.org.id, id, { senders: 1 })).toBe('busy');
    // It takes slot 1, marks the dead sender's copy uncertain and leaves the live sender's alone.
    expect(await runMailing(t.deps, o.org.id, id, { senders: 2 })).toBe('waiting');
    const byContact = new Map((await copies(id)).map((r) => [Number(r.contact_id), r.status]));
    expect(byContact.get(gone!)).toBe('uncertain');
    expect(byContact.get(alive!)).toBe('sending');
    // The live sender stops too: the next sender in its slot finds its copy uncertain, and finishes.
    await lease(0, '-1 second');
    expect(await runMailing(t.deps, o.org.id, id, { senders: 2 })).toBe('finished');
    expect((await o.owner.get(api(`/mailings/${id}`))).body.stats).toMatchObject({ sent: 2, uncertain: 2 });
    expect(await deliveries(emails)).toEqual(emails.map((_, i) => (i < 2 ? 0 : 1)));
    // Each sender gives its slot back when it stops.
    const leases = await rowsOf(
      t.deps.db,
      sql`select 1 from send_leases where org_id = ${o.org.id} and send_id = ${id}`,
    );
    expect(leases).toHaveLength(0);
  });
});
