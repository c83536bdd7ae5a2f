import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../testing/app.ts';
import { buildOrg, type TestOrg, testPlan } from '../../testing/factories.ts';
import { pdfText } from '../../testing/pdf-text.ts';
import { smtpSinkInstalled, startSmtpSink, type SmtpSink } from '../../testing/smtp-sink.ts';
import { emailPendingReceipts } from './email.ts';
import { notifySandbox } from '../../testing/sandbox-payments.ts';

let sink: SmtpSink | undefined;
let t: TestApp;
let o: TestOrg;
let serial = 0;
const year = new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date());

beforeAll(async () => {
  if (smtpSinkInstalled) sink = await startSmtpSink();
  t = await testApp(sink ? { env: { SMTP_URL: sink.url, EMAIL_FROM: 'giving@ngo.example.org' } } : {});
  o = await buildOrg(t, { name: '晨光助学会' });
  const project = await o.owner.post(`/api/orgs/${o.slug}/projects`, { slug: 'books', name: '书香', budgetLines: [] });
  const campaign = await o.owner.post(`/api/orgs/${o.slug}/campaigns`, {
    plan: testPlan,
    slug: 'books-2026',
    projectId: project.body.id,
    copy: { title: '书香满校园' },
  });
  await o.owner.post(`/api/orgs/${o.slug}/campaigns/${campaign.body.id}/submit`);
  await o.owner.post(`/api/orgs/${o.slug}/campaigns/${campaign.body.id}/review`, { decision: 'approve' });
});
afterAll(async () => {
  await t?.close();
  await sink?.stop();
});

/** An online gift, paid: answers its order number. */
async function giveOnline(fields: Record<string, unknown>) {
  const started = await t.app.inject({
    method: 'POST',
    url: `/api/give/${o.slug}/books-2026`,
    payload: { submitToken: `r_${++serial}_${Date.now()}`, provider: 'sandbox', ...fields },
  });
  expect(started.statusCode, started.body).toBe(201);
  const order = started.json().order;
  const answer = await notifySandbox(t, { orderNo: order.orderNo, amount: order.amount });
  expect(answer.statusCode).toBe(200);
  return order.orderNo as string;
}

const giftOfOrder = async (orderNo: string) => {
  const page = await t.app.inject({ url: `/give/${orderNo}` });
  const receiptLink = /href="(http[^"]*\/r\/[^"?]+)/.exec(page.body)?.[1];
  return { page: page.body, receiptLink };
};

