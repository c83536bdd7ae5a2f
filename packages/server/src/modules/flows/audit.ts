import { and, asc, eq, isNotNull } from 'drizzle-orm';
import { isDeepStrictEqual } from 'node:util';
import type { Db } from '../../db/client.ts';
import { contacts } from '../contacts/tables.ts';
import { gifts } from '../gifts/tables.ts';
import {
  allocationPayload,
  canonicalEntry,
  commitment,
  deliveryPayload,
  entryObject,
  expensePayload,
  giftFactsPayload,
  goodsPayload,
  ledgerEntries,
  refundPayload,
  selectEntries,
  transferPayload,
  type JsonValue,
  type LedgerEntryRow,
} from '../ledger/index.ts';
import { projects } from '../projects/index.ts';
import { acknowledgementHash } from './goods.ts';
import {
  allocations,
  allocationSources,
  attachments,
  deliveries,
  expenses,
  goodsMovements,
  refunds,
  transfers,
} from './tables.ts';

export type AuditProblem = 'altered' | 'deleted' | 'unlogged' | 'body_mismatch';

/** One disagreement between a financial row and its log entry. */
export interface AuditFinding {
  problem: AuditProblem;
  subjectType: string;
  subjectId: number;
  code: string | null;
  detail: string;
}

type Payload = Record<string, JsonValue>;
const same = (a: unknown, b: unknown) => canonicalEntry(a) === canonicalEntry(b);
const byOrg = <T extends { orgId: unknown }>(table: T, orgId: string) => eq(table.orgId as never, orgId);

/**
 * Checks every financial row of an organization against its outbox entries: each row's payload is
 * rebuilt from the row and compared with the logged one, and each integrated entry's body must be
 * the canonical bytes of its entry. Reports rows altered behind the application's back, entries
 * whose row is gone (and that no correction voided), and rows that were never logged.
 */
export async function auditLedger(db: Db, orgId: string) {
  const entries = await selectEntries(db).where(eq(ledgerEntries.orgId, orgId)).orderBy(asc(ledgerEntries.id));
  const findings: AuditFinding[] = [];
  const entriesOf = new Map<string, LedgerEntryRow[]>();
  for (const e of entries) {
    const key = `${e.subjectType}:${e.subjectId}`;
    entriesOf.set(key, [...(entriesOf.get(key) ?? []), e]);
    if (e.body !== null && e.body !== canonicalEntry(entryObject(e))) {
      findings.push({
        problem: 'body_mismatch',
        subjectType: e.subjectType,
        subjectId: e.subjectId,
        code: e.code,
        detail: 'the logged bytes differ from the outbox row: the row was changed after it was logged',
      });
    }
  }
  const codeOf = (type: string, id: number) => entriesOf.get(`${type}:${id}`)?.[0]?.code ?? '';
  const lookups = await loadLookups(db, orgId);
  const checked: Record<string, number> = {};

  /** Compares rows of one kind with their entries; `expected` rebuilds a row's payload. */
  const check = <R extends { id: number; voidedAt: Date | null }>(
    type: string,
    rows: R[],
    expected: (row: R, entry: LedgerEntryRow) => Payload,
  ) => {
    checked[type] = rows.length;
    const seen = new Set<number>();
    for (const row of rows) {
      seen.add(row.id);
      const list = entriesOf.get(`${type}:${row.id}`) ?? [];
      const [entry] = list;
      const voidedInLog = list.filter((e) => e.type === 'correction').at(-1)?.payload.action === 'void';
      if (!entry) {
        findings.push({
          problem: 'unlogged',
          subjectType: type,
          subjectId: row.id,
          code: null,
          detail: 'no log entry',
        });
      } else if (!same(expected(row, entry), entry.payload)) {
        findings.push({
          problem: 'altered',
          subjectType: type,
          subjectId: row.id,
          code: entry.code,
          detail: `the row no longer matches its ${entry.type} entry`,
        });
      } else if (voidedInLog !== (row.voidedAt !== null)) {
        findings.push({
          problem: 'altered',
          subjectType: type,
          subjectId: row.id,
          code: entry.code,
          detail: voidedInLog
            ? 'the log voided this row, but the row is not void'
            : 'the row is void, but no correction says so',
        });
      }
    }
    for (const [key, list] of entriesOf) {
      const [kind, id] = key.split(':');
      if (kind !== type || seen.has(Number(id))) continue;
      findings.push({
        problem: 'deleted',
        subjectType: type,
        subjectId: Number(id),
        code: list[0]!.code,
        detail: `the ${list[0]!.type} entry's row is gone`,
      });
    }
  };

  await checkGifts(db, orgId, entriesOf, lookups, findings, checked);
  const slug = (id: number | null) => (id === null ? null : (lookups.projectSlugs.get(id) ?? '?'));
  check('refund', await db.select().from(refunds).where(byOrg(refunds, orgId)), (r) =>
    refundPayload({ ...r, giftCode: codeOf('gift', r.giftId) }),
  );
  check('allocation', await db.select().from(allocations).where(byOrg(allocations, orgId)), (a) =>
    allocationPayload({
      ...a,
      project: slug(a.projectId)!,
      sources: (lookups.sources.get(a.id) ?? []).map((s) => ({ giftCode: codeOf('gift', s.giftId), amount: s.amount })),
    }),
  );
  check('expense', await db.select().from(expenses).where(byOrg(expenses, orgId)), (e) =>
    expensePayload({ ...e, project: slug(e.projectId)!, invoiceSha256: lookups.fileHashes.get(e.invoiceId) ?? '' }),
  );
  check('transfer', await db.select().from(transfers).where(byOrg(transfers, orgId)), (t) =>
    transferPayload({ ...t, project: slug(t.projectId)! }),
  );
  check('goods', await db.select().from(goodsMovements).where(byOrg(goodsMovements, orgId)), (g) =>
    goodsPayload({ ...g, project: slug(g.projectId) }),
  );
  check('delivery', await db.select().from(deliveries).where(byOrg(deliveries, orgId)), (d, entry) => {
    const file = d.acknowledgementId === null ? null : { sha256: lookups.fileHashes.get(d.acknowledgementId) ?? '' };
    const payload = deliveryPayload(
      { ...d, project: slug(d.projectId)!, acknowledgementSha256: acknowledgementHash(d, file) },
      entry.openings?.beneficiary ?? '',
    );
    // Without its opening (erased) the commitment cannot be rebuilt; the rest still can.
    return entry.openings?.beneficiary ? payload : { ...payload, beneficiary: entry.payload.beneficiary as JsonValue };
  });
  return { checked, findings };
}

