import { Readable } from 'node:stream';
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import type { AppDeps } from '../http/deps.ts';
import type { OrgContext } from '../http/authorize.ts';
import {
  allocations,
  allocationSources,
  recordAllocation,
  recordDelivery,
  recordExpense,
  recordGoods,
  storeAttachment,
} from '../modules/flows/index.ts';
import { gifts } from '../modules/gifts/tables.ts';
import { formatMoney } from '../modules/gifts/index.ts';
import { firstEntriesOf } from '../modules/ledger/index.ts';
import { createProject, projects } from '../modules/projects/index.ts';
import { DAY_MS } from './calendar.ts';
import { READING, SCHOLARSHIP } from './gifts.ts';

/** One demo project: its budget, how much of its designated gifts it takes, and what it did with them. */
interface ProjectPlan {
  slug: string;
  name: string;
  description: string;
  budgetLines: { name: string; amount: number }[];
  /** Allocated from the oldest gifts designated to the project (fen), or all of them if they hold less. */
  allocate: number;
  /** Each paid from a budget line, as a share of the allocation, some days after it, with an invoice. */
  expenses: { line: number; share: number; days: number; seller: string; description: string }[];
  goods?: { item: string; unit: string; received: number; distributed: number; value: number; store: string };
  deliveries: { days: number; beneficiaryRef: string; aid: string; quantity: number; value: number }[];
}

const plans: ProjectPlan[] = [
  {
    slug: 'reading',
    name: READING,
    description: '为云南、贵州的乡村小学建图书角，配齐适龄图书，并培训老师带孩子阅读。',
    budgetLines: [
      { name: '图书采购', amount: 6_000_000 },
      { name: '书架与图书角', amount: 2_000_000 },
      { name: '运输与物流', amount: 500_000 },
    ],
    allocate: 3_000_000,
    expenses: [
      { line: 0, share: 0.6, days: 10, seller: '昆明新华书店', description: '儿童图书 1,200 册' },
      { line: 1, share: 0.21, days: 18, seller: '昆明木器加工厂', description: '书架 12 个' },
      { line: 2, share: 0.04, days: 25, seller: '云南顺达物流', description: '图书运往 6 所学校' },
    ],
    goods: { item: '儿童图书', unit: '册', received: 500, distributed: 300, value: 1_500_000, store: '昆明仓库' },
    deliveries: [
      {
        days: 32,
        beneficiaryRef: 'YN-SCH-0107',
        aid: '图书角 1 个（图书 200 册、书架 2 个）',
        quantity: 1,
        value: 520_000,
      },
      {
        days: 40,
        beneficiaryRef: 'GZ-SCH-0211',
        aid: '图书角 1 个（图书 180 册、书架 2 个）',
        quantity: 1,
        value: 480_000,
      },
    ],
  },
  {
    slug: 'scholarship',
    name: SCHOLARSHIP,
    description: '资助家庭困难的初中生完成学业，每人每学期 1,500 元，并由志愿者家访。',
    budgetLines: [
      { name: '助学金', amount: 5_000_000 },
      { name: '家访交通', amount: 300_000 },
    ],
    allocate: 1_200_000,
    expenses: [
      { line: 0, share: 0.75, days: 14, seller: '学生本人（银行代发）', description: '6 名学生春季学期助学金' },
      { line: 1, share: 0.05, days: 20, seller: '县城客运站', description: '志愿者家访车费' },
    ],
    deliveries: [{ days: 15, beneficiaryRef: 'STU-2024-031', aid: '助学金（一学期）', quantity: 1, value: 150_000 }],
  },
];

/** A small text invoice, so the expense has a real file whose SHA-256 the log holds. */
const invoiceText = (org: string, plan: ProjectPlan, seller: string, category: string, amount: number, at: Date) =>
  [
    '增值税普通发票（演示数据，非真实票据）',
    `购买方：${org}`,
    `销售方：${seller}（演示）`,
    `项目：${plan.name} · ${category}`,
    `金额：${formatMoney(amount, 'CNY')}`,
    `开票日期：${at.toISOString().slice(0, 10)}`,
    '',
  ].join('\n');

/** The oldest gifts designated to the project, as many as its allocation takes. */
async function oldestDesignatedGifts(db: Db, orgId: string, fund: string, amount: number) {
  const rows = await db
    .select({ id: gifts.id, amount: gifts.amount, receivedAt: gifts.receivedAt })
    .from(gifts)
    .where(and(eq(gifts.orgId, orgId), eq(gifts.fund, fund), eq(gifts.kind, 'money'), eq(gifts.currency, 'CNY')))
    .orderBy(asc(gifts.receivedAt), asc(gifts.id))
    .limit(1000);
  const taken: typeof rows = [];
  let sum = 0;
  for (const row of rows) {
    if (sum >= amount) break;
    taken.push(row);
    sum += row.amount;
  }
  return { taken, amount: Math.min(sum, amount) };
}

