import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPage, postForm, testApp, type TestApp } from '../../testing/app.ts';
import { buildOrg, type TestOrg } from '../../testing/factories.ts';

let t: TestApp;
let o: TestOrg;

beforeAll(async () => {
  t = await testApp();
  o = await buildOrg(t, { name: '绿洲治沙' });
});
afterAll(async () => {
  await t?.close();
});

const api = (path: string) => `/api/orgs/${o.slug}${path}`;
const rows = async <T>(query: ReturnType<typeof sql>) =>
  ((await t.deps.db.execute(query)) as unknown as { rows: T[] }).rows;
const hoursFromNow = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

/** A sign-up form (name, phone, email and an SMS consent), left a draft: publishing opens it. */
async function signupForm(title = '植树志愿者报名', fields?: unknown[]) {
  const created = await o.owner.post(api('/forms'), {
    title,
    fields: fields ?? [
      { key: 'name', type: 'text', label: '姓名', required: true, mapTo: 'name' },
      { key: 'phone', type: 'phone', label: '手机号', required: true, mapTo: 'phone' },
      { key: 'email', type: 'email', label: '邮箱', mapTo: 'email' },
      { key: 'sms', type: 'consent', label: '同意接收短信通知', consent: { channel: 'sms', purpose: 'volunteering' } },
    ],
    settings: { tags: ['志愿者'] },
  });
  expect(created.status).toBe(201);
  return created.body as { id: number; slug: string };
}

/** A published opportunity with the given shifts (hours from now, places). */
async function publishedOpportunity(
  title: string,
  shifts: { from: number; hours?: number; capacity?: number | null; title?: string }[],
  extra: Record<string, unknown> = {},
) {
  const form = await signupForm(`${title}报名`);
  const created = await o.owner.post(api('/volunteers/opportunities'), {
    title,
    location: '甘肃民勤县',
    formId: form.id,
    ...extra,
  });
  expect(created.status).toBe(201);
  const id = created.body.id as number;
  for (const s of shifts) {
    const added = await o.owner.post(api(`/volunteers/opportunities/${id}/shifts`), {
      title: s.title ?? '',
      startsAt: hoursFromNow(s.from),
      endsAt: hoursFromNow(s.from + (s.hours ?? 4)),
      capacity: s.capacity ?? null,
    });
    expect(added.status).toBe(201);
  }
  const published = await o.owner.post(api(`/volunteers/opportunities/${id}/publish`));
  expect(published.status).toBe(200);
  return published.body as {
    id: number;
    slug: string;
    publicUrl: string;
    formId: number;
    shifts: { id: number; title: string; placesLeft: number | null }[];
  };
}

const signUpJson = (slug: string, shiftIds: number[], answers: Record<string, string>) =>
  t.app.inject({ method: 'POST', url: `/api/volunteers/${o.slug}/${slug}`, payload: { shiftIds, answers } });