async function loadLookups(db: Db, orgId: string) {
  const [projectRows, sourceRows, fileRows, merged] = await Promise.all([
    db.select({ id: projects.id, slug: projects.slug }).from(projects).where(eq(projects.orgId, orgId)),
    db.select().from(allocationSources).where(eq(allocationSources.orgId, orgId)),
    db.select({ id: attachments.id, sha256: attachments.sha256 }).from(attachments).where(eq(attachments.orgId, orgId)),
    db
      .select({ id: contacts.id, into: contacts.mergedIntoId })
      .from(contacts)
      .where(and(eq(contacts.orgId, orgId), isNotNull(contacts.mergedIntoId))),
  ]);
  const sources = new Map<number, typeof sourceRows>();
  for (const s of sourceRows) sources.set(s.allocationId, [...(sources.get(s.allocationId) ?? []), s]);
  const mergedInto = new Map<number, number[]>();
  for (const m of merged) mergedInto.set(m.into!, [...(mergedInto.get(m.into!) ?? []), m.id]);
  return {
    projectSlugs: new Map(projectRows.map((p) => [p.id, p.slug])),
    sources,
    fileHashes: new Map(fileRows.map((f) => [f.id, f.sha256])),
    mergedInto,
  };
}

/** A contact and every contact merged into it: a gift's donor may have been any of them. */
function donorIds(contactId: number, mergedInto: Map<number, number[]>) {
  const ids = [contactId];
  for (let i = 0; i < ids.length; i++) ids.push(...(mergedInto.get(ids[i]!) ?? []));
  return ids;
}

/**
 * Gifts may have corrections: the latest one states the facts the row must hold now, or voids the
 * gift, in which case the row must be gone.
 */
async function checkGifts(
  db: Db,
  orgId: string,
  entriesOf: Map<string, LedgerEntryRow[]>,
  lookups: Awaited<ReturnType<typeof loadLookups>>,
  findings: AuditFinding[],
  checked: Record<string, number>,
) {
  const rows = await db.select().from(gifts).where(eq(gifts.orgId, orgId));
  checked.gift = rows.length;
  const present = new Set(rows.map((g) => g.id));
  const finding = (problem: AuditProblem, id: number, code: string | null, detail: string) =>
    findings.push({ problem, subjectType: 'gift', subjectId: id, code, detail });
  for (const gift of rows) {
    const list = entriesOf.get(`gift:${gift.id}`) ?? [];
    const original = list.find((e) => e.type === 'donation.received');
    if (!original) {
      finding('unlogged', gift.id, null, 'no donation.received entry');
      continue;
    }
    const latest = list.filter((e) => e.type === 'correction').at(-1)?.payload;
    if (latest?.action === 'void') {
      finding('altered', gift.id, original.code, 'the log voided this gift, but its row exists');
      continue;
    }
    const { donor, ...originalFacts } = original.payload;
    const facts = (latest?.facts as Payload | undefined) ?? originalFacts;
    if (!isDeepStrictEqual(JSON.parse(canonicalEntry(giftFactsPayload(gift))), JSON.parse(canonicalEntry(facts)))) {
      finding('altered', gift.id, original.code, 'the row no longer matches its logged facts');
      continue;
    }
    const salt = original.openings?.donor;
    if (salt && !donorIds(gift.contactId, lookups.mergedInto).some((id) => commitment(salt, String(id)) === donor)) {
      finding('altered', gift.id, original.code, 'the donor no longer matches the logged commitment');
    }
  }
  for (const [key, list] of entriesOf) {
    const [kind, id] = key.split(':');
    if (kind !== 'gift' || present.has(Number(id))) continue;
    const voided = list.filter((e) => e.type === 'correction').at(-1)?.payload.action === 'void';
    if (!voided) finding('deleted', Number(id), list[0]!.code, 'the gift row is gone and no correction voided it');
  }
}
