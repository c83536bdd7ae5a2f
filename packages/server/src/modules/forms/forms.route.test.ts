import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPage, postForm, testApp, type TestApp } from '../../testing/app.ts';
import { buildOrg, type TestOrg } from '../../testing/factories.ts';
import { smtpSinkInstalled, startSmtpSink, type SmtpSink } from '../../testing/smtp-sink.ts';
import { emailFormNotices } from './notices.ts';

let t: TestApp;
let o: TestOrg;
let sink: SmtpSink | undefined;

beforeAll(async () => {
  if (smtpSinkInstalled) sink = await startSmtpSink();
  t = await testApp(sink ? { env: { SMTP_URL: sink.url, EMAIL_FROM: 'forms@ngo.example.org' } } : {});
  o = await buildOrg(t);
});
afterAll(async () => {
  await t?.close();
  await sink?.stop();
});

const api = (path: string) => `/api/orgs/${o.slug}${path}`;

const volunteerForm = (extra: Record<string, unknown> = {}) => ({
  title: '志愿者报名',
  description: '民勤治沙，春季植树',
  fields: [
    { key: 'name', type: 'text', label: '姓名', required: true, mapTo: 'name' },
    { key: 'phone', type: 'phone', label: '手机号', required: true, mapTo: 'phone' },
    { key: 'email', type: 'email', label: '邮箱', mapTo: 'email' },
    { key: 'day', type: 'single', label: '可以参加的日期', options: ['周六', '周日'], required: true },
    { key: 'bus', type: 'single', label: '需要大巴吗', options: ['需要', '不需要'], page: 2 },
    {
      key: 'seats',
      type: 'number',
      label: '几个人',
      required: true,
      min: 1,
      max: 5,
      page: 2,
      showIf: { key: 'bus', equals: '需要' },
    },
    {
      key: 'sms',
      type: 'consent',
      label: '同意接收短信通知',
      consent: { channel: 'sms', purpose: 'volunteering' },
      page: 2,
    },
  ],
  settings: { thankYou: '报名成功！我们会短信通知集合时间。', tags: ['志愿者', '2026春季植树'] },
  ...extra,
});

const rows = async <T>(query: ReturnType<typeof sql>) =>
  ((await t.deps.db.execute(query)) as unknown as { rows: T[] }).rows;

describe('building a form', () => {
  it('creates a draft with a pinyin address, refuses questions that do not hold together', async () => {
    const created = await o.owner.post(api('/forms'), volunteerForm());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ slug: 'zhi-yuan-zhe-bao-ming', status: 'draft', responseCount: 0 });
    expect(created.body.publicUrl).toBe(`/f/${o.slug}/zhi-yuan-zhe-bao-ming`);

    const bad = await o.owner.post(api('/forms'), {
      title: '坏表单',
      fields: [
        { key: 'a', type: 'single', label: '选项' },
        { key: 'a', type: 'text', label: '重复' },
        { key: 'c', type: 'text', label: '条件', showIf: { key: 'z', equals: '1' } },
        { key: 'd', type: 'consent', label: '同意' },
      ],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: { path: string }) => f.path)).toEqual(
      expect.arrayContaining([
        'body.fields.0.options',
        'body.fields.1.key',
        'body.fields.2.showIf.key',
        'body.fields.3.consent',
      ]),
    );
    const viewer = await o.member('viewer');
    expect((await viewer.post(api('/forms'), volunteerForm({ slug: 'vv' }))).status).toBe(403);
    expect((await viewer.get(api('/forms'))).status).toBe(200);
  });

  it('keeps what a patch leaves out', async () => {
    const { body } = await o.owner.post(api('/forms'), volunteerForm({ slug: 'patch-me' }));
    const patched = await o.owner.patch(api(`/forms/${body.id}`), { title: '新标题' });
    expect(patched.body).toMatchObject({ title: '新标题', description: '民勤治沙，春季植树' });
    expect(patched.body.settings.tags).toEqual(['志愿者', '2026春季植树']);
  });
});