describe('opportunities and shifts', () => {
  it('creates a draft with a pinyin address and default reminders; refuses shifts that do not hold together', async () => {
    const created = await o.owner.post(api('/volunteers/opportunities'), {
      title: '春季植树',
      description: '在沙漠边缘种梭梭',
      location: '甘肃民勤县',
      divisionCode: '620621',
      skills: ['体力好', '会开车'],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      slug: 'chun-ji-zhi-shu',
      status: 'draft',
      publicUrl: `/v/${o.slug}/chun-ji-zhi-shu`,
      reminders: { hoursBefore: 24, email: true, smsTemplateId: null },
      shiftCount: 0,
      startsAt: null,
    });
    const id = created.body.id;
    const shifts = api(`/volunteers/opportunities/${id}/shifts`);
    // A patch of one reminder setting keeps the others.
    await o.owner.patch(api(`/volunteers/opportunities/${id}`), { reminders: { hoursBefore: 48 } });
    const quiet = await o.owner.patch(api(`/volunteers/opportunities/${id}`), { reminders: { email: false } });
    expect(quiet.body.reminders).toEqual({ hoursBefore: 48, email: false, smsTemplateId: null });

    const backwards = await o.owner.post(shifts, { startsAt: hoursFromNow(50), endsAt: hoursFromNow(48) });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.fields).toEqual([{ path: 'body.endsAt', message: 'must be after the start' }]);
    const none = await o.owner.post(shifts, { startsAt: hoursFromNow(48), endsAt: hoursFromNow(52), capacity: 0 });
    expect(none.status).toBe(400);
    expect(none.body.error.fields[0].path).toBe('body.capacity');
    const badPlace = await o.owner.post(api('/volunteers/opportunities'), { title: '错地方', divisionCode: '999999' });
    expect(badPlace.body.error.fields).toEqual([{ path: 'body.divisionCode', message: 'not a division code' }]);

    const first = await o.owner.post(shifts, {
      title: '上午',
      startsAt: hoursFromNow(48),
      endsAt: hoursFromNow(52),
      capacity: 20,
    });
    expect(first.status).toBe(201);
    const second = await o.owner.post(shifts, { title: '下午', startsAt: hoursFromNow(53), endsAt: hoursFromNow(57) });
    expect(second.body).toMatchObject({ shiftCount: 2, capacity: null });
    expect(second.body.shifts.map((s: { title: string }) => s.title)).toEqual(['上午', '下午']);
    const shiftId = second.body.shifts[0].id;
    const turned = await o.owner.patch(api(`/volunteers/opportunities/${id}/shifts/${shiftId}`), {
      endsAt: hoursFromNow(40),
    });
    expect(turned.status).toBe(400);
    expect(turned.body.error.fields[0].path).toBe('body.endsAt');

    const listed = (await o.owner.get(api('/volunteers/opportunities'))).body.find((x: { id: number }) => x.id === id);
    expect(listed).toMatchObject({ title: '春季植树', shiftCount: 2, signedUp: 0, capacity: null });
    expect(listed.startsAt).toBe(second.body.shifts[0].startsAt);
    expect(listed.endsAt).toBe(second.body.shifts[1].endsAt);
    expect(listed.nextShift).toEqual({
      id: shiftId,
      title: '上午',
      startsAt: listed.startsAt,
      endsAt: second.body.shifts[0].endsAt,
    });
  });

  it('publishes only with a form that says who signed up and a shift, opening the form', async () => {
    const { body } = await o.owner.post(api('/volunteers/opportunities'), { title: '河道清洁' });
    const publish = () => o.owner.post(api(`/volunteers/opportunities/${body.id}/publish`));
    const noForm = await publish();
    expect(noForm.status).toBe(422);
    expect(noForm.body.error).toMatchObject({ code: 'SIGNUP_FORM_INCOMPLETE', fields: [{ path: 'formId' }] });

    const nameOnly = await signupForm('只有姓名', [{ key: 'name', type: 'text', label: '姓名', mapTo: 'name' }]);
    await o.owner.patch(api(`/volunteers/opportunities/${body.id}`), { formId: nameOnly.id });
    expect((await publish()).body.error.message).toContain('phone or an email');

    const form = await signupForm('河道清洁报名');
    await o.owner.patch(api(`/volunteers/opportunities/${body.id}`), { formId: form.id });
    const noShift = await publish();
    expect(noShift.body.error).toMatchObject({ code: 'OPPORTUNITY_NO_SHIFTS' });
    expect(noShift.body.error.fields).toEqual([{ path: 'shifts', message: 'add at least one shift' }]);

    await o.owner.post(api(`/volunteers/opportunities/${body.id}/shifts`), {
      startsAt: hoursFromNow(30),
      endsAt: hoursFromNow(33),
    });
    const published = await publish();
    expect(published.status).toBe(200);
    expect(published.body.status).toBe('open');
    expect((await o.owner.get(api(`/forms/${form.id}`))).body.status).toBe('open');
    // A form signs people up for one opportunity only.
    const second = await o.owner.post(api('/volunteers/opportunities'), { title: '第二个', formId: form.id });
    expect(second.status).toBe(400);
    expect(second.body.error.fields[0].path).toBe('body.formId');
    // A published opportunity keeps its address.
    const moved = await o.owner.patch(api(`/volunteers/opportunities/${body.id}`), { slug: 'elsewhere' });
    expect(moved.body.error.code).toBe('OPPORTUNITY_STATE');
    expect((await o.owner.post(api(`/volunteers/opportunities/${body.id}/close`))).body.status).toBe('closed');
  });

  it('lets viewers read but not write; coordinators write', async () => {
    const viewer = await o.member('viewer');
    expect((await viewer.get(api('/volunteers/opportunities'))).status).toBe(200);
    expect((await viewer.post(api('/volunteers/opportunities'), { title: '查看者' })).status).toBe(403);
    const coordinator = await o.member('coordinator');
    expect((await coordinator.post(api('/volunteers/opportunities'), { title: '协调员的活动' })).status).toBe(201);
  });

  it('deletes an opportunity or a shift only while no one holds a place', async () => {
    const opportunity = await publishedOpportunity('社区探访', [{ from: 30, capacity: 5 }]);
    const shiftId = opportunity.shifts[0]!.id;
    expect((await signUpJson(opportunity.slug, [shiftId], { name: '周敏', phone: '13700000001' })).statusCode).toBe(
      201,
    );
    const path = api(`/volunteers/opportunities/${opportunity.id}`);
    expect((await o.owner.delete(`${path}/shifts/${shiftId}`)).body.error.code).toBe('SHIFT_IN_USE');
    expect((await o.owner.delete(path)).body.error.code).toBe('OPPORTUNITY_STATE');
    const [signup] = (await o.owner.get(`${path}/signups`)).body;
    await o.owner.post(api(`/volunteers/signups/${signup.id}/cancel`));
    expect((await o.owner.delete(`${path}/shifts/${shiftId}`)).status).toBe(200);
    expect((await o.owner.delete(path)).status).toBe(204);
    expect((await o.owner.get(path)).status).toBe(404);
  });
});

