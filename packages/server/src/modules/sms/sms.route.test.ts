import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../testing/app.ts';
import { buildOrg, type TestOrg } from '../../testing/factories.ts';
import { rowsOf } from '../segments/index.ts';
import { runSmsSend } from './sender.ts';

/**
 * A stand-in for dysmsapi on a local port: the real Aliyun adapter signs and sends to it. Each phone
 * answers as `answers` says (OK by default); every request is kept.
 */
interface FakeAliyun {
  url: string;
  phones: string[];
  answers: Map<string, () => { status: number; body: unknown }>;
  close(): Promise<void>;
}

async function startFakeAliyun(): Promise<FakeAliyun> {
  const phones: string[] = [];
  const answers = new Map<string, () => { status: number; body: unknown }>();
  let serial = 0;
  const server: Server = createServer((request, response) => {
    const query = new URL(request.url ?? '/', 'http://x').searchParams;
    const phone = query.get('PhoneNumbers') ?? '';
    phones.push(phone);
    const signed = String(request.headers.authorization ?? '').startsWith('ACS3-HMAC-SHA256 Credential=LTAItestkey01');
    const answer = answers.get(phone)?.() ?? {
      status: signed ? 200 : 403,
      body: signed ? { Code: 'OK', Message: 'OK', BizId: `biz-${++serial}` } : { Code: 'SignatureDoesNotMatch' },
    };
    response.writeHead(answer.status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    phones,
    answers,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

let vendor: FakeAliyun;
let t: TestApp;
let o: TestOrg;
const api = (p: string) => `/api/orgs/${o.slug}${p}`;

beforeAll(async () => {
  vendor = await startFakeAliyun();
  t = await testApp({ env: { ALIYUN_SMS_ENDPOINT: vendor.url, SMS_RATE: '1000' } });
  o = await buildOrg(t, { name: '绿洲治沙' });
});
afterAll(async () => {
  await t?.close();
  await vendor?.close();
});

let serial = 0;
/** A contact with the tag and a phone, and (unless told otherwise) SMS consent for the newsletter. */
async function contact(name: string, tag: string, options: { phone?: string; consent?: boolean } = {}) {
  const phone = options.phone ?? `+86139${String(10_000_000 + ++serial * 7919).slice(-8)}`;
  const created = await o.owner.post(api('/contacts'), { name, phone, tags: [tag] });
  expect(created.status).toBe(201);
  if (options.consent !== false) {
    const granted = await o.owner.post(api(`/contacts/${created.body.id}/consents`), {
      channel: 'sms',
      purpose: 'newsletter',
      status: 'granted',
      source: 'staff',
      evidence: { type: 'staff_entry', ref: 'test' },
    });
    expect(granted.status).toBe(201);
  }
  return { id: created.body.id as number, phone: created.body.phone as string };
}

const noQuietHours = { start: '00:00', end: '00:00' };
const useOutbox = () =>
  o.owner.put(api('/sms-settings'), { account: { provider: 'outbox' }, quietHours: noQuietHours });
const useAliyun = () =>
  o.owner.put(api('/sms-settings'), {
    account: { provider: 'aliyun', accessKeyId: 'LTAItestkey01', accessKeySecret: 'test-secret-aliyun' },
    quietHours: noQuietHours,
  });

async function template(text = '${name}您好，${org}春季通讯已发布，回复TD退订') {
  const created = await o.owner.post(api('/sms-templates'), {
    name: '春季通讯',
    signName: '绿洲治沙',
    templateCode: 'SMS_123456789',
    text,
    params: [
      { key: 'name', value: 'contact_name' },
      { key: 'org', value: 'organization_name' },
    ],
  });
  expect(created.status).toBe(201);
  return created.body.id as number;
}

async function draft(tag: string, templateId: number) {
  const created = await o.owner.post(api('/sms-sends'), { name: `短信 ${tag}`, templateId, audience: { tags: [tag] } });
  expect(created.status).toBe(201);
  return created.body.id as number;
}

const copies = (sendId: number) =>
  rowsOf<{
    contact_id: string;
    status: string;
    reason: string | null;
    attempts: number;
    provider_message_id: string | null;
    carrier_code: string | null;
  }>(
    t.deps.db,
    sql`select contact_id, status, reason, attempts, provider_message_id, carrier_code from sms_recipients
        where org_id = ${o.org.id} and send_id = ${sendId} order by contact_id`,
  );
const copyOf = async (sendId: number, contactId: number) =>
  (await copies(sendId)).find((c) => Number(c.contact_id) === contactId)!;

const settingsToken = async () => {
  const settings = await o.owner.get(api('/sms-settings'));
  return /callbacks\/([^/]+)\/receipts$/.exec(settings.body.callbacks.receipts)![1]!;
};
const push = (token: string, kind: string, body: unknown) =>
  t.app.inject({
    method: 'POST',
    url: `/api/sms/callbacks/${token}/${kind}`,
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify(body),
  });

describe('短信 (SMS sends)', () => {
  it('settings: secrets sealed and never returned; the outbox outside production; owners and admins only', async () => {
    const first = await o.owner.get(api('/sms-settings'));
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      provider: null,
      outboxAvailable: true,
      quietHours: { start: '21:00', end: '08:00' },
    });
    expect(first.body.callbacks.receipts).toMatch(/\/api\/sms\/callbacks\/[\w-]{20,}\/receipts$/);

    const noSecret = await o.owner.put(api('/sms-settings'), {
      account: { provider: 'aliyun', accessKeyId: 'LTAItestkey01' },
    });
    expect(noSecret.status).toBe(400);
    expect(noSecret.body.error.fields[0].path).toBe('body.account.accessKeySecret');
    const saved = await useAliyun();
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ provider: 'aliyun', keyId: 'LTAItestkey01', readable: true });
    expect(JSON.stringify(saved.body)).not.toContain('test-secret-aliyun');
    const [row] = await rowsOf<{ account: unknown }>(
      t.deps.db,
      sql`select account from sms_settings where org_id = ${o.org.id}`,
    );
    expect(JSON.stringify(row!.account)).not.toContain('test-secret-aliyun');
    // The same key id keeps the saved secret.
    const kept = await o.owner.put(api('/sms-settings'), {
      account: { provider: 'aliyun', accessKeyId: 'LTAItestkey01' },
    });
    expect(kept.body.readable).toBe(true);

    const fundraiser = await o.member('fundraiser');
    expect((await fundraiser.get(api('/sms-settings'))).status).toBe(403);
    const viewer = await o.member('viewer');
    expect((await viewer.get(api('/sms-sends'))).status).toBe(200);
    expect((await viewer.post(api('/sms-sends'), { name: 'x' })).status).toBe(403);
  });

  it('templates: unmapped placeholders and gapped Tencent positions are refused; the sample and its segments', async () => {
    const unmapped = await o.owner.post(api('/sms-templates'), {
      name: '坏模板',
      signName: '绿洲治沙',
      templateCode: 'SMS_1',
      text: '${name}您好，${amount}元已收到',
      params: [{ key: 'name', value: 'contact_name' }],
    });
    expect(unmapped.status).toBe(422);
    expect(unmapped.body.error.code).toBe('SMS_TEMPLATE_INVALID');
    expect(unmapped.body.error.message).toContain('amount');
    const gapped = await o.owner.post(api('/sms-templates'), {
      name: '坏模板',
      signName: '绿洲治沙',
      templateCode: '1234567',
      text: '{1}您好，{3}',
      params: [
        { key: '1', value: 'contact_name' },
        { key: '3', value: 'fixed', text: '谢谢' },
      ],
    });
    expect(gapped.status).toBe(422);
    const id = await template();
    const list = await o.owner.get(api('/sms-templates'));
    const sample = list.body.find((x: { id: number }) => x.id === id).sample;
    expect(sample.text).toBe('【绿洲治沙】王小明您好，绿洲治沙春季通讯已发布，回复TD退订');
    expect(sample.segments).toBe(1);
    const long = await o.owner.post(api('/sms-templates/preview'), { signName: '绿洲治沙', text: '长'.repeat(70) });
    expect(long.body).toMatchObject({ characters: 76, segments: 2, problems: [] });
  });

  it('sends through the outbox: consent and a mobile number needed; a landline is not counted, or skipped with its reason', async () => {
    expect((await useOutbox()).status).toBe(200);
    const tpl = await template();
    const a = await contact('张三', 'outbox');
    const b = await contact('李四', 'outbox');
    await contact('无同意', 'outbox', { consent: false });
    // A mainland landline is known to be one from its digits; another country's is found out at send time.
    await contact('座机', 'outbox', { phone: '+861062345678' });
    const landline = await contact('London office', 'outbox', { phone: '+442079460000' });
    const counted = await o.owner.post(api('/sms-sends/audience'), {
      audience: { tags: ['outbox'] },
      purpose: 'newsletter',
    });
    expect(counted.body).toEqual({ contacts: 5, reachable: 3 });

    const id = await draft('outbox', tpl);
    const sent = await o.owner.post(api(`/sms-sends/${id}/send`), {});
    expect(sent.status).toBe(200);
    expect(sent.body.status).toBe('sending');
    expect(await runSmsSend(t.deps, o.org.id, id)).toBe('finished');
    const report = await o.owner.get(api(`/sms-sends/${id}`));
    expect(report.body.status).toBe('sent');
    expect(report.body.stats).toMatchObject({ recipients: 3, sent: 2, skipped: 1 });
    expect((await copyOf(id, landline.id)).reason).toContain('not a mobile number');

    const outbox = await readFile(path.join(t.deps.config.DATA_DIR, 'sms-outbox', 'outbox.jsonl'), 'utf8');
    const lines = outbox
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.phone).sort()).toEqual([a.phone, b.phone].sort());
    expect(lines.find((l) => l.phone === a.phone).templateParams).toEqual({ name: '张三', org: '绿洲治沙' });

    const recipients = await o.owner.get(api(`/sms-sends/${id}/recipients`));
    expect(recipients.body.items).toHaveLength(3);
  });

  it('quiet hours: a send due inside them waits until they end', async () => {
    await useOutbox();
    const tpl = await template();
    await contact('夜里', 'quiet');
    // A window from now (Shanghai) to two hours later.
    const hour = Number(
      new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', hour: 'numeric', hourCycle: 'h23' }).format(
        new Date(),
      ),
    );
    const pad = (h: number) => `${String(h % 24).padStart(2, '0')}:00`;
    await o.owner.put(api('/sms-settings'), { quietHours: { start: pad(hour), end: pad(hour + 2) } });
    const id = await draft('quiet', tpl);
    await o.owner.post(api(`/sms-sends/${id}/send`), {});
    expect(await runSmsSend(t.deps, o.org.id, id)).toBe('waiting');
    const report = await o.owner.get(api(`/sms-sends/${id}`));
    expect(report.body.stats).toMatchObject({ pending: 1, sent: 0 });
    const wait = new Date(report.body.waitUntil).getTime() - Date.now();
    expect(wait).toBeGreaterThan(3_600_000);
    expect(wait).toBeLessThanOrEqual(2 * 3_600_000);
    await o.owner.post(api(`/sms-sends/${id}/cancel`), {});
    await o.owner.put(api('/sms-settings'), { quietHours: noQuietHours });
  });

  it('scheduled for later, then taken back to a draft (取消定时): nothing listed, and it may change again', async () => {
    await useOutbox();
    const tpl = await template();
    await contact('定时', 'later');
    const id = await draft('later', tpl);
    const at = new Date(Date.now() + 3_600_000).toISOString();
    const scheduled = await o.owner.post(api(`/sms-sends/${id}/send`), { scheduledAt: at });
    expect(scheduled.body).toMatchObject({ status: 'scheduled', scheduledAt: at, stats: { recipients: 0 } });
    // What a scheduled send will say cannot change under it; once it is a draft again, it can.
    const edit = () =>
      o.owner.patch(api(`/sms-templates/${tpl}`), { text: '${name}您好，${org}夏季通讯已发布，回复TD退订' });
    const refused = await edit();
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('SMS_TEMPLATE_IN_USE');
    expect((await o.owner.get(api(`/sms-templates`))).body.find((x: { id: number }) => x.id === tpl).text).toContain(
      '春季',
    );
    const unscheduled = await o.owner.post(api(`/sms-sends/${id}/unschedule`), {});
    expect(unscheduled.body).toMatchObject({ status: 'draft', scheduledAt: null, stats: { recipients: 0 } });
    const again = await o.owner.post(api(`/sms-sends/${id}/unschedule`), {});
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('SMS_SEND_STATE');
    expect((await o.owner.patch(api(`/sms-sends/${id}`), { name: '改期' })).body).toMatchObject({ status: 'draft' });
    expect((await edit()).status).toBe(200);
  });

  it('through Aliyun: throttled copies retried after the wait; an ambiguous failure is uncertain and never resent; receipts', async () => {
    expect((await useAliyun()).status).toBe(200);
    const tpl = await template();
    const ok = await contact('顺利', 'aliyun');
    const busy = await contact('限流', 'aliyun');
    const lost = await contact('超时', 'aliyun');
    const local = (e164: string) => e164.replace(/^\+86/, '');
    let throttledOnce = false;
    vendor.answers.set(local(busy.phone), () => {
      if (throttledOnce) return { status: 200, body: { Code: 'OK', BizId: 'biz-busy' } };
      throttledOnce = true;
      return {
        status: 200,
        body: { Code: 'Throttling.User', Message: 'Request was denied due to user flow control.' },
      };
    });
    vendor.answers.set(local(lost.phone), () => ({ status: 503, body: { Code: 'ServiceUnavailable' } }));

    const id = await draft('aliyun', tpl);
    await o.owner.post(api(`/sms-sends/${id}/send`), {});
    expect(await runSmsSend(t.deps, o.org.id, id)).toBe('waiting');
    expect(await copyOf(id, ok.id)).toMatchObject({ status: 'sent', attempts: 1 });
    expect(await copyOf(id, busy.id)).toMatchObject({ status: 'pending', attempts: 1 });
    expect(await copyOf(id, lost.id)).toMatchObject({ status: 'uncertain' });
    // Retried only once the vendor's wait (1 s for Throttling.User) is over.
    expect(await runSmsSend(t.deps, o.org.id, id)).toBe('waiting');
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await runSmsSend(t.deps, o.org.id, id)).toBe('finished');
    expect(await copyOf(id, busy.id)).toMatchObject({ status: 'sent', attempts: 2, provider_message_id: 'biz-busy' });
    expect(vendor.phones.filter((p) => p === local(lost.phone))).toHaveLength(1);
    expect(vendor.phones.filter((p) => p === local(ok.phone))).toHaveLength(1);

    const token = await settingsToken();
    const okId = (await copyOf(id, ok.id)).provider_message_id;
    const report = (bizId: string, phone: string, success: boolean, code: string) => ({
      phone_number: local(phone),
      send_time: '2026-12-07 10:00:00',
      report_time: '2026-12-07 10:00:05',
      success,
      err_code: code,
      err_msg: success ? '用户接收成功' : '空号',
      sms_size: '1',
      biz_id: bizId,
      out_id: '',
    });
    const answered = await push(token, 'receipts', [
      report(okId!, ok.phone, true, 'DELIVERED'),
      report('biz-busy', busy.phone, false, 'MK:0001'),
    ]);
    expect(answered.statusCode).toBe(200);
    expect(JSON.parse(answered.body)).toEqual({ code: 0, msg: '接收成功' });
    expect(await copyOf(id, ok.id)).toMatchObject({ status: 'delivered', carrier_code: 'DELIVERED' });
    expect(await copyOf(id, busy.id)).toMatchObject({ status: 'undelivered', carrier_code: 'MK:0001' });
    const stats = (await o.owner.get(api(`/sms-sends/${id}`))).body.stats;
    expect(stats).toMatchObject({ recipients: 3, delivered: 1, undelivered: 1, uncertain: 1 });

    expect((await push('not-the-token-of-anyone', 'receipts', [])).statusCode).toBe(404);
  });

  it('an opt-out reply (回复TD) withdraws SMS consent for every purpose, and the next send skips them', async () => {
    await useAliyun();
    const tpl = await template();
    const stays = await contact('留下', 'optout');
    const leaves = await contact('退订者', 'optout');
    await o.owner.post(api(`/contacts/${leaves.id}/consents`), {
      channel: 'sms',
      purpose: 'fundraising',
      status: 'granted',
      source: 'staff',
      evidence: { type: 'staff_entry', ref: 'test' },
    });
    const token = await settingsToken();
    const up = (content: string) => [
      {
        phone_number: leaves.phone.replace(/^\+86/, ''),
        send_time: '2026-12-07 10:00:00',
        content,
        sign_name: '绿洲治沙',
        dest_code: '1234',
        sequence_id: 1,
      },
    ];
    expect((await push(token, 'replies', up('谢谢你们'))).statusCode).toBe(200);
    const untouched = await o.owner.get(api(`/contacts/${leaves.id}/consents`));
    expect(
      untouched.body.current.filter(
        (c: { channel: string; status: string }) => c.channel === 'sms' && c.status === 'granted',
      ),
    ).toHaveLength(2);
    const answered = await push(token, 'replies', up('ＴＤ'));
    expect(answered.statusCode).toBe(200);
    const consents = await o.owner.get(api(`/contacts/${leaves.id}/consents`));
    const sms = consents.body.current.filter((c: { channel: string }) => c.channel === 'sms');
    expect(sms).toHaveLength(2);
    for (const record of sms)
      expect(record).toMatchObject({
        status: 'withdrawn',
        source: 'unsubscribe',
        evidence: { type: 'sms_reply', text: 'ＴＤ' },
      });

    const counted = await o.owner.post(api('/sms-sends/audience'), {
      audience: { tags: ['optout'] },
      purpose: 'newsletter',
    });
    expect(counted.body).toEqual({ contacts: 2, reachable: 1 });
    const id = await draft('optout', tpl);
    await o.owner.post(api(`/sms-sends/${id}/send`), {});
    expect(await runSmsSend(t.deps, o.org.id, id)).toBe('finished');
    expect((await copies(id)).map((c) => Number(c.contact_id))).toEqual([stays.id]);
  });

  it('a copy a stopped sender left in flight is uncertain and never sent again', async () => {
    await useOutbox();
    const tpl = await template();
    const lost = await contact('在途', 'crash');
    const next = await contact('下一位', 'crash');
    const id = await draft('crash', tpl);
    await t.deps.db.execute(sql`insert into send_leases (org_id, sends, send_id, slot, holder, lease_until)
                                 values (${o.org.id}, 'sms_sends', ${id}, 0, gen_random_uuid(), now() + interval '1 hour')`);
    await o.owner.post(api(`/sms-sends/${id}/send`), {});
    // A sender claimed this copy (the attempt is on record) and died before it settled.
    await t.deps.db.execute(sql`update sms_recipients set status = 'sending', attempts = 1
                                 where org_id = ${o.org.id} and send_id = ${id} and contact_id = ${lost.id}`);
    await t.deps.db.execute(sql`update send_leases set lease_until = now() - interval '1 second'
                                 where org_id = ${o.org.id} and sends = 'sms_sends' and send_id = ${id}`);
    expect(await runSmsSend(t.deps, o.org.id, id)).toBe('finished');
    expect(await copyOf(id, lost.id)).toMatchObject({ status: 'uncertain', attempts: 1 });
    expect(await copyOf(id, next.id)).toMatchObject({ status: 'sent' });
    const outbox = await readFile(path.join(t.deps.config.DATA_DIR, 'sms-outbox', 'outbox.jsonl'), 'utf8');
    expect(outbox).not.toContain(lost.phone);
    expect(outbox).toContain(next.phone);
  });

  it('a consent withdrawn after the send started is honoured before the batch; pause, resume and cancel', async () => {
    await useOutbox();
    const tpl = await template();
    const a = await contact('甲', 'midway');
    const b = await contact('乙', 'midway');
    const id = await draft('midway', tpl);
    await o.owner.post(api(`/sms-sends/${id}/send`), {});
    await o.owner.post(api(`/contacts/${b.id}/consents`), {
      channel: 'sms',
      purpose: 'newsletter',
      status: 'withdrawn',
      source: 'staff',
    });
    const paused = await o.owner.post(api(`/sms-sends/${id}/pause`), {});
    expect(paused.body.status).toBe('paused');
    expect(await runSmsSend(t.deps, o.org.id, id)).toBe('busy');
    expect((await o.owner.post(api(`/sms-sends/${id}/resume`), {})).body.status).toBe('sending');
    // The queued job may have run already; either way, the send finishes with the withdrawal honoured.
    await runSmsSend(t.deps, o.org.id, id);
    expect(await copyOf(id, a.id)).toMatchObject({ status: 'sent' });
    expect(await copyOf(id, b.id)).toMatchObject({ status: 'skipped', reason: 'consent withdrawn' });
    const cancel = await o.owner.post(api(`/sms-sends/${id}/cancel`), {});
    expect(cancel.status).toBe(409);
    expect(cancel.body.error.code).toBe('SMS_SEND_STATE');
  });
});