async function seedProject(deps: { db: Db; files: AppDeps['files'] }, ctx: OrgContext, plan: ProjectPlan, today: Date) {
  const { db } = deps;
  const { slug, name, description, budgetLines } = plan;
  const project = await createProject(db, ctx, { slug, name, description, budgetLines });
  const { taken, amount } = await oldestDesignatedGifts(db, ctx.org.id, plan.name, plan.allocate);
  if (taken.length === 0) return;
  const start = taken.at(-1)!.receivedAt.getTime() + 3 * DAY_MS;
  // Everything happens after the last gift it draws on, and before today.
  const after = (days: number) => new Date(Math.min(start + days * DAY_MS, today.getTime() - DAY_MS)).toISOString();
  await recordAllocation(db, ctx, {
    projectId: project.id,
    amount,
    allocatedAt: after(0),
    giftIds: taken.map((g) => g.id),
  });
  for (const e of plan.expenses) {
    const line = project.budgetLines[e.line]!;
    const cost = Math.round((amount * e.share) / 100) * 100;
    if (cost === 0) continue;
    const paidAt = after(e.days);
    const text = invoiceText(ctx.org.name, plan, e.seller, line.name, cost, new Date(paidAt));
    const invoice = await storeAttachment(deps, ctx, {
      fileName: `发票-${plan.slug}-${paidAt.slice(0, 10)}.txt`,
      body: Readable.from([Buffer.from(text)]),
    });
    await recordExpense(db, ctx, {
      projectId: project.id,
      budgetLineId: line.id,
      payeeCategory: line.name,
      amount: cost,
      paidAt,
      description: `${e.seller}：${e.description}`,
      invoiceId: invoice.id,
    });
  }
  if (plan.goods) {
    const { received, distributed, value, ...item } = plan.goods;
    const base = { ...item, projectId: project.id };
    await recordGoods(db, ctx, { ...base, direction: 'in', quantity: received, value, movedAt: after(5) });
    const share = Math.round((value * distributed) / received);
    await recordGoods(db, ctx, { ...base, direction: 'out', quantity: distributed, value: share, movedAt: after(30) });
  }
  for (const d of plan.deliveries) {
    await recordDelivery(db, ctx, {
      projectId: project.id,
      beneficiaryRef: d.beneficiaryRef,
      aid: d.aid,
      quantity: d.quantity,
      value: d.value,
      deliveredAt: after(d.days),
      acknowledgementText: '受助方签收（演示）',
    });
  }
}

/**
 * Follow-the-money for the demo organization, through the same services the console uses: two
 * projects with budget lines, allocations from the oldest gifts designated to each, expenses with a
 * stored invoice file, in-kind books in and out of a store, and deliveries. In the caller's transaction.
 */
export async function seedDemoFlows(deps: { db: Db; files: AppDeps['files'] }, ctx: OrgContext, today: Date) {
  for (const plan of plans) await seedProject(deps, ctx, plan, today);
}

/**
 * The tracking code of the gift the demo shows first: the oldest gift of the reading project's first
 * allocation, whose journey runs received → allocated → spent → delivered. Undefined without one.
 */
export async function demoTrackingCode(db: Db, orgId: string): Promise<string | undefined> {
  const [first] = await db
    .select({ giftId: allocationSources.giftId })
    .from(allocationSources)
    .innerJoin(
      allocations,
      and(eq(allocations.orgId, allocationSources.orgId), eq(allocations.id, allocationSources.allocationId)),
    )
    .innerJoin(projects, and(eq(projects.orgId, allocations.orgId), eq(projects.id, allocations.projectId)))
    .innerJoin(gifts, and(eq(gifts.orgId, allocationSources.orgId), eq(gifts.id, allocationSources.giftId)))
    .where(and(eq(allocationSources.orgId, orgId), eq(projects.slug, plans[0]!.slug)))
    .orderBy(asc(allocations.allocatedAt), asc(allocations.id), asc(gifts.receivedAt), asc(gifts.id))
    .limit(1);
  if (!first) return undefined;
  return (await firstEntriesOf(db, orgId, 'gift', [first.giftId])).get(first.giftId)?.code;
}