describe('signing up through the JSON API', () => {
  it('creates the contact with consent, and a place; the same person again gets the same place', async () => {
    const opportunity = await publishedOpportunity('湿地观鸟', [
      { from: 30, capacity: 10, title: '第一天' },
      { from: 54, capacity: 10, title: '第二天' },
    ]);
    const [day1, day2] = opportunity.shifts.map((s) => s.id);
    const answers = { name: '李娜', phone: '138 0013 8001', sms: 'on' };
    const res = await signUpJson(opportunity.slug, [day1!, day2!], answers);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({
      status: 'received',
      signups: [
        { shiftId: day1, status: 'confirmed' },
        { shiftId: day2, status: 'confirmed' },
      ],
    });
    const roster = (await o.owner.get(api(`/volunteers/opportunities/${opportunity.id}/signups`))).body;
    expect(roster).toHaveLength(2);
    expect(roster[0]).toMatchObject({
      contactName: '李娜',
      phone: '+8613800138001',
      source: 'form',
      status: 'confirmed',
    });
    const contactId = roster[0].contactId;
    const [consent] = await rows<{ channel: string; purpose: string }>(
      sql`select channel, purpose from consents where org_id = ${o.org.id} and contact_id = ${contactId}`,
    );
    expect(consent).toEqual({ channel: 'sms', purpose: 'volunteering' });

    // Signing up again (flagged as the listed contact by the form) is answered with the places held.
    const again = await signUpJson(opportunity.slug, [day1!], { name: '李娜', phone: '13800138001' });
    expect(again.statusCode).toBe(201);
    expect(again.json().signups).toEqual([{ shiftId: day1, status: 'confirmed' }]);
    expect((await o.owner.get(api(`/volunteers/opportunities/${opportunity.id}/signups`))).body).toHaveLength(2);
    const responses = (await o.owner.get(api(`/forms/${opportunity.formId}/responses`))).body;
    expect(responses.map((r: { status: string }) => r.status)).toEqual(['duplicate', 'synced']);
  });

  it('refuses shifts of another opportunity or organization, unknown and past shifts, and closed opportunities', async () => {
    const mine = await publishedOpportunity('图书整理', [{ from: 30, capacity: 3 }]);
    const other = await publishedOpportunity('图书义卖', [{ from: 30 }]);
    const answers = { name: '王强', phone: '13900000002' };
    const otherShift = await signUpJson(mine.slug, [other.shifts[0]!.id], answers);
    expect(otherShift.statusCode).toBe(400);
    expect(otherShift.json().error.fields).toEqual([
      { path: 'body.shiftIds.0', message: 'not a shift of this opportunity' },
    ]);
    const unknown = await signUpJson(mine.slug, [mine.shifts[0]!.id, 99_999_999], answers);
    expect(unknown.json().error.fields[0].path).toBe('body.shiftIds.1');

    const elsewhere = await buildOrg(t);
    const theirForm = await elsewhere.owner.post(`/api/orgs/${elsewhere.slug}/forms`, {
      title: '别家报名',
      fields: [
        { key: 'name', type: 'text', label: '姓名', mapTo: 'name' },
        { key: 'phone', type: 'phone', label: '手机', mapTo: 'phone' },
      ],
    });
    const theirs = await elsewhere.owner.post(`/api/orgs/${elsewhere.slug}/volunteers/opportunities`, {
      title: '别家活动',
      formId: theirForm.body.id,
    });
    const theirShift = await elsewhere.owner.post(
      `/api/orgs/${elsewhere.slug}/volunteers/opportunities/${theirs.body.id}/shifts`,
      { startsAt: hoursFromNow(30), endsAt: hoursFromNow(31) },
    );
    const foreign = await signUpJson(mine.slug, [theirShift.body.shifts[0].id], answers);
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.fields[0].path).toBe('body.shiftIds.0');
    // Nor can staff of one organization use another's form.
    const borrowed = await o.owner.post(api('/volunteers/opportunities'), { title: '借表', formId: theirForm.body.id });
    expect(borrowed.status).toBe(404);

    const badPhone = await signUpJson(mine.slug, [mine.shifts[0]!.id], { name: '王强', phone: '12345' });
    expect(badPhone.statusCode).toBe(400);
    expect(badPhone.json().error.fields).toEqual([{ path: 'body.answers.phone', message: 'not a mobile number' }]);

    const past = await o.owner.post(api(`/volunteers/opportunities/${mine.id}/shifts`), {
      startsAt: hoursFromNow(-2),
      endsAt: hoursFromNow(1),
    });
    const pastId = past.body.shifts.find((s: { id: number }) => s.id !== mine.shifts[0]!.id).id;
    expect((await signUpJson(mine.slug, [pastId], answers)).json().error.code).toBe('SHIFT_PAST');

    await o.owner.post(api(`/volunteers/opportunities/${mine.id}/close`));
    const closed = await signUpJson(mine.slug, [mine.shifts[0]!.id], answers);
    expect(closed.statusCode).toBe(409);
    expect(closed.json().error.code).toBe('OPPORTUNITY_STATE');
    expect(
      await rows(sql`select 1 from volunteer_signups where org_id = ${o.org.id} and opportunity_id = ${mine.id}`),
    ).toHaveLength(0);
    const draft = await o.owner.post(api('/volunteers/opportunities'), { title: '草稿活动' });
    expect((await signUpJson(draft.body.slug, [1], answers)).statusCode).toBe(404);
  });

  it('never overfills a shift, even all at once; a full shift refuses, leaving no contact or response behind', async () => {
    const opportunity = await publishedOpportunity('马拉松补给站', [{ from: 30, capacity: 3 }]);
    const shiftId = opportunity.shifts[0]!.id;
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        signUpJson(opportunity.slug, [shiftId], { name: `跑者${i}`, phone: `1360000010${i}` }),
      ),
    );
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(3);
    const refused = results.filter((r) => r.statusCode === 409);
    expect(refused.map((r) => r.json().error)).toEqual(
      Array(5).fill({
        code: 'SHIFT_FULL',
        message: 'This shift has no places left',
        fields: [{ path: 'body.shiftIds.0', message: 'no places left' }],
      }),
    );
    const [counts] = await rows<{ signups: number; responses: number; contacts: number }>(sql`
      select (select count(*)::int from volunteer_signups where org_id = ${o.org.id} and shift_id = ${shiftId}) as signups,
             (select count(*)::int from form_responses where org_id = ${o.org.id} and form_id = ${opportunity.formId}) as responses,
             (select count(*)::int from contacts where org_id = ${o.org.id} and name like '跑者%') as contacts`);
    expect(counts).toEqual({ signups: 3, responses: 3, contacts: 3 });
    const detail = (await o.owner.get(api(`/volunteers/opportunities/${opportunity.id}`))).body;
    expect(detail.shifts[0]).toMatchObject({ confirmed: 3, placesLeft: 0 });
  });

  it('puts people on the waiting list of a full shift when the opportunity keeps one', async () => {
    const opportunity = await publishedOpportunity('敬老院陪伴', [{ from: 30, capacity: 1 }], { waitlist: true });
    const shiftId = opportunity.shifts[0]!.id;
    const results = await Promise.all(
      [0, 1, 2].map((i) => signUpJson(opportunity.slug, [shiftId], { name: `陪伴者${i}`, phone: `1350000020${i}` })),
    );
    const statuses = results.map((r) => r.json().signups[0].status).sort();
    expect(statuses).toEqual(['confirmed', 'waitlisted', 'waitlisted']);
    const detail = (await o.owner.get(api(`/volunteers/opportunities/${opportunity.id}`))).body;
    expect(detail).toMatchObject({ signedUp: 1, waitlisted: 2, capacity: 1 });
  });
});

