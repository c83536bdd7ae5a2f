import { sql } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPage, postForm, testApp, type TestApp } from '../../testing/app.ts';
import { buildOrg, type TestOrg, testPlan } from '../../testing/factories.ts';
import { smtpSinkInstalled, startSmtpSink, type SmtpSink } from '../../testing/smtp-sink.ts';
import { givingDeps } from './giving.ts';
import { chargeDueMonthlyGifts, chargeMonthlyGift } from './monthly-charge.ts';
import { emailMonthlyNotices } from './monthly-notices.ts';

let sink: SmtpSink | undefined;
let t: TestApp;
let o: TestOrg;
let campaignId: number;
let serial = 0;

beforeAll(async () => {
  if (smtpSinkInstalled) sink = await startSmtpSink();
  t = await testApp(sink ? { env: { SMTP_URL: sink.url, EMAIL_FROM: 'giving@ngo.example.org' } } : {});
  o = await buildOrg(t, { name: '春苗助学' });
  const project = await o.owner.post(`/api/orgs/${o.slug}/projects`, {
    slug: 'books',
    name: '乡村图书角',
    budgetLines: [],
  });
  campaignId = (
    await o.owner.post(`/api/orgs/${o.slug}/campaigns`, {
      plan: testPlan,
      slug: 'books',
      projectId: project.body.id,
      copy: { title: '每月一本书' },
      presetAmounts: [3000, 5000],
      minAmount: 1000,
      maxAmount: 100_000,
    })
  ).body.id;
  await o.owner.post(`/api/orgs/${o.slug}/campaigns/${campaignId}/submit`);
  await o.owner.post(`/api/orgs/${o.slug}/campaigns/${campaignId}/review`, { decision: 'approve' });
});
afterAll(async () => {
  await t?.close();
  await sink?.stop();
});

const page = (url: string) => getPage(t, url);
const form = (url: string, fields: Record<string, string>) => postForm(t, url, fields);
const rows = async <T>(query: ReturnType<typeof sql>) =>
  ((await t.deps.db.execute(query)) as unknown as { rows: T[] }).rows;
const chargeDeps = () => givingDeps(t.deps);
const giftsOf = async (contactId: number) =>
  rows<{ amount: string | number }>(
    sql`select amount from gifts where org_id = ${o.org.id} and contact_id = ${contactId} order by id`,
  );
const monthly = async (id: number) =>
  (
    await rows<{
      status: string;
      amount: string | number;
      failures: number;
      next_charge_at: Date | string | null;
      period: string;
      notice_due: string | null;
    }>(sql`select * from monthly_gifts where org_id = ${o.org.id} and id = ${id}`)
  )[0]!;

async function waitFor<T>(read: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = await read();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('never happened');
}

