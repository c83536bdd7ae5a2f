import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import type { OrgContext } from '../http/authorize.ts';
import { contacts } from '../modules/contacts/tables.ts';
import { createPledge, payPledge } from '../modules/pledges/index.ts';

const day = (at: Date, offsetDays: number) =>
  new Date(at.getTime() + offsetDays * 86_400_000).toISOString().slice(0, 10);

/**
 * Two companies' pledges (认捐), so the pledges page has something to follow up: one half paid and due
 * in two months, one overdue since last week.
 */
export async function seedDemoPledges(db: Db, ctx: OrgContext, now: Date) {
  const companies = await db
    .select({ id: contacts.id })
    .from(contacts)
    .where(and(eq(contacts.orgId, ctx.org.id), eq(contacts.kind, 'organization')))
    .orderBy(asc(contacts.id))
    .limit(2);
  if (companies.length < 2) return;
  const open = await createPledge(db, ctx, {
    contactId: companies[0]!.id,
    amount: 5_000_000,
    pledgedOn: day(now, -30),
    dueOn: day(now, 60),
    campaign: 'reading-2026',
    fund: 'reading',
    note: '年度企业认捐，分两次到账',
  });
  await payPledge(db, ctx, open.id, {
    gift: {
      amount: 2_500_000,
      receivedAt: new Date(now.getTime() - 10 * 86_400_000).toISOString(),
      channel: 'bank_transfer',
      paymentReference: 'DEMO-PLEDGE-1',
    },
  });
  await createPledge(db, ctx, {
    contactId: companies[1]!.id,
    amount: 1_000_000,
    pledgedOn: day(now, -60),
    dueOn: day(now, -7),
    campaign: 'reading-2026',
    fund: 'reading',
    note: '公益活动现场认捐',
  });
}
