import { sql } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../testing/app.ts';
import { buildOrg, type TestOrg, testPlan } from '../../testing/factories.ts';
import { smtpSinkInstalled, startSmtpSink, type SmtpSink } from '../../testing/smtp-sink.ts';
import { emailPendingNotices } from './update-notices.ts';
import { notifySandbox } from '../../testing/sandbox-payments.ts';

let sink: SmtpSink | undefined;
let t: TestApp;
let o: TestOrg;
let campaignId: number;
let serial = 0;

beforeAll(async () => {
  if (smtpSinkInstalled) sink = await startSmtpSink();
  t = await testApp(sink ? { env: { SMTP_URL: sink.url, EMAIL_FROM: 'news@ngo.example.org' } } : {});
  o = await buildOrg(t, { name: '绿洲治沙' });
  const project = await o.owner.post(`/api/orgs/${o.slug}/projects`, {
    slug: 'saxaul',
    name: '梭梭林',
    budgetLines: [],
  });
  campaignId = (
    await o.owner.post(`/api/orgs/${o.slug}/campaigns`, {
      plan: testPlan,
      slug: 'saxaul',
      projectId: project.body.id,
      copy: { title: '种梭梭' },
    })
  ).body.id;
});
afterAll(async () => {
  await t?.close();
  await sink?.stop();
});

async function give(name: string, email: string, consents: string[]) {
  const started = await t.app.inject({
    method: 'POST',
    url: `/api/give/${o.slug}/saxaul`,
    payload: { submitToken: `u_${++serial}_${Date.now()}`, amount: 5000, provider: 'sandbox', name, email, consents },
  });
  await notifySandbox(t, { orderNo: started.json().order.orderNo, amount: 5000 });
}