describe('the roster', () => {
  it('staff add a contact, cancel promotes the first waitlisted, and the reads are audited', async () => {
    const opportunity = await publishedOpportunity('急救培训', [{ from: 30, capacity: 1 }], { waitlist: true });
    const shiftId = opportunity.shifts[0]!.id;
    const first = await o.owner.post(api('/contacts'), { name: '赵敏', phone: '13600000301' });
    const second = await o.owner.post(api('/contacts'), { name: '钱伟', phone: '13600000302' });
    const add = (contactId: number) =>
      o.owner.post(api(`/volunteers/opportunities/${opportunity.id}/signups`), { shiftId, contactId });
    const a = await add(first.body.id);
    expect(a.status).toBe(201);
    expect(a.body).toMatchObject({ status: 'confirmed', source: 'staff', contactName: '赵敏' });
    expect((await add(first.body.id)).body.id).toBe(a.body.id);
    const b = await add(second.body.id);
    expect(b.body.status).toBe('waitlisted');

    const cancelled = await o.owner.post(api(`/volunteers/signups/${a.body.id}/cancel`));
    expect(cancelled.body.status).toBe('cancelled');
    const roster = (await o.owner.get(api(`/volunteers/opportunities/${opportunity.id}/signups?status=confirmed`)))
      .body;
    expect(roster.map((s: { contactName: string }) => s.contactName)).toEqual(['钱伟']);
    const timeline = await rows<{ summary: string }>(
      sql`select summary from contact_activities where org_id = ${o.org.id} and contact_id = ${second.body.id} and type = 'volunteer' order by id`,
    );
    expect(timeline.map((l) => l.summary)).toEqual([
      '报名了志愿活动「急救培训」（候补）',
      '志愿活动「急救培训」从候补转为正式报名',
    ]);
    expect((await o.owner.post(api(`/volunteers/signups/${a.body.id}/check-in`))).body.error.code).toBe('SIGNUP_STATE');

    const csv = await o.owner.get(api(`/volunteers/opportunities/${opportunity.id}/signups.csv`));
    expect(csv.status).toBe(200);
    expect(csv.body.startsWith('\uFEFF班次,开始时间')).toBe(true);
    expect(csv.body).toContain(',钱伟,13600000302,');
    const viewer = await o.member('viewer');
    expect((await viewer.get(api(`/volunteers/opportunities/${opportunity.id}/signups.csv`))).status).toBe(403);
    expect((await viewer.post(api(`/volunteers/signups/${b.body.id}/check-in`))).status).toBe(403);
    const audited = await rows<{ data: { use: string } }>(
      sql`select data from audit_events where org_id = ${o.org.id} and action = 'volunteer.roster.read' and subject_id = ${String(opportunity.id)}`,
    );
    expect(audited.map((e) => e.data.use).sort()).toEqual(['export', 'list']);
  });
});