describe('receipts (捐赠确认函)', () => {
  it('numbers each paid online gift per organization and year, and shows it to the donor by a signed link', async () => {
    const first = await giveOnline({ amount: '66.60', name: '周晓', email: 'zhou@example.org' });
    const second = await giveOnline({ amount: 1000, name: '吴敏', phone: '13700001111' });
    const { receiptLink } = await giftOfOrder(first);
    expect(receiptLink).toBeDefined();
    const path = new URL(receiptLink!).pathname;
    const page = await t.app.inject({ url: path });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`编号 ${year}-000001`);
    expect(page.body).toContain('尊敬的 周晓');
    expect(page.body).toContain('¥66.60');
    expect(page.body).toContain('书香满校园');
    expect(page.body).toMatch(/追踪码：<span class="code">[0-9A-F]{16}<\/span>/);
    expect(page.headers['cache-control']).toBe('private, no-store');
    expect((await t.app.inject({ url: `${path.slice(0, -3)}AAA` })).statusCode).toBe(404);
    expect((await t.app.inject({ url: path.replace(/\.(\d+)\./, (_m, id) => `.${Number(id) + 1}.`) })).statusCode).toBe(
      404,
    );

    const pdf = await t.app.inject({ url: `${path}/pdf` });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const { text } = await pdfText(pdf.rawPayload);
    expect(text).toContain('捐赠确认函');
    expect(text).toContain('周晓');
    expect(text).toContain('¥66.60');
    expect(text).toContain('晨光助学会');
    expect(text).toMatch(/[0-9A-F]{16}/);
    expect(pdf.rawPayload.length).toBeLessThan(100_000); // the font is subset to the characters used

    const secondPage = await t.app.inject({ url: new URL((await giftOfOrder(second)).receiptLink!).pathname });
    expect(secondPage.body).toContain(`编号 ${year}-000002`);
  });

  it('issues a receipt for an offline gift once, gap-free under concurrent requests, and records the official number', async () => {
    const contact = (await o.owner.post(`/api/orgs/${o.slug}/contacts`, { name: '郑华', email: 'zheng@example.org' }))
      .body;
    const gifts = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        o.owner.post(`/api/orgs/${o.slug}/gifts`, {
          contactId: contact.id,
          amount: 5000 + i,
          receivedAt: new Date().toISOString(),
          channel: 'bank_transfer',
        }),
      ),
    );
    const issued = await Promise.all(
      gifts.flatMap((g) => [0, 1].map(() => o.owner.post(`/api/orgs/${o.slug}/gifts/${g.body.id}/receipt`))),
    );
    expect(issued.every((r) => r.status === 200)).toBe(true);
    const numbers = new Set(issued.map((r) => r.body.number));
    expect(numbers.size).toBe(8);
    const serials = [...numbers].map((n) => Number((n as string).split('-')[1])).sort((a, b) => a - b);
    expect(serials).toEqual(serials.map((_, i) => serials[0]! + i));

    const receipt = issued[0]!.body;
    const updated = await o.owner.patch(`/api/orgs/${o.slug}/receipts/${receipt.id}`, {
      officialReceiptNo: '浙财电票 2026-0001234',
    });
    expect(updated.body.officialReceiptNo).toBe('浙财电票 2026-0001234');
    expect((await t.app.inject({ url: new URL(receipt.url).pathname })).body).toContain('浙财电票 2026-0001234');
    const viewer = await o.member('viewer');
    expect((await viewer.post(`/api/orgs/${o.slug}/gifts/${gifts[0]!.body.id}/receipt`)).status).toBe(403);

    const statement = await o.owner.get(`/api/orgs/${o.slug}/contacts/${contact.id}/statement?year=${year}`);
    expect(statement.status).toBe(200);
    expect(statement.body.totals).toEqual([{ currency: 'CNY', amount: 8 * 5000 + 28 }]);
    expect(statement.body.gifts).toHaveLength(8);
    const own = await t.app.inject({ url: new URL(statement.body.url).pathname + new URL(statement.body.url).search });
    expect(own.body).toContain(`${year} 年度捐赠证明`);
    expect(own.body).toContain('¥400.28');
    const pdf = await t.app.inject({
      url: `${new URL(statement.body.url).pathname}/pdf?year=${year}&lang=en`,
    });
    expect((await pdfText(pdf.rawPayload)).text).toContain(`Statement of gifts, ${year}`);
  });

  it.skipIf(!smtpSinkInstalled)('emails each receipt once, with its PDF, to donors who gave an email', async () => {
    const orderNo = await giveOnline({ amount: 2000, name: '钱多多', email: 'qian@example.org' });
    expect(orderNo).toBeTruthy();
    await emailPendingReceipts(t.deps);
    await emailPendingReceipts(t.deps);
    const messages = await sink!.waitForMessages(1);
    const parsed = await Promise.all(messages.map((m) => simpleParser(m)));
    const mail = parsed.find((m) => m.to && JSON.stringify(m.to).includes('qian@example.org'))!;
    expect(mail.subject).toMatch(/^捐赠确认函 \d{4}-\d{6} · 晨光助学会$/);
    expect(mail.from?.value[0]).toMatchObject({ address: 'giving@ngo.example.org', name: '晨光助学会' });
    expect(mail.headers.has('list-unsubscribe')).toBe(false);
    expect(mail.attachments).toHaveLength(1);
    expect((await pdfText(mail.attachments[0]!.content)).text).toContain('钱多多');
    expect(parsed.filter((m) => JSON.stringify(m.to).includes('qian@example.org'))).toHaveLength(1);
    // Donors without an email (the phone-only gift above) are marked, not retried.
    expect(await emailPendingReceipts(t.deps)).toBe(0);
  });
});
