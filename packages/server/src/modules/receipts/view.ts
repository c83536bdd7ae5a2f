import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { contacts } from '../contacts/tables.ts';
import { campaigns } from '../fundraising/tables.ts';
import { trackingOf } from '../gifts/index.ts';
import { gifts } from '../gifts/tables.ts';
import { organizations } from '../platform/tables.ts';
import { projects } from '../projects/index.ts';
import { receipts } from './tables.ts';

export interface DocumentOrg {
  id: string;
  name: string;
  slug: string;
  timezone: string;
}

/** One gift as a receipt or statement shows it: money, date, what for, and its place in the log. */
export interface GiftLine {
  giftId: number;
  amount: number;
  currency: string;
  kind: 'money' | 'in_kind';
  inKindDescription: string | null;
  receivedAt: Date;
  channel: string;
  /** The campaign's title, or the label the gift was recorded with. */
  purpose: string | null;
  trackingCode: string | null;
  receiptNumber: string | null;
}

export interface ReceiptView {
  org: DocumentOrg;
  receipt: { id: number; number: string; issuedAt: Date; officialReceiptNo: string | null };
  /** null once the donor was erased: the receipt still exists, without their name. */
  donorName: string | null;
  donorEmail: string | null;
  contactId: number;
  gift: GiftLine;
}

async function orgOf(db: Db, orgId: string): Promise<DocumentOrg | undefined> {
  const [org] = await db
    .select({
      id: organizations.id,
      name: organizations.name,
      slug: organizations.slug,
      timezone: organizations.timezone,
    })
    .from(organizations)
    .where(eq(organizations.id, orgId));
  return org;
}

/** Campaign titles and project names for the gifts' labels (online gifts carry the campaign's slug). */
async function purposes(db: Db, orgId: string, rows: { campaign: string | null; fund: string | null }[]) {
  const slugs = [...new Set(rows.flatMap((r) => [r.campaign, r.fund]).filter((s): s is string => Boolean(s)))];
  if (slugs.length === 0) return new Map<string, string>();
  const [named, funds] = await Promise.all([
    db
      .select({ slug: campaigns.slug, copy: campaigns.copy })
      .from(campaigns)
      .where(and(eq(campaigns.orgId, orgId), inArray(campaigns.slug, slugs))),
    db
      .select({ slug: projects.slug, name: projects.name })
      .from(projects)
      .where(and(eq(projects.orgId, orgId), inArray(projects.slug, slugs))),
  ]);
  return new Map([
    ...funds.map((p) => [p.slug, p.name] as const),
    ...named.map((c) => [c.slug, c.copy.title] as const),
  ]);
}

const giftColumns = {
  id: gifts.id,
  contactId: gifts.contactId,
  amount: gifts.amount,
  currency: gifts.currency,
  kind: gifts.kind,
  inKindDescription: gifts.inKindDescription,
  receivedAt: gifts.receivedAt,
  channel: gifts.channel,
  campaign: gifts.campaign,
  fund: gifts.fund,
};
type GiftRow = Pick<typeof gifts.$inferSelect, keyof typeof giftColumns>;

async function linesOf(db: Db, orgId: string, rows: GiftRow[]): Promise<GiftLine[]> {
  const ids = rows.map((r) => r.id);
  const [tracking, labels, issued] = await Promise.all([
    trackingOf(db, orgId, ids),
    purposes(db, orgId, rows),
    ids.length
      ? db
          .select({ giftId: receipts.giftId, number: receipts.number })
          .from(receipts)
          .where(and(eq(receipts.orgId, orgId), inArray(receipts.giftId, ids)))
      : [],
  ]);
  const numbers = new Map(issued.map((r) => [r.giftId, r.number]));
  return rows.map((g) => {
    const label = g.campaign ?? g.fund;
    return {
      giftId: g.id,
      amount: g.amount,
      currency: g.currency,
      kind: g.kind,
      inKindDescription: g.inKindDescription,
      receivedAt: g.receivedAt,
      channel: g.channel,
      purpose: label ? (labels.get(label) ?? label) : null,
      trackingCode: tracking.get(g.id)?.code ?? null,
      receiptNumber: numbers.get(g.id) ?? null,
    };
  });
}

const donorOf = async (db: Db, orgId: string, contactId: number) => {
  const [c] = await db
    .select({ name: contacts.name, email: contacts.email, erasedAt: contacts.erasedAt })
    .from(contacts)
    .where(and(eq(contacts.orgId, orgId), eq(contacts.id, contactId)));
  return c && !c.erasedAt ? { name: c.name, email: c.email } : { name: null, email: null };
};

/** Everything a receipt shows. */
export async function receiptView(db: Db, orgId: string, receiptId: number): Promise<ReceiptView | undefined> {
  const [row] = await db
    .select({ receipt: receipts, gift: giftColumns })
    .from(receipts)
    .innerJoin(gifts, and(eq(gifts.orgId, receipts.orgId), eq(gifts.id, receipts.giftId)))
    .where(and(eq(receipts.orgId, orgId), eq(receipts.id, receiptId)));
  const org = row ? await orgOf(db, orgId) : undefined;
  if (!row || !org) return undefined;
  const [line] = await linesOf(db, orgId, [row.gift]);
  const donor = await donorOf(db, orgId, row.gift.contactId);
  return {
    org,
    receipt: {
      id: row.receipt.id,
      number: row.receipt.number,
      issuedAt: row.receipt.issuedAt,
      officialReceiptNo: row.receipt.officialReceiptNo,
    },
    donorName: donor.name,
    donorEmail: donor.email,
    contactId: row.gift.contactId,
    gift: line!,
  };
}

export interface StatementView {
  org: DocumentOrg;
  year: number;
  donorName: string | null;
  contactId: number;
  gifts: GiftLine[];
  /** Money given in the year, per currency (in-kind gifts are listed, not added). */
  totals: { currency: string; amount: number }[];
}

/** A supporter's gifts in one calendar year of the organization, for the yearly statement (年度捐赠证明). */
export async function statementView(
  db: Db,
  orgId: string,
  contactId: number,
  year: number,
): Promise<StatementView | undefined> {
  const org = await orgOf(db, orgId);
  if (!org) return undefined;
  const [exists] = await db
    .select({ id: contacts.id })
    .from(contacts)
    .where(and(eq(contacts.orgId, orgId), eq(contacts.id, contactId)));
  if (!exists) return undefined;
  const rows = await db
    .select(giftColumns)
    .from(gifts)
    .where(
      and(
        eq(gifts.orgId, orgId),
        eq(gifts.contactId, contactId),
        sql`${gifts.receivedAt} >= make_timestamptz(${year}, 1, 1, 0, 0, 0, ${org.timezone})`,
        sql`${gifts.receivedAt} < make_timestamptz(${year + 1}, 1, 1, 0, 0, 0, ${org.timezone})`,
      ),
    )
    .orderBy(asc(gifts.receivedAt), asc(gifts.id));
  const lines = await linesOf(db, orgId, rows);
  const totals = new Map<string, number>();
  for (const g of lines) if (g.kind === 'money') totals.set(g.currency, (totals.get(g.currency) ?? 0) + g.amount);
  const donor = await donorOf(db, orgId, contactId);
  return {
    org,
    year,
    donorName: donor.name,
    contactId,
    gifts: lines,
    totals: [...totals].map(([currency, amount]) => ({ currency, amount })),
  };
}