describe('the public page', () => {
  it('shows the opportunity and its shifts with places left, in Chinese and English; drafts are not public', async () => {
    const draft = await o.owner.post(api('/volunteers/opportunities'), { title: '还没发布' });
    expect((await getPage(t, `/v/${o.slug}/${draft.body.slug}`)).statusCode).toBe(404);
    const opportunity = await publishedOpportunity(
      '民勤春季植树',
      [
        { from: 30, capacity: 2, title: '第一批' },
        { from: 54, capacity: 1, title: '第二批' },
      ],
      { description: '在沙漠边缘种梭梭。\n自带水杯。', skills: ['体力好'] },
    );
    const [, second] = opportunity.shifts;
    await signUpJson(opportunity.slug, [second!.id], { name: '孙悦', phone: '13300000401' });
    const page = await getPage(t, opportunity.publicUrl);
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    for (const text of [
      '民勤春季植树',
      '甘肃民勤县',
      '体力好',
      '自带水杯。',
      '第一批',
      '剩余 2 个名额',
      '已满',
      '姓名',
      '手机号',
    ])
      expect(page.body).toContain(text);
    expect(page.body).toMatch(new RegExp(`name="shiftIds"\\s+value="${opportunity.shifts[0]!.id}"\\s+/>`));
    expect(page.body).toMatch(/name="shiftIds"\s+value="\d+"\s+disabled/);
    expect(page.body).toContain('name="website"');
    const english = await getPage(t, `${opportunity.publicUrl}?lang=en`);
    expect(english.body).toContain('2 places left');
    expect(english.body).toContain('Full');

    // The form's own page sends visitors to the opportunity, where the shifts are chosen.
    const form = (await o.owner.get(api(`/forms/${opportunity.formId}`))).body;
    const redirected = await getPage(t, `/f/${o.slug}/${form.slug}`);
    expect(redirected.statusCode).toBe(303);
    expect(redirected.headers.location).toBe(`${opportunity.publicUrl}?lang=zh-CN`);
  });

  it('signs up from the page: contact, consent, tags, response and a place, then a thank-you page', async () => {
    const opportunity = await publishedOpportunity('周末环保课堂', [{ from: 30, capacity: 5 }], { waitlist: true });
    const shiftId = String(opportunity.shifts[0]!.id);
    const bad = await postForm(t, opportunity.publicUrl, { name: '<b>钱</b>', phone: '123', shiftIds: shiftId });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('请填写正确的手机号');
    expect(bad.body).toContain('&lt;b&gt;钱&lt;/b&gt;');
    expect(bad.body).toMatch(new RegExp(`value="${shiftId}"\\s+checked`));
    const none = await postForm(t, opportunity.publicUrl, { name: '钱多多', phone: '13300000501' });
    expect(none.statusCode).toBe(422);
    expect(none.body).toContain('请至少选择一个班次');
    expect(
      await rows(
        sql`select 1 from volunteer_signups where org_id = ${o.org.id} and opportunity_id = ${opportunity.id}`,
      ),
    ).toHaveLength(0);

    const done = await postForm(t, `${opportunity.publicUrl}?lang=zh-CN`, {
      name: '钱多多',
      phone: '133 0000 0501',
      email: 'qian@example.org',
      sms: 'on',
      shiftIds: shiftId,
    });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe(`${opportunity.publicUrl}/thanks?lang=zh-CN`);
    expect((await getPage(t, done.headers.location as string)).body).toContain('报名成功');
    const [signup] = (await o.owner.get(api(`/volunteers/opportunities/${opportunity.id}/signups`))).body;
    expect(signup).toMatchObject({
      contactName: '钱多多',
      phone: '+8613300000501',
      email: 'qian@example.org',
      status: 'confirmed',
      source: 'form',
    });
    expect(signup.responseId).toBeTypeOf('number');
    const contact = (await o.owner.get(api(`/contacts/${signup.contactId}`))).body;
    expect(contact.tags.map((tag: { name: string }) => tag.name)).toEqual(['志愿者']);
    const consents = await rows<{ channel: string; status: string; evidence: { type: string } }>(
      sql`select channel, status, evidence from consents where org_id = ${o.org.id} and contact_id = ${signup.contactId}`,
    );
    expect(consents).toEqual([
      { channel: 'sms', status: 'granted', evidence: expect.objectContaining({ type: 'form_submission' }) },
    ]);

    const bot = await postForm(t, opportunity.publicUrl, {
      name: 'bot',
      phone: '13300000599',
      shiftIds: shiftId,
      website: 'x',
    });
    expect(bot.statusCode).toBe(303);
    expect(await rows(sql`select 1 from contacts where org_id = ${o.org.id} and name = 'bot'`)).toHaveLength(0);

    await o.owner.post(api(`/volunteers/opportunities/${opportunity.id}/close`));
    const closed = await getPage(t, opportunity.publicUrl);
    expect(closed.body).toContain('已经停止报名');
    const late = await postForm(t, opportunity.publicUrl, { name: '迟到', phone: '13300000502', shiftIds: shiftId });
    expect(late.statusCode).toBe(409);
  });

  it('says a shift filled up, and waitlists on the page when the opportunity keeps a list', async () => {
    const strict = await publishedOpportunity('限额讲座', [{ from: 30, capacity: 1 }]);
    const shiftId = String(strict.shifts[0]!.id);
    expect(
      (await postForm(t, strict.publicUrl, { name: '甲', phone: '13300000601', shiftIds: shiftId })).statusCode,
    ).toBe(303);
    const refused = await postForm(t, strict.publicUrl, { name: '乙', phone: '13300000602', shiftIds: shiftId });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('刚刚报满了');
    const lenient = await publishedOpportunity('候补讲座', [{ from: 30, capacity: 1 }], { waitlist: true });
    const id = String(lenient.shifts[0]!.id);
    await postForm(t, lenient.publicUrl, { name: '丙', phone: '13300000603', shiftIds: id });
    expect((await getPage(t, lenient.publicUrl)).body).toContain('已满，可报名候补');
    const waiting = await postForm(t, lenient.publicUrl, { name: '丁', phone: '13300000604', shiftIds: id });
    expect(waiting.headers.location).toContain('waitlisted=1');
    expect((await getPage(t, waiting.headers.location as string)).body).toContain('候补名单');
  });
});