/** A donor starts a monthly gift on the public page and pays on the sandbox pay page. */
async function startMonthly(name: string, email: string, amount = '50') {
  const shown = await page(`/c/${o.slug}/books`);
  expect(shown.body).toContain('value="monthly"');
  const submitToken = /name="submitToken" value="([^"]+)"/.exec(shown.body)![1]!;
  const started = await form(`/c/${o.slug}/books/give`, {
    submitToken,
    amount: 'other',
    otherAmount: amount,
    frequency: 'monthly',
    provider: 'sandbox',
    name,
    email,
  });
  expect(started.statusCode, started.body).toBe(303);
  const payPage = await page(started.headers.location as string);
  expect(payPage.body).toContain('委托代扣');
  const paid = await form(started.headers.location as string, { decision: 'pay' });
  const orderPath = paid.headers.location as string;
  const thanks = await waitFor(async () => {
    const res = await page(orderPath);
    return res.body.includes('/m/') ? res.body : undefined;
  });
  const manage = /href="(\/m\/[^"?]+)/.exec(thanks.replace(/http:\/\/[^/"]+/g, ''))![1]!;
  const id = Number(
    (
      await rows<{ id: number }>(sql`select id from monthly_gifts where org_id = ${o.org.id} order by id desc limit 1`)
    )[0]!.id,
  );
  const contactId = Number(
    (await rows<{ contact_id: number }>(sql`select contact_id from monthly_gifts where id = ${id}`))[0]!.contact_id,
  );
  return { id, contactId, manage, thanks };
}

const nextCharge = async (id: number) => new Date((await monthly(id)).next_charge_at!);
const mailsTo = async (address: string) =>
  sink
    ? Promise.all((await sink.messages()).filter((raw) => raw.includes(address)).map(async (raw) => simpleParser(raw)))
    : [];

describe('monthly giving (月捐)', () => {
  it('starts from the giving page: the first payment signs the agreement and sets the schedule', async () => {
    const { id, contactId, manage, thanks } = await startMonthly('周月', 'zhou@example.org');
    expect(thanks).toContain('月捐已开始');
    const gift = await monthly(id);
    expect(gift).toMatchObject({ status: 'active', failures: 0 });
    expect(Number(gift.amount)).toBe(5000);
    const next = await nextCharge(id);
    expect(next.getTime()).toBeGreaterThan(Date.now() + 27 * 86_400_000);
    expect(gift.period).toBe(new Date(next.getTime() + 8 * 3_600_000).toISOString().slice(0, 7));
    expect(await giftsOf(contactId)).toHaveLength(1);

    const own = await page(manage);
    expect(own.statusCode).toBe(200);
    expect(own.headers['cache-control']).toContain('no-store');
    expect(own.body).toContain('每月 ¥50.00');
    if (sink) {
      await emailMonthlyNotices(t.deps);
      const [welcome] = await mailsTo('zhou@example.org').then((m) => m.filter((x) => x.subject?.includes('月捐')));
      expect(welcome?.text).toContain('/m/');
    }
  });

  it('charges once a month, however often the job runs, recording a gift and a receipt each time', async () => {
    const { id, contactId } = await startMonthly('吴月', 'wu@example.org', '30');
    const due = new Date((await nextCharge(id)).getTime() + 60_000);
    const both = await Promise.all([
      chargeMonthlyGift(chargeDeps(), o.org.id, id, due),
      chargeMonthlyGift(chargeDeps(), o.org.id, id, due),
    ]);
    expect(both.sort()).toEqual(['paid', 'skipped']);
    expect(await chargeMonthlyGift(chargeDeps(), o.org.id, id, due)).toBe('skipped');
    // The job itself, an hour later: this month is paid, so nothing more is taken from this donor.
    await chargeDueMonthlyGifts(chargeDeps(), new Date(due.getTime() + 2 * 3_600_000));
    const gifts = await giftsOf(contactId);
    expect(gifts.map((g) => Number(g.amount))).toEqual([3000, 3000]);
    const receipts = await rows(
      sql`select r.id from receipts r join gifts g on g.org_id = r.org_id and g.id = r.gift_id where r.org_id = ${o.org.id} and g.contact_id = ${contactId}`,
    );
    expect(receipts).toHaveLength(2);
    const after = await nextCharge(id);
    expect(after.getTime() - due.getTime()).toBeGreaterThan(27 * 86_400_000);

    const api = await page(`/api/monthly/${(await startToken(id)).token}`);
    expect(api.json().charges.map((c: { status: string }) => c.status)).toEqual(['paid', 'paid']);
    expect(api.json().charges[0].receiptUrl).toMatch(/\/r\//);
  });

  it('retries a declined charge after three days, tells the donor, and lapses after the third', async () => {
    const { id, manage } = await startMonthly('郑月', 'zheng@example.org');
    // The sandbox declines amounts ending in .13, like a card test number.
    const changed = await form(manage, { action: 'change-amount', amount: '50.13' });
    expect(changed.statusCode).toBe(303);
    let at = new Date((await nextCharge(id)).getTime() + 60_000);
    expect(await chargeMonthlyGift(chargeDeps(), o.org.id, id, at)).toBe('declined');
    let gift = await monthly(id);
    expect(gift).toMatchObject({ status: 'active', failures: 1, notice_due: 'declined' });
    expect((await nextCharge(id)).getTime() - at.getTime()).toBe(3 * 86_400_000);
    const shown = await page(manage);
    expect(shown.body).toContain('最近一次扣款没有成功');
    if (sink) {
      await emailMonthlyNotices(t.deps);
      expect((await mailsTo('zheng@example.org')).some((m) => m.subject?.includes('未能扣款'))).toBe(true);
    }
    at = new Date((await nextCharge(id)).getTime() + 60_000);
    expect(await chargeMonthlyGift(chargeDeps(), o.org.id, id, at)).toBe('declined');
    at = new Date((await nextCharge(id)).getTime() + 60_000);
    expect(await chargeMonthlyGift(chargeDeps(), o.org.id, id, at)).toBe('lapsed');
    gift = await monthly(id);
    expect(gift).toMatchObject({ status: 'lapsed', next_charge_at: null, notice_due: 'lapsed' });
    expect(await chargeMonthlyGift(chargeDeps(), o.org.id, id, new Date(at.getTime() + 99 * 86_400_000))).toBe(
      'skipped',
    );

    // The donor fixes it: a new amount, and resumes.
    await form(manage, { action: 'change-amount', amount: '50' });
    const resumed = await form(manage, { action: 'resume' });
    expect(resumed.headers.location).toContain('done=resume');
    expect(await monthly(id)).toMatchObject({ status: 'active', failures: 0 });
  });

  it('lets the donor pause for some months, then carries on by itself', async () => {
    const { id, manage } = await startMonthly('冯月', 'feng@example.org');
    const paused = await form(manage, { action: 'pause', months: '2' });
    expect(paused.statusCode).toBe(303);
    expect((await page(paused.headers.location as string)).body).toContain('月捐已暂停');
    const resumeAt = await nextCharge(id);
    expect(resumeAt.getTime()).toBeGreaterThan(Date.now() + 28 * 86_400_000);
    expect((await monthly(id)).status).toBe('paused');
    expect(await chargeMonthlyGift(chargeDeps(), o.org.id, id, new Date(resumeAt.getTime() + 60_000))).toBe('paid');
    expect((await monthly(id)).status).toBe('active');
  });

  it('cancels only after the donor confirms, ends the agreement, and never charges again', async () => {
    const { id, manage } = await startMonthly('陈月', 'chen@example.org');
    const asking = await page(`${manage}?confirm=cancel`);
    expect(asking.body).toContain('确定要取消月捐吗');
    expect((await monthly(id)).status).toBe('active');
    const cancelled = await form(manage, { action: 'cancel', reason: '预算紧张' });
    expect(cancelled.statusCode).toBe(303);
    expect((await monthly(id)).status).toBe('cancelled');
    expect(await chargeMonthlyGift(chargeDeps(), o.org.id, id, new Date(Date.now() + 400 * 86_400_000))).toBe(
      'skipped',
    );
    const again = await t.app.inject({
      method: 'POST',
      url: `/api${manage.replace('/m/', '/monthly/')}`,
      payload: { action: 'resume' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('MONTHLY_STATE');
    const timeline = await rows<{ summary: string }>(
      sql`select summary from contact_activities where org_id = ${o.org.id} and type = 'monthly_gift' and summary like '%预算紧张%'`,
    );
    expect(timeline).toHaveLength(1);
  });

  it('answers bad input next to the field and changes nothing', async () => {
    const { id, manage } = await startMonthly('褚月', 'chu@example.org');
    const low = await form(manage, { action: 'change-amount', amount: '1' });
    expect(low.statusCode).toBe(400);
    expect(low.body).toContain('金额需在 ¥10.00 到 ¥1,000.00 之间');
    expect(low.body).toContain('value="1"');
    const words = await form(manage, { action: 'change-amount', amount: 'lots' });
    expect(words.statusCode).toBe(400);
    const api = await t.app.inject({
      method: 'POST',
      url: `/api${manage.replace('/m/', '/monthly/')}`,
      payload: { action: 'pause', months: 99 },
    });
    expect(api.statusCode).toBe(400);
    expect(api.json().error.fields[0].path).toBe('body.months');
    expect(Number((await monthly(id)).amount)).toBe(5000);
    expect((await monthly(id)).status).toBe('active');
    expect((await page('/m/m.not-a-token.x')).statusCode).toBe(404);
    expect((await page(`${manage.slice(0, -2)}xx`)).statusCode).toBe(404);
  });

  it('refuses a monthly gift a provider cannot charge, or a campaign that takes one-off gifts', async () => {
    const start = (fields: Record<string, unknown>) =>
      t.app.inject({
        method: 'POST',
        url: `/api/give/${o.slug}/books`,
        payload: {
          submitToken: `m_${++serial}_${Date.now()}`,
          amount: 5000,
          name: '王五',
          phone: '13912345678',
          ...fields,
        },
      });
    await o.owner.put(`/api/orgs/${o.slug}/payment-settings`, {
      bankAccount: {
        accountName: '春苗助学',
        bankName: '中国银行',
        branch: '北京分行',
        accountNumber: '6222020012345678901',
      },
    });
    const transfer = await start({ provider: 'bank-transfer', frequency: 'monthly' });
    expect(transfer.statusCode).toBe(400);
    expect(transfer.json().error.fields[0]).toMatchObject({ path: 'body.provider' });
    await o.owner.patch(`/api/orgs/${o.slug}/campaigns/${campaignId}`, { allowMonthly: false });
    const oneOff = await start({ provider: 'sandbox', frequency: 'monthly' });
    expect(oneOff.statusCode).toBe(400);
    expect(oneOff.json().error.fields[0]).toMatchObject({ path: 'body.frequency' });
    expect((await page(`/c/${o.slug}/books`)).body).not.toContain('value="monthly"');
    await o.owner.patch(`/api/orgs/${o.slug}/campaigns/${campaignId}`, { allowMonthly: true });
  });

  it('shows staff the list and lets them act for a donor, by role', async () => {
    const { id } = await startMonthly('卫月', 'wei@example.org');
    const list = await o.owner.get(`/api/orgs/${o.slug}/monthly-gifts?status=active`);
    expect(list.status).toBe(200);
    expect(list.body.items.find((x: { id: number }) => x.id === id)).toMatchObject({
      contactName: '卫月',
      amount: 5000,
    });
    expect(list.body.summary.find((s: { status: string }) => s.status === 'active').count).toBeGreaterThan(0);
    const detail = await o.owner.get(`/api/orgs/${o.slug}/monthly-gifts/${id}`);
    expect(detail.body.manageUrl).toMatch(/\/m\//);
    const viewer = await o.member('viewer');
    expect((await viewer.get(`/api/orgs/${o.slug}/monthly-gifts`)).status).toBe(200);
    expect(
      (await viewer.post(`/api/orgs/${o.slug}/monthly-gifts/${id}/changes`, { action: 'pause', months: null })).status,
    ).toBe(403);
    const fundraiser = await o.member('fundraiser');
    const changed = await fundraiser.post(`/api/orgs/${o.slug}/monthly-gifts/${id}/changes`, {
      action: 'change-amount',
      amount: '80',
    });
    expect(changed.status).toBe(200);
    expect(changed.body.amount).toBe(8000);
    const audit = await rows(
      sql`select id from audit_events where org_id = ${o.org.id} and action = 'monthly_gift.change-amount'`,
    );
    expect(audit.length).toBeGreaterThan(0);
  });

  it('stops when the campaign closes: nothing is taken outside the fundraising period', async () => {
    const { id } = await startMonthly('蒋月', 'jiang@example.org');
    const due = new Date((await nextCharge(id)).getTime() + 60_000);
    await o.owner.post(`/api/orgs/${o.slug}/campaigns/${campaignId}/close`);
    expect(await chargeMonthlyGift(chargeDeps(), o.org.id, id, due)).toBe('ended');
    expect(await monthly(id)).toMatchObject({ status: 'cancelled', notice_due: 'ended' });
  });
});

/** The donor's token, as the staff detail shows it. */
async function startToken(id: number) {
  const detail = await o.owner.get(`/api/orgs/${o.slug}/monthly-gifts/${id}`);
  return { token: (detail.body.manageUrl as string).split('/m/')[1]! };
}
