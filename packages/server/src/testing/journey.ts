import { uploadFile } from '../modules/imports/fixtures.ts';
import { succeeded as ok, type TestApp } from './app.ts';
import type { TestOrg } from './factories.ts';

/** The tracking codes of a small follow-the-money story, by what each entry is. */
export interface JourneyCodes {
  /** ¥300.00 received first: FIFO spends it on the books. */
  older: string;
  /** ¥200.00 received next: the rest of the books and the freight. */
  newer: string;
  allocation: string;
  books: string;
  freight: string;
  delivery: string;
}

/**
 * Two gifts to the "books" fund, a project (乡村图书角 <b>, with a budget line), one allocation of both,
 * two expenses with an invoice (图书采购 ¥350, 运输 ¥50) and a delivery, all through the API.
 * The private words (王小明, 13912345678, 新华书店 李经理, SCHOOL-07, 校长签收) must never reach a public page.
 */
export async function buildJourney(t: TestApp, org: TestOrg): Promise<JourneyCodes> {
  const api = (path: string) => `/api/orgs/${org.slug}${path}`;
  const token = (await ok(org.owner.post(api('/tokens'), { name: 't', role: 'owner' }))).token;
  const donor = (await ok(org.owner.post(api('/contacts'), { name: '王小明', phone: '13912345678' }))).id;
  const gift = async (amount: number, receivedAt: string) =>
    (
      await ok(
        org.owner.post(api('/gifts'), { contactId: donor, amount, receivedAt, channel: '微信支付', fund: 'books' }),
      )
    ).trackingCode as string;
  const older = await gift(30_000, '2025-01-01T10:00:00+08:00');
  const newer = await gift(20_000, '2025-01-02T10:00:00+08:00');
  const project = await ok(
    org.owner.post(api('/projects'), {
      slug: 'books',
      name: '乡村图书角 <b>',
      description: '为 10 所乡村小学建图书角',
      budgetLines: [{ name: '图书采购', amount: 100_000 }],
    }),
  );
  const allocation = (
    await ok(
      org.owner.post(api('/allocations'), {
        projectId: project.id,
        amount: 50_000,
        allocatedAt: '2025-02-01T10:00:00+08:00',
      }),
    )
  ).trackingCode;
  const invoice = (await uploadFile(t.app, api('/attachments'), token, 'fapiao.pdf', Buffer.from('invoice'))).body;
  const expense = async (amount: number, paidAt: string, payeeCategory: string) =>
    (
      await ok(
        org.owner.post(api('/expenses'), {
          projectId: project.id,
          budgetLineId: project.budgetLines[0].id,
          payeeCategory,
          amount,
          paidAt,
          invoiceId: invoice.id,
          description: '新华书店 李经理',
        }),
      )
    ).trackingCode as string;
  const books = await expense(35_000, '2025-03-01T10:00:00+08:00', '图书采购');
  const freight = await expense(5_000, '2025-03-05T10:00:00+08:00', '运输');
  const coordinator = await org.member('coordinator');
  const delivery = (
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
  return { older, newer, allocation, books, freight, delivery };
}