describe('a sign-up form that asks for a captcha', () => {
  it('refuses a sign-up without a passed captcha before anything is recorded; the page carries the challenge', async () => {
    const opportunity = await publishedOpportunity('需要验证的活动', [{ from: 30, capacity: 5 }]);
    const form = (await o.owner.get(api(`/forms/${opportunity.formId}`))).body;
    expect(
      (await o.owner.patch(api(`/forms/${form.id}`), { settings: { ...form.settings, captcha: true } })).status,
    ).toBe(200);
    const shiftId = opportunity.shifts[0]!.id;
    const refused = await signUpJson(opportunity.slug, [shiftId], { name: '机器人', phone: '13100000901' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({ code: 'CAPTCHA_FAILED', fields: [{ path: 'body.captcha' }] });
    const page = await getPage(t, opportunity.publicUrl);
    expect(page.body).toContain('name="captcha"');
    const posted = await postForm(t, opportunity.publicUrl, {
      name: '机器人',
      phone: '13100000901',
      shiftIds: String(shiftId),
    });
    expect(posted.statusCode).toBe(400);
    expect(await rows(sql`select 1 from contacts where org_id = ${o.org.id} and name = '机器人'`)).toHaveLength(0);
    expect(
      await rows(sql`select 1 from volunteer_signups where org_id = ${o.org.id} and shift_id = ${shiftId}`),
    ).toHaveLength(0);
  });
});

describe('check-in, hours and the contact’s history', () => {
  it('checks in, checks out to the minute, logs hours, marks no-shows, and refuses what does not fit', async () => {
    const opportunity = await publishedOpportunity('社区义诊', [{ from: 30, capacity: 10, title: '上午' }]);
    const shiftId = opportunity.shifts[0]!.id;
    const ids: number[] = [];
    for (const [i, name] of ['吴刚', '郑丽', '冯涛', '陈晨'].entries()) {
      await signUpJson(opportunity.slug, [shiftId], { name, phone: `1310000070${i}` });
    }
    for (const s of (await o.owner.get(api(`/volunteers/opportunities/${opportunity.id}/signups`))).body)
      ids.push(s.id);
    const [wu, zheng, feng, chen] = ids as [number, number, number, number];
    const act = (id: number, action: string, body?: unknown) =>
      o.owner.post(api(`/volunteers/signups/${id}/${action}`), body);

    const early = await act(wu, 'check-out');
    expect(early.body.error.code).toBe('SIGNUP_STATE');
    const checked = await act(wu, 'check-in');
    expect(checked.body).toMatchObject({ status: 'attended', checkedOutAt: null, minutes: null });
    const firstTime = checked.body.checkedInAt;
    expect((await act(wu, 'check-in')).body.checkedInAt).toBe(firstTime);
    // Checked in two and a half hours ago (and a few seconds): checked out, 150 minutes to the nearest minute.
    await t.deps.db.execute(
      sql`update volunteer_signups set checked_in_at = now() - interval '150 minutes 20 seconds' where org_id = ${o.org.id} and id = ${wu}`,
    );
    const out = await act(wu, 'check-out');
    expect(out.body).toMatchObject({ status: 'attended', minutes: 150 });
    expect(out.body.checkedOutAt).not.toBeNull();

    for (const minutes of [-5, 1441, 12.5]) {
      const refused = await act(zheng, 'hours', { minutes });
      expect(refused.status, String(minutes)).toBe(400);
      expect(refused.body.error.fields[0].path).toBe('body.minutes');
    }
    const logged = await act(zheng, 'hours', { minutes: 240, note: '带了药箱' });
    expect(logged.body).toMatchObject({ status: 'attended', minutes: 240, note: '带了药箱' });

    expect((await act(feng, 'no-show')).body).toMatchObject({ status: 'no_show', minutes: null });
    await act(chen, 'cancel');
    const cancelled = await act(chen, 'check-in');
    expect(cancelled.status).toBe(409);
    expect(cancelled.body.error.code).toBe('SIGNUP_STATE');
    expect((await act(chen, 'hours', { minutes: 60 })).body.error.code).toBe('SIGNUP_STATE');

    // Bulk check-in is all or none.
    const bulk = (signupIds: number[]) => o.owner.post(api('/volunteers/signups/check-in'), { signupIds });
    expect((await bulk([feng, chen])).body.error.code).toBe('SIGNUP_STATE');
    expect(
      (await o.owner.get(api(`/volunteers/opportunities/${opportunity.id}/signups?status=no_show`))).body,
    ).toHaveLength(1);
    const both = await bulk([feng, wu]);
    expect(both.status).toBe(200);
    expect(both.body.map((s: { status: string }) => s.status)).toEqual(['attended', 'attended']);

    const coordinator = await o.member('coordinator');
    expect((await coordinator.post(api(`/volunteers/signups/${zheng}/hours`), { minutes: 200 })).status).toBe(200);
    expect(
      (await (await o.member('viewer')).post(api(`/volunteers/signups/${zheng}/hours`), { minutes: 1 })).status,
    ).toBe(403);
  });

  it('shows a contact’s hours and signups, writes the timeline, and keeps hours but not identity on erasure', async () => {
    const trees = await publishedOpportunity('沙漠植树', [
      { from: 30, title: '第一天' },
      { from: 54, title: '第二天' },
    ]);
    const river = await publishedOpportunity('河流巡护', [{ from: 80, capacity: 5 }]);
    const me = { name: '何静', phone: '13200000801', email: 'he@example.org' };
    await signUpJson(
      trees.slug,
      trees.shifts.map((s) => s.id),
      me,
    );
    await signUpJson(river.slug, [river.shifts[0]!.id], me);
    const roster = (await o.owner.get(api(`/volunteers/opportunities/${trees.id}/signups`))).body;
    const contactId = roster[0].contactId;
    await o.owner.post(api(`/volunteers/signups/${roster[0].id}/hours`), { minutes: 180, note: '手机 13200000801' });
    await o.owner.post(api(`/volunteers/signups/${roster[1].id}/hours`), { minutes: 95 });

    const history = await o.owner.get(api(`/contacts/${contactId}/volunteering`));
    expect(history.status).toBe(200);
    expect(history.body).toMatchObject({
      totalMinutes: 275,
      counts: { signups: 3, confirmed: 1, attended: 2, waitlisted: 0, noShow: 0, cancelled: 0 },
    });
    expect(history.body.signups[0]).toMatchObject({ opportunityTitle: '河流巡护', status: 'confirmed', minutes: null });
    expect(
      history.body.signups.slice(1).map((s: { shiftTitle: string; minutes: number }) => [s.shiftTitle, s.minutes]),
    ).toEqual([
      ['第二天', 95],
      ['第一天', 180],
    ]);
    const viewer = await o.member('viewer');
    expect((await viewer.get(api(`/contacts/${contactId}/volunteering`))).status).toBe(200);
    const [read] = await rows<{ n: number }>(
      sql`select count(*)::int as n from audit_events where org_id = ${o.org.id} and action = 'contact.read' and subject_id = ${String(contactId)} and data->>'section' = 'volunteering'`,
    );
    expect(read!.n).toBe(2);

    const lines = await rows<{ summary: string; data: { action: string } }>(
      sql`select summary, data from contact_activities where org_id = ${o.org.id} and contact_id = ${contactId} and type = 'volunteer' order by id`,
    );
    expect(lines.map((l) => l.data.action)).toEqual(['signed_up', 'signed_up', 'signed_up', 'hours', 'hours']);
    expect(lines[3]!.summary).toBe('志愿活动「沙漠植树」记录服务时长 3 小时');

    const exported = await o.owner.get(api(`/contacts/${contactId}/export`));
    expect(exported.body.volunteering).toMatchObject({ totalMinutes: 275 });
    expect(exported.body.volunteering.signups).toHaveLength(3);
    const csv = await o.owner.get(api(`/contacts/${contactId}/export?format=csv`));
    expect(csv.body).toContain('volunteering,');

    expect((await o.owner.post(api(`/contacts/${contactId}/erase`), { reason: '本人要求' })).status).toBe(200);
    const after = (await o.owner.get(api(`/contacts/${contactId}/volunteering`))).body;
    expect(after.totalMinutes).toBe(275);
    const erasedRoster = (await o.owner.get(api(`/volunteers/opportunities/${trees.id}/signups`))).body;
    expect(erasedRoster[0]).toMatchObject({ contactName: '已删除', phone: null, email: null, note: '', minutes: 180 });
  });
});
