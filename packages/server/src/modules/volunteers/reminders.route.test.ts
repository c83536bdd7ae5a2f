import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../testing/app.ts';
import { buildOrg, type TestOrg } from '../../testing/factories.ts';
import { smtpSinkInstalled, startSmtpSink, type SmtpSink } from '../../testing/smtp-sink.ts';
import { sendVolunteerReminders } from './reminders.ts';

let t: TestApp;
let o: TestOrg;
let sink: SmtpSink;
const api = (p: string) => `/api/orgs/${o.slug}${p}`;
const hoursFromNow = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();
const rows = async <T>(query: ReturnType<typeof sql>) =>
  ((await t.deps.db.execute(query)) as unknown as { rows: T[] }).rows;
const outbox = async () => {
  const text = await readFile(path.join(t.deps.config.DATA_DIR, 'sms-outbox', 'outbox.jsonl'), 'utf8').catch(() => '');
  return text
    .trim()
    .split('\n')
    .filter(Boolean)
    .map(
      (l) =>
        JSON.parse(l) as {
          phone: string;
          signName: string;
          templateCode: string;
          templateParams: Record<string, string>;
        },
    );
};

describe.skipIf(!smtpSinkInstalled)('shift reminders', () => {
  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await testApp({ env: { SMTP_URL: sink.url, EMAIL_FROM: 'volunteers@ngo.example.org', SMS_RATE: '1000' } });
    o = await buildOrg(t, { name: '绿洲治沙' });
  });
  afterAll(async () => {
    await t?.close();
    await sink?.stop();
  });

  /** A published opportunity with a shift `from` hours ahead, reminding by email and with a template. */
  async function opportunity(title: string, from: number, reminders: Record<string, unknown>) {
    const form = await o.owner.post(api('/forms'), {
      title: `${title}报名`,
      fields: [
        { key: 'name', type: 'text', label: '姓名', required: true, mapTo: 'name' },
        { key: 'phone', type: 'phone', label: '手机号', required: true, mapTo: 'phone' },
        { key: 'email', type: 'email', label: '邮箱', mapTo: 'email' },
      ],
    });
    const created = await o.owner.post(api('/volunteers/opportunities'), {
      title,
      location: '甘肃民勤县',
      formId: form.body.id,
      reminders,
    });
    const withShift = await o.owner.post(api(`/volunteers/opportunities/${created.body.id}/shifts`), {
      title: '上午',
      startsAt: hoursFromNow(from),
      endsAt: hoursFromNow(from + 3),
      capacity: 10,
      location: '青土湖治沙点',
    });
    expect(withShift.status).toBe(201);
    expect((await o.owner.post(api(`/volunteers/opportunities/${created.body.id}/publish`))).status).toBe(200);
    return { id: created.body.id as number, slug: created.body.slug as string, shiftId: withShift.body.shifts[0].id };
  }

  const signUp = (slug: string, shiftId: number, answers: Record<string, string>) =>
    t.app.inject({
      method: 'POST',
      url: `/api/volunteers/${o.slug}/${slug}`,
      payload: { shiftIds: [shiftId], answers },
    });

  it('emails and texts each confirmed volunteer once, hoursBefore the shift, through SMTP and the SMS outbox', async () => {
    await o.owner.put(api('/sms-settings'), {
      account: { provider: 'outbox' },
      quietHours: { start: '00:00', end: '00:00' },
    });
    const template = await o.owner.post(api('/sms-templates'), {
      name: '志愿者班次提醒',
      signName: '绿洲治沙',
      templateCode: 'SMS_900001',
      text: '${name}您好，${act}将于${time}在${place}开始，请准时到达。',
      params: [
        { key: 'name', value: 'contact_name' },
        { key: 'act', value: 'volunteer_opportunity' },
        { key: 'time', value: 'volunteer_time' },
        { key: 'place', value: 'volunteer_place' },
      ],
    });
    expect(template.status).toBe(201);
    const soon = await opportunity('春季植树', 5, { hoursBefore: 24, email: true, smsTemplateId: template.body.id });
    const later = await opportunity('秋季植树', 48, { hoursBefore: 24, email: true, smsTemplateId: template.body.id });

    await signUp(soon.slug, soon.shiftId, { name: '林晓', phone: '13900000001', email: 'lin@example.org' });
    await signUp(soon.slug, soon.shiftId, { name: '许诺', phone: '13900000002', email: 'xu@example.org' });
    await signUp(soon.slug, soon.shiftId, { name: '取消者', phone: '13900000003', email: 'cancel@example.org' });
    await signUp(soon.slug, soon.shiftId, { name: '退订者', phone: '13900000004' });
    await signUp(later.slug, later.shiftId, { name: '还早', phone: '13900000005', email: 'early@example.org' });
    // Xu's address bounced before; the one who cancelled gets nothing; the last said 回复TD to our texts.
    await o.owner.post(api('/email-suppressions'), { email: 'xu@example.org' });
    const roster = (await o.owner.get(api(`/volunteers/opportunities/${soon.id}/signups`))).body as {
      id: number;
      contactId: number;
      contactName: string;
    }[];
    const by = (name: string) => roster.find((s) => s.contactName === name)!;
    await o.owner.post(api(`/volunteers/signups/${by('取消者').id}/cancel`));
    for (const status of ['granted', 'withdrawn'])
      await o.owner.post(api(`/contacts/${by('退订者').contactId}/consents`), {
        channel: 'sms',
        purpose: 'newsletter',
        status,
        source: 'staff',
        evidence: { type: 'staff_entry', ref: 'test' },
      });

    expect(await sendVolunteerReminders(t.deps)).toEqual({ email: 1, sms: 2 });
    // At most once per signup and channel, however often the tick runs.
    expect(await sendVolunteerReminders(t.deps)).toEqual({ email: 0, sms: 0 });

    const [raw] = await sink.waitForMessages(1);
    const mail = await simpleParser(raw!);
    expect(mail.to).toMatchObject({ value: [{ address: 'lin@example.org' }] });
    expect(mail.from).toMatchObject({ value: [{ address: 'volunteers@ngo.example.org', name: '绿洲治沙' }] });
    expect(mail.subject).toContain('春季植树');
    expect(mail.text).toContain('林晓，你好');
    expect(mail.text).toContain('地点：青土湖治沙点');
    expect(mail.text).toMatch(/时间：\d+月\d+日（周.）\d\d:\d\d–\d\d:\d\d/);
    expect(mail.headers.get('list-unsubscribe')).toBeUndefined();
    expect((await sink.messages()).length).toBe(1);

    const texts = await outbox();
    expect(texts.map((m) => m.phone).sort()).toEqual(['+8613900000001', '+8613900000002']);
    const lin = texts.find((m) => m.phone === '+8613900000001')!;
    expect(lin).toMatchObject({ signName: '绿洲治沙', templateCode: 'SMS_900001' });
    expect(lin.templateParams).toMatchObject({ name: '林晓', act: '春季植树', place: '青土湖治沙点' });
    expect(lin.templateParams.time).toMatch(/^\d+月\d+日（周.）\d\d:\d\d–\d\d:\d\d$/);

    const kept = await rows<{ name: string; channel: string; status: string; reason: string | null }>(sql`
      select c.name, r.channel, r.status, r.reason from volunteer_reminders r
      join volunteer_signups s on s.org_id = r.org_id and s.id = r.signup_id
      join contacts c on c.org_id = s.org_id and c.id = s.contact_id
      where r.org_id = ${o.org.id} order by c.name, r.channel`);
    expect(kept).toEqual([
      { name: '林晓', channel: 'email', status: 'sent', reason: null },
      { name: '林晓', channel: 'sms', status: 'sent', reason: null },
      { name: '许诺', channel: 'email', status: 'skipped', reason: 'address suppressed' },
      { name: '许诺', channel: 'sms', status: 'sent', reason: null },
      { name: '退订者', channel: 'email', status: 'skipped', reason: 'no email address' },
      { name: '退订者', channel: 'sms', status: 'skipped', reason: 'SMS consent withdrawn' },
    ]);
  });

  it('never resends a reminder a stopped sender left in flight, and waits out quiet hours for texts', async () => {
    const template = (await o.owner.get(api('/sms-templates'))).body[0];
    const next = await opportunity('河道巡护', 3, { hoursBefore: 6, email: true, smsTemplateId: template.id });
    await signUp(next.slug, next.shiftId, { name: '宋扬', phone: '13900000011', email: 'song@example.org' });
    const [signup] = (await o.owner.get(api(`/volunteers/opportunities/${next.id}/signups`))).body;
    // The email was claimed twenty minutes ago by a worker that then died.
    await t.deps.db.execute(sql`
      insert into volunteer_reminders (org_id, signup_id, channel, claimed_at)
      values (${o.org.id}, ${signup.id}, 'email', now() - interval '20 minutes')`);
    // Quiet hours all day (from this minute on): texts wait.
    const hhmm = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Shanghai',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    const start = hhmm.format(new Date(Date.now() - 60_000));
    const end = hhmm.format(new Date(Date.now() + 3_600_000));
    await o.owner.put(api('/sms-settings'), { quietHours: { start, end } });
    const before = (await sink.messages()).length;
    expect(await sendVolunteerReminders(t.deps)).toEqual({ email: 0, sms: 0 });
    expect((await sink.messages()).length).toBe(before);
    const [email] = await rows<{ status: string }>(
      sql`select status from volunteer_reminders where org_id = ${o.org.id} and signup_id = ${signup.id} and channel = 'email'`,
    );
    expect(email!.status).toBe('uncertain');
    expect(
      await rows(
        sql`select 1 from volunteer_reminders where org_id = ${o.org.id} and signup_id = ${signup.id} and channel = 'sms'`,
      ),
    ).toHaveLength(0);
    await o.owner.put(api('/sms-settings'), { quietHours: { start: '00:00', end: '00:00' } });
    expect(await sendVolunteerReminders(t.deps)).toEqual({ email: 0, sms: 1 });
  });
});