describe('project updates (项目进展)', () => {
  it('are only for published campaigns; a live one without an update for 90 days is flagged', async () => {
    const draft = await o.owner.post(`/api/orgs/${o.slug}/campaigns/${campaignId}/updates`, {
      title: 'x',
      body: '<p>x</p>',
    });
    expect(draft.status).toBe(409);
    await o.owner.post(`/api/orgs/${o.slug}/campaigns/${campaignId}/submit`);
    await o.owner.post(`/api/orgs/${o.slug}/campaigns/${campaignId}/review`, { decision: 'approve' });
    expect((await o.owner.get(`/api/orgs/${o.slug}/campaign-updates/due`)).body).toEqual([]);
    await t.deps.db.execute(
      sql`update campaigns set published_at = now() - interval '100 days' where org_id = ${o.org.id} and id = ${campaignId}`,
    );
    const due = async () => (await o.owner.get(`/api/orgs/${o.slug}/campaign-updates/due`)).body;
    expect(await due()).toEqual([expect.objectContaining({ id: campaignId, slug: 'saxaul', title: '种梭梭' })]);

    // An update resets the clock; the reminder comes back once the last update is over 90 days old.
    const update = await o.owner.post(`/api/orgs/${o.slug}/campaigns/${campaignId}/updates`, {
      title: '第一季度进展',
      body: '<p>种下 2,000 棵梭梭。</p>',
    });
    expect(update.status, JSON.stringify(update.body)).toBe(201);
    expect(await due()).toEqual([]);
    const lastUpdateAged = (days: number) =>
      t.deps.db.execute(
        sql`update campaign_updates set published_at = now() - make_interval(days => ${days})
            where org_id = ${o.org.id} and campaign_id = ${campaignId}`,
      );
    await lastUpdateAged(89);
    expect(await due()).toEqual([]);
    await lastUpdateAged(91);
    expect(await due()).toEqual([expect.objectContaining({ id: campaignId })]);
  });

  it('are emailed to donors who agreed, with one-click unsubscribe, honouring a withdrawal made since', async () => {
    await give('马兰', 'malan@example.org', ['email']);
    await give('何平', 'heping@example.org', []);
    await give('沈一', 'shenyi@example.org', ['email']);
    const fundraiser = await o.member('fundraiser');
    const posted = await fundraiser.post(`/api/orgs/${o.slug}/campaigns/${campaignId}/updates`, {
      title: '第一批梭梭种下了',
      body: '<p>3 月种下 1,000 棵<script>x()</script></p>',
    });
    expect(posted.status).toBe(201);
    expect(posted.body).toMatchObject({
      queued: 2,
      body: '<p>3 月种下 1,000 棵</p>',
      spending: { allocated: 0, spent: 0 },
    });
    expect((await o.owner.get(`/api/orgs/${o.slug}/campaign-updates/due`)).body).toEqual([]);
    const page = await t.app.inject({ url: `/c/${o.slug}/saxaul` });
    expect(page.body).toContain('第一批梭梭种下了');
    expect(page.body).toContain('截至发布时：已拨付 ¥0.00');
    if (!sink) return;

    // 沈一 unsubscribes (from an earlier email) before the update goes out.
    const token = await unsubscribeTokenOf('shenyi@example.org');
    const withdrawn = await t.app.inject({
      method: 'POST',
      url: `/email/unsubscribe/${token}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(withdrawn.statusCode).toBe(200);

    expect(await emailPendingNotices(t.deps)).toBe(1);
    expect(await emailPendingNotices(t.deps)).toBe(0);
    const raws = await sink.waitForMessages(1);
    const raw = raws.find((m) => m.includes('malan@example.org'))!;
    expect(raws.some((m) => /heping|shenyi/.test(m))).toBe(false);
    const mail = await simpleParser(raw);
    expect(mail.subject).toBe('项目进展：第一批梭梭种下了 · 种梭梭');
    expect(mail.html).toContain('3 月种下 1,000 棵');
    // Header lines as sent (folded lines unfolded).
    const headers = raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ');
    expect(headers).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
    const unsubscribeUrl = /^List-Unsubscribe: <(http[^>]+)>/m.exec(headers)?.[1];
    expect(unsubscribeUrl).toBeDefined();

    // The mail client's one-click unsubscribe, as RFC 8058 has it.
    const click = await t.app.inject({
      method: 'POST',
      url: new URL(unsubscribeUrl!).pathname,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(click.statusCode).toBe(200);
    const consents = (await t.deps.db.execute(sql`
      select c.name, s.status, s.source from consents s join contacts c on c.org_id = s.org_id and c.id = s.contact_id
      where s.org_id = ${o.org.id} and s.channel = 'email' order by s.recorded_at desc, s.id desc`)) as unknown as {
      rows: { name: string; status: string; source: string }[];
    };
    expect(consents.rows.find((r) => r.name === '马兰')).toMatchObject({ status: 'withdrawn', source: 'unsubscribe' });
    const notices = await o.owner.get(`/api/orgs/${o.slug}/campaigns/${campaignId}/updates`);
    expect(notices.body[0].notices).toEqual({ sent: 1, skipped: 1 });
    // A GET of the link only asks: link scanners in mail systems unsubscribe nobody.
    expect((await t.app.inject({ url: new URL(unsubscribeUrl!).pathname })).body).toContain('确认退订');
    expect((await t.app.inject({ method: 'POST', url: '/email/unsubscribe/not-a-token' })).statusCode).toBe(404);
  });
});

/** The unsubscribe token a donor's emails would carry (for a withdrawal before any email). */
async function unsubscribeTokenOf(email: string) {
  const { signUnsubscribeToken, unsubscribeKeyring } = await import('../email/index.ts');
  const result = (await t.deps.db.execute(
    sql`select id from contacts where org_id = ${o.org.id} and email = ${email}`,
  )) as unknown as { rows: { id: number | string }[] };
  return signUnsubscribeToken(unsubscribeKeyring(t.deps.config.SECRET_KEY), {
    orgId: o.org.id,
    contactId: Number(result.rows[0]!.id),
    channel: 'email',
    purpose: 'fundraising',
  });
}