describe('answering a form on its public page', () => {
  let formId: number;
  const url = () => `/f/${o.slug}/zhi-yuan-zhe-bao-ming`;

  beforeAll(async () => {
    formId = (await o.owner.get(api('/forms'))).body.find(
      (f: { slug: string }) => f.slug === 'zhi-yuan-zhe-bao-ming',
    ).id;
  });

  it('is not public while a draft', async () => {
    expect((await getPage(t, url())).statusCode).toBe(404);
    await o.owner.post(api(`/forms/${formId}/open`));
    const page = await getPage(t, url());
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('可以参加的日期');
    expect(page.body).toContain('name="website"');
    expect(page.body).toMatch(/<script type="module" src="\/assets\/form\.[0-9a-f]+\.js">/);
  });

  it('says in Chinese what to correct, keeping the answers', async () => {
    const res = await postForm(t, url(), { name: '<b>王</b>', phone: '123', day: '周一', bus: '需要' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('请填写正确的手机号');
    expect(res.body).toContain('请从选项中选择');
    expect(res.body).toContain('请填写这一项'); // seats: shown because the bus is needed
    expect(res.body).toContain('&lt;b&gt;王&lt;/b&gt;');
    expect(await rows(sql`select 1 from form_responses where org_id = ${o.org.id}`)).toHaveLength(0);
  });

  it('stores a new person as a contact with the form’s tags, consent and a timeline line', async () => {
    const res = await postForm(t, url(), {
      name: '王小明',
      phone: '138 0013 8000',
      day: '周六',
      bus: '不需要',
      sms: 'on',
    });
    // Thanked on a page of its own, so that reloading it sends nothing again.
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`${url()}/thanks?lang=zh-CN`);
    expect((await getPage(t, res.headers.location as string)).body).toContain('报名成功！我们会短信通知集合时间。');
    const [response] = await rows<{ status: string; contact_id: number; answers: Record<string, unknown> }>(
      sql`select status, contact_id, answers from form_responses where org_id = ${o.org.id}`,
    );
    // A hidden question is neither required nor kept.
    expect(response).toMatchObject({ status: 'synced', answers: { phone: '+8613800138000', day: '周六', sms: true } });
    expect(response!.answers).not.toHaveProperty('seats');
    const contact = (await o.owner.get(api(`/contacts/${response!.contact_id}`))).body;
    expect(contact).toMatchObject({ name: '王小明', phone: '+8613800138000', source: 'form:zhi-yuan-zhe-bao-ming' });
    expect(contact.tags.map((tag: { name: string }) => tag.name).sort()).toEqual(['2026春季植树', '志愿者']);
    const consents = (await o.owner.get(api(`/contacts/${response!.contact_id}/consents`))).body;
    expect(JSON.stringify(consents)).toContain('volunteering');
    const [consent] = await rows<{
      channel: string;
      status: string;
      source: string;
      evidence: { type: string; text: string };
    }>(
      sql`select channel, status, source, evidence from consents where org_id = ${o.org.id} and contact_id = ${response!.contact_id}`,
    );
    expect(consent).toMatchObject({
      channel: 'sms',
      status: 'granted',
      source: 'form',
      evidence: { type: 'form_submission', text: '同意接收短信通知' },
    });
    const [line] = await rows<{ summary: string }>(
      sql`select summary from contact_activities where org_id = ${o.org.id} and contact_id = ${response!.contact_id} and type = 'form'`,
    );
    expect(line!.summary).toBe('提交了表单「志愿者报名」');
  });

  it('flags someone already listed; staff sync or ignore', async () => {
    const again = await postForm(t, url(), {
      name: '小明',
      phone: '13800138000',
      email: 'ming@example.org',
      day: '周日',
      bus: '不需要',
      sms: 'on',
    });
    expect(again.statusCode).toBe(303);
    const listed = await o.owner.get(api(`/forms/${formId}/responses`));
    const flagged = listed.body[0];
    expect(flagged).toMatchObject({ status: 'duplicate', contactId: null, matchedContactName: '王小明' });
    expect((await rows(sql`select 1 from contacts where org_id = ${o.org.id}`)).length).toBe(1);

    const synced = await o.owner.post(api(`/forms/${formId}/responses/${flagged.id}/sync`));
    expect(synced.body).toMatchObject({ status: 'synced', contactId: flagged.matchedContactId });
    const contact = (await o.owner.get(api(`/contacts/${flagged.matchedContactId}`))).body;
    expect(contact).toMatchObject({ name: '王小明', email: 'ming@example.org' });
    expect((await o.owner.post(api(`/forms/${formId}/responses/${flagged.id}/ignore`))).body.error.code).toBe(
      'RESPONSE_STATE',
    );

    await postForm(t, url(), { name: '王', phone: '13800138000', day: '周日', bus: '不需要' });
    const third = (await o.owner.get(api(`/forms/${formId}/responses`))).body[0];
    expect((await o.owner.post(api(`/forms/${formId}/responses/${third.id}/ignore`))).body.status).toBe('ignored');
    const listedForm = (await o.owner.get(api('/forms'))).body.find((f: { id: number }) => f.id === formId);
    expect(listedForm.responseCount).toBe(3);
    const audit = (await o.owner.get(api('/audit?limit=50'))).body.items.map((e: { action: string }) => e.action);
    expect(audit).toContain('form.responses.read');
  });

  it('exports the responses for Excel, with formulas defused', async () => {
    await postForm(t, url(), { name: '=HYPERLINK("x")', phone: '13900139000', day: '周六', bus: '不需要' });
    const csv = await o.owner.get(api(`/forms/${formId}/responses.csv`));
    expect(csv.status).toBe(200);
    expect(csv.body.startsWith('\uFEFF提交时间,姓名,手机号')).toBe(true);
    expect(csv.body).toContain("'=HYPERLINK");
    // Phones as staff write them, without +86 (which Excel would take for a formula and prefix with ').
    expect(csv.body).toMatch(/,13900139000,/);
    expect(csv.body).not.toContain('+86');
    expect(csv.body).toMatch(/\n\d{4}-\d{2}-\d{2} \d{2}:\d{2},/); // on the organization's clock, not ISO UTC
    expect(csv.body).toContain('已忽略');
    // A question removed after people answered it keeps its column.
    const fields = (await o.owner.get(api(`/forms/${formId}`))).body.fields.filter(
      (f: { key: string }) => f.key !== 'email',
    );
    await o.owner.patch(api(`/forms/${formId}`), { fields });
    const after = (await o.owner.get(api(`/forms/${formId}/responses.csv`))).body as string;
    expect(after).toContain('email（已删除）');
    expect(after).toContain('ming@example.org');
  });

  it('drops what a bot fills in the honeypot, answering as if it worked', async () => {
    const before = (await rows(sql`select 1 from form_responses where org_id = ${o.org.id}`)).length;
    const res = await postForm(t, url(), {
      name: 'bot',
      phone: '13700137000',
      day: '周六',
      website: 'http://spam.example',
    });
    expect(res.statusCode).toBe(303);
    expect((await rows(sql`select 1 from form_responses where org_id = ${o.org.id}`)).length).toBe(before);
  });
});

describe('limits', () => {
  it('never takes more than its limit, even all at once, and says so', async () => {
    const { body } = await o.owner.post(api('/forms'), {
      title: '限额讲座',
      fields: [{ key: 'phone', type: 'phone', label: '手机', required: true, mapTo: 'phone' }],
      settings: { responseLimit: 3 },
    });
    await o.owner.post(api(`/forms/${body.id}/open`));
    const answers = Array.from({ length: 6 }, (_, i) => `1360013600${i}`);
    const results = await Promise.all(
      answers.map((phone) =>
        t.app.inject({ method: 'POST', url: `/api/forms/${o.slug}/${body.slug}`, payload: { answers: { phone } } }),
      ),
    );
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(3);
    expect(results.filter((r) => r.statusCode === 409).map((r) => r.json().error.code)).toEqual(
      Array(3).fill('FORM_FULL'),
    );
    const bad = await t.app.inject({
      method: 'POST',
      url: `/api/forms/${o.slug}/${body.slug}`,
      payload: { answers: { phone: 'abc' } },
    });
    expect(bad.statusCode).toBe(409); // full before it is checked
    expect((await o.owner.get(api(`/forms/${body.id}`))).body).toMatchObject({ status: 'open', accepting: false });
    expect((await getPage(t, `/f/${o.slug}/${body.slug}`)).body).toContain('已经收满了');
  });

  it('makes one contact of two answers sent at once by one new person', async () => {
    const { body } = await o.owner.post(api('/forms'), {
      title: '同时提交',
      fields: [{ key: 'phone', type: 'phone', label: '手机', required: true, mapTo: 'phone' }],
    });
    await o.owner.post(api(`/forms/${body.id}/open`));
    const answer = () =>
      t.app.inject({
        method: 'POST',
        url: `/api/forms/${o.slug}/${body.slug}`,
        payload: { answers: { phone: '13288889999' } },
      });
    expect((await Promise.all([answer(), answer()])).map((r) => r.statusCode)).toEqual([201, 201]);
    const statuses = (await o.owner.get(api(`/forms/${body.id}/responses`))).body.map(
      (r: { status: string }) => r.status,
    );
    expect(statuses.sort()).toEqual(['duplicate', 'synced']);
    expect(
      await rows(sql`select 1 from contacts where org_id = ${o.org.id} and phone = '+8613288889999'`),
    ).toHaveLength(1);
  });

  it('closes at its closing time', async () => {
    const { body } = await o.owner.post(api('/forms'), {
      title: '过期问卷',
      fields: [{ key: 'q', type: 'text', label: '意见' }],
      settings: { closesAt: new Date(Date.now() - 60_000).toISOString() },
    });
    await o.owner.post(api(`/forms/${body.id}/open`));
    expect((await getPage(t, `/f/${o.slug}/${body.slug}`)).body).toContain('已经停止收集');
    const posted = await postForm(t, `/f/${o.slug}/${body.slug}`, { q: '晚了' });
    expect(posted.statusCode).toBe(409);
    const json = await t.app.inject({
      method: 'POST',
      url: `/api/forms/${o.slug}/${body.slug}`,
      payload: { answers: { q: 'x' } },
    });
    expect(json.json().error.code).toBe('FORM_CLOSED');
  });

  it('answers a bad JSON answer at its path', async () => {
    const { body } = await o.owner.post(api('/forms'), {
      title: '手机登记',
      fields: [{ key: 'phone', type: 'phone', label: '手机', required: true, mapTo: 'phone' }],
    });
    await o.owner.post(api(`/forms/${body.id}/open`));
    const bad = await t.app.inject({
      method: 'POST',
      url: `/api/forms/${o.slug}/${body.slug}`,
      payload: { answers: { phone: 'abc' } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual([{ path: 'body.answers.phone', message: 'not a mobile number' }]);
    for (const landline of ['020-12345678', '555-1234']) {
      const refused = await t.app.inject({
        method: 'POST',
        url: `/api/forms/${o.slug}/${body.slug}`,
        payload: { answers: { phone: landline } },
      });
      expect(refused.statusCode, landline).toBe(400);
    }
  });
});

describe.skipIf(!smtpSinkInstalled)('telling staff of new responses', () => {
  it('emails how many came and the link, once, never the answers', async () => {
    const { body } = await o.owner.post(api('/forms'), {
      title: '讲座报名',
      fields: [{ key: 'phone', type: 'phone', label: '手机', required: true, mapTo: 'phone' }],
      settings: { notifyEmails: ['staff@ngo.example.org'] },
    });
    await o.owner.post(api(`/forms/${body.id}/open`));
    const answer = (phone: string) =>
      t.app.inject({ method: 'POST', url: `/api/forms/${o.slug}/${body.slug}`, payload: { answers: { phone } } });
    await answer('13311112222');
    await answer('13311113333');
    expect(await emailFormNotices(t.deps)).toBe(1);
    expect(await emailFormNotices(t.deps)).toBe(0);
    const [message] = await sink!.waitForMessages(1);
    expect(message).toContain('staff@ngo.example.org');
    expect(message).not.toContain('13311112222');
    expect(message).not.toContain('1331111');
    await answer('13311114444');
    expect(await emailFormNotices(t.deps)).toBe(1);
    expect((await sink!.waitForMessages(2)).length).toBe(2);
  });
});

/** A multipart body as a browser sends a form with a file input. */
function multipart(fields: Record<string, string>, files: Record<string, { name: string; data: Buffer }>) {
  const boundary = '----cwtest' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  for (const [name, file] of Object.entries(files)) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${file.name}"\r\nContent-Type: image/png\r\n\r\n`,
      ),
      file.data,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 7)]);

describe('file questions', () => {
  it('keeps an image by what its bytes are, refuses a disguised or oversized file beside its question', async () => {
    const { body } = await o.owner.post(api('/forms'), {
      title: '作品征集',
      fields: [
        { key: 'phone', type: 'phone', label: '手机', required: true, mapTo: 'phone' },
        { key: 'photo', type: 'file', label: '作品照片', required: true },
      ],
    });
    await o.owner.post(api(`/forms/${body.id}/open`));
    const url = `/f/${o.slug}/${body.slug}`;
    expect((await getPage(t, url)).body).toContain('enctype="multipart/form-data"');
    const send = (files: Record<string, { name: string; data: Buffer }>) =>
      t.app.inject({ method: 'POST', url, ...multipart({ phone: '13012345678' }, files) });

    const disguised = await send({ photo: { name: 'photo.png', data: Buffer.from('MZ this is not an image') } });
    expect(disguised.statusCode).toBe(422);
    expect(disguised.body).toContain('请上传图片（JPG、PNG、WebP 或 GIF）');
    const huge = await send({ photo: { name: 'big.png', data: Buffer.concat([png, Buffer.alloc(5 * 1024 * 1024)]) } });
    expect(huge.statusCode).toBe(422);
    expect(huge.body).toContain('文件不能超过 5 MB');
    expect((await send({})).body).toContain('请填写这一项');
    expect((await o.owner.get(api(`/forms/${body.id}/responses`))).body).toHaveLength(0);

    const kept = await send({ photo: { name: '我的作品.png', data: png } });
    expect(kept.statusCode).toBe(303);
    const [response] = (await o.owner.get(api(`/forms/${body.id}/responses`))).body;
    expect(response.answers.photo).toMatchObject({ name: '我的作品.png', size: png.length, type: 'image/png' });
    const file = await t.app.inject({
      method: 'GET',
      url: api(`/forms/${body.id}/responses/${response.id}/files/photo`),
      headers: {
        authorization: `Bearer ${(await o.owner.post(api('/tokens'), { name: 'files', role: 'viewer' })).body.token}`,
      },
    });
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(png)).toBe(true);
    expect(file.headers['content-disposition']).toContain(encodeURIComponent('我的作品.png'));
    const other = await buildOrg(t);
    expect(
      (await other.owner.get(`/api/orgs/${other.slug}/forms/${body.id}/responses/${response.id}/files/photo`)).status,
    ).toBe(404);
  });
});

describe('tenancy', () => {
  it("does not show one organization's forms to another", async () => {
    const other = await buildOrg(t);
    const mine = (await o.owner.get(api('/forms'))).body[0];
    expect((await other.owner.get(`/api/orgs/${other.slug}/forms/${mine.id}`)).status).toBe(404);
    expect((await other.owner.get(`/api/orgs/${other.slug}/forms/${mine.id}/responses`)).status).toBe(404);
    expect((await other.owner.get(`/api/orgs/${o.slug}/forms`)).status).toBe(404);
  });
});
