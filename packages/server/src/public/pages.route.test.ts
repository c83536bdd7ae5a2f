import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { succeeded, testApp, type TestApp } from '../testing/app.ts';
import { buildOrg, type TestOrg } from '../testing/factories.ts';
import { uploadFile } from '../modules/imports/fixtures.ts';

let t: TestApp;
let org: TestOrg;
const codes: Record<string, string> = {};

beforeAll(async () => {
  t = await testApp();
  org = await buildOrg(t);
  const api = (path: string) => `/api/orgs/${org.slug}${path}`;
  const ok = succeeded;
  const token = (await ok(org.owner.post(api('/tokens'), { name: 't', role: 'owner' }))).token;
  const donor = (await ok(org.owner.post(api('/contacts'), { name: '王小明', phone: '13912345678' }))).id;
  const gift = (amount: number, receivedAt: string) =>
    ok(org.owner.post(api('/gifts'), { contactId: donor, amount, receivedAt, channel: '微信支付', fund: 'books' }));
  const older = await gift(30_000, '2025-01-01T10:00:00+08:00');
  const newer = await gift(20_000, '2025-01-02T10:00:00+08:00');
  codes.older = older.trackingCode;
  codes.newer = newer.trackingCode;
  const project = await ok(
    org.owner.post(api('/projects'), {
      slug: 'books',
      name: '乡村图书角 <b>',
      description: '为 10 所乡村小学建图书角',
      budgetLines: [{ name: '图书采购', amount: 100_000 }],
    }),
  );
  codes.allocation = (
    await ok(
      org.owner.post(api('/allocations'), {
        projectId: project.id,
        amount: 50_000,
        allocatedAt: '2025-02-01T10:00:00+08:00',
      }),
    )
  ).trackingCode;
  const invoice = (await uploadFile(t.app, api('/attachments'), token, 'fapiao.pdf', Buffer.from('invoice'))).body;
  const expense = (amount: number, paidAt: string, payeeCategory: string) =>
    ok(
      org.owner.post(api('/expenses'), {
        projectId: project.id,
        budgetLineId: project.budgetLines[0].id,
        payeeCategory,
        amount,
        paidAt,
        invoiceId: invoice.id,
        description: '新华书店 李经理',
      }),
    );
  codes.books = (await expense(35_000, '2025-03-01T10:00:00+08:00', '图书采购')).trackingCode;
  codes.freight = (await expense(5_000, '2025-03-05T10:00:00+08:00', '运输')).trackingCode;
  const coordinator = await org.member('coordinator');
  codes.delivery = (
    await ok(
      coordinator.post(api('/deliveries'), {
        projectId: project.id,
        beneficiaryRef: 'SCHOOL-07',
        aid: '图书 300 册',
        value: 35_000,
        deliveredAt: '2025-03-10T10:00:00+08:00',
        acknowledgementText: '校长签收',
      }),
    )
  ).trackingCode;
});
afterAll(() => t.close());

const page = async (url: string) => {
  const res = await t.app.inject({ method: 'GET', url });
  return { status: res.statusCode, type: String(res.headers['content-type']), text: res.body };
};

describe('the donor tracking page /t/<code>', () => {
  it("follows the oldest gift into the project's first expenses by FIFO, with every step's entry", async () => {
    const { status, type, text } = await page(`/t/${codes.older!.toLowerCase()}`);
    expect(status).toBe(200);
    expect(type).toContain('text/html');
    for (const word of [
      '收到捐赠',
      '拨付到项目',
      '用于支出',
      '项目交付',
      '¥300.00',
      '图书采购',
      '图书 300 册',
      '先进先出',
    ]) {
      expect(text, word).toContain(word);
    }
    // 300.00 received: 350.00 of books takes all of it, so none of it paid the freight.
    expect(text).not.toContain('运输');
    for (const code of [codes.older, codes.allocation, codes.books, codes.delivery])
      expect(text).toContain(`data-code="${code}"`);
    for (const secret of ['王小明', '13912345678', 'SCHOOL-07', '新华书店', '校长签收'])
      expect(text).not.toContain(secret);
    expect(text).not.toMatch(/<script|https?:\/\//);
    expect(text.length).toBeLessThan(50_000);
  });

  it('shows the newer gift paying the rest of the books and the freight', async () => {
    const { text } = await page(`/t/${codes.newer}`);
    expect(text).toContain('¥50.00');
    expect(text).toContain('运输');
    expect(text).toContain(`data-code="${codes.freight}"`);
  });

  it('answers 404 for unknown codes and codes of other entries', async () => {
    expect((await page('/t/0000000000000000')).status).toBe(404);
    expect((await page('/t/not-a-code')).status).toBe(404);
    expect((await page(`/t/${codes.books}`)).status).toBe(404);
  });
});

describe('the project transparency page /p/<org>/<project>', () => {
  it('shows raised, allocated, spent and balance, expenses by category and date, and escapes text', async () => {
    const { status, text } = await page(`/p/${org.slug}/books`);
    expect(status).toBe(200);
    expect(text).toContain('乡村图书角 &lt;b&gt;');
    for (const figure of ['¥500.00', '¥400.00', '¥100.00']) expect(text, figure).toContain(figure);
    expect(text).toContain('图书采购');
    expect(text).toContain('2025-03-05');
    for (const code of [codes.allocation, codes.books, codes.freight, codes.delivery])
      expect(text).toContain(`data-code="${code}"`);
    expect(text).not.toContain('新华书店');
    expect((await page(`/p/${org.slug}/nothing`)).status).toBe(404);
    expect((await page(`/p/no-such-org/books`)).status).toBe(404);
  });
});
