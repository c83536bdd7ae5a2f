import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { gifts } from '../gifts/tables.ts';
import { entriesOfSubject, entryByCode, type LedgerEntryRow } from '../ledger/index.ts';
import { organizations } from '../platform/tables.ts';
import { projects } from '../projects/index.ts';
import { projectLedger } from './project-ledger.ts';
import { allocations, allocationSources, refunds } from './tables.ts';
import { withTracking, type Tracking } from './tracking.ts';

export interface JourneyStep {
  kind: 'received' | 'corrected' | 'refunded' | 'allocated' | 'spent' | 'sent' | 'delivered';
  at: Date;
  amount: number | null;
  currency: string;
  /** Public words for the step: a project, a payee category, a partner, the aid delivered. */
  what: string;
  project?: { slug: string; name: string };
  tracking: Tracking;
}

const tracked = (e: LedgerEntryRow): Tracking => ({ code: e.code, leafIndex: e.leafIndex });

/**
 * The journey of one gift, from its tracking code: received, corrected, refunded, allocated to
 * projects, spent (by FIFO within each project) and the project's deliveries since. Public facts
 * only, each step with the entry that proves it. Undefined when the code is not a gift's.
 */
export async function giftJourney(db: Db, code: string) {
  const entry = await entryByCode(db, code);
  if (!entry || entry.type !== 'donation.received') return undefined;
  const orgId = entry.orgId;
  const [org] = await db.select().from(organizations).where(eq(organizations.id, orgId));
  const history = await entriesOfSubject(db, orgId, 'gift', entry.subjectId);
  const [gift] = await db
    .select()
    .from(gifts)
    .where(and(eq(gifts.orgId, orgId), eq(gifts.id, entry.subjectId)));
  const p = entry.payload as {
    amount: number;
    currency: string;
    channel: string;
    receivedAt: string;
    campaign: string | null;
    fund: string | null;
  };
  const currency = gift?.currency ?? p.currency;
  const steps: JourneyStep[] = [
    {
      kind: 'received',
      at: new Date(p.receivedAt),
      amount: p.amount,
      currency: p.currency,
      // A fund named after its campaign (a standing programme) is said once.
      what: [...new Set([p.campaign, p.fund].filter(Boolean))].join(' · ') || p.channel,
      tracking: tracked(entry),
    },
    ...history
      .filter((e) => e.type === 'correction')
      .map((e) => ({
        kind: 'corrected' as const,
        at: e.createdAt,
        amount: ((e.payload.facts as { amount?: number } | null)?.amount ?? null) as number | null,
        currency,
        what: e.payload.action === 'void' ? 'void' : 'amend',
        tracking: tracked(e),
      })),
  ];
  if (gift) steps.push(...(await laterSteps(db, orgId, gift.id, currency)));
  return {
    org: { name: org!.name, slug: org!.slug, timezone: org!.timezone },
    code,
    voided: !gift,
    steps: steps.sort((a, b) => a.at.getTime() - b.at.getTime()),
  };
}

async function laterSteps(db: Db, orgId: string, giftId: number, currency: string): Promise<JourneyStep[]> {
  const steps: JourneyStep[] = [];
  const refundRows = await withTracking(
    db,
    orgId,
    'refund',
    await db
      .select()
      .from(refunds)
      .where(and(eq(refunds.orgId, orgId), eq(refunds.giftId, giftId), isNull(refunds.voidedAt))),
  );
  for (const r of refundRows) {
    steps.push({ kind: 'refunded', at: r.refundedAt, amount: r.amount, currency, what: '', tracking: r.tracking! });
  }
  const shares = await db
    .select({
      allocationId: allocationSources.allocationId,
      amount: allocationSources.amount,
      projectId: allocations.projectId,
    })
    .from(allocationSources)
    .innerJoin(
      allocations,
      and(eq(allocations.orgId, allocationSources.orgId), eq(allocations.id, allocationSources.allocationId)),
    )
    .where(and(eq(allocationSources.orgId, orgId), eq(allocationSources.giftId, giftId), isNull(allocations.voidedAt)));
  const projectIds = [...new Set(shares.map((s) => s.projectId))];
  if (projectIds.length === 0) return steps;
  const projectRows = await db
    .select()
    .from(projects)
    .where(and(eq(projects.orgId, orgId), inArray(projects.id, projectIds)));
  for (const project of projectRows) {
    const ledger = await projectLedger(db, project);
    const ref = { slug: project.slug, name: project.name };
    const mine = shares.filter((s) => s.projectId === project.id);
    let firstAllocation: Date | undefined;
    for (const share of mine) {
      const allocation = ledger.allocations.find((a) => a.id === share.allocationId)!;
      firstAllocation ??= allocation.allocatedAt;
      steps.push({
        kind: 'allocated',
        at: allocation.allocatedAt,
        amount: share.amount,
        currency,
        what: project.name,
        project: ref,
        tracking: allocation.tracking!,
      });
    }
    const keys = new Set(mine.map((s) => `gift:${giftId}:${s.allocationId}`));
    for (const match of ledger.fifo.matches.filter((m) => keys.has(m.in))) {
      const [kind, id] = match.out.split(':');
      if (kind === 'expense') {
        const e = ledger.expenseById.get(Number(id))!;
        steps.push({
          kind: 'spent',
          at: e.paidAt,
          amount: match.amount,
          currency,
          what: e.payeeCategory,
          project: ref,
          tracking: e.tracking!,
        });
      } else {
        const t = ledger.transferById.get(Number(id))!;
        steps.push({
          kind: 'sent',
          at: t.transferredAt,
          amount: match.amount,
          currency,
          what: t.partnerName,
          project: ref,
          tracking: t.tracking!,
        });
      }
    }
    // Deliveries are not matched to money: the page shows what the project delivered since.
    for (const d of ledger.deliveries.filter((x) => x.deliveredAt >= firstAllocation!).slice(0, 5)) {
      steps.push({
        kind: 'delivered',
        at: d.deliveredAt,
        amount: null,
        currency: d.currency,
        what: d.aid,
        project: ref,
        tracking: d.tracking!,
      });
    }
  }
  return steps;
}
