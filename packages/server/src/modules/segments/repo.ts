import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { SearchBranch } from './search.ts';
import { segments } from './tables.ts';

/** Runs a raw query and returns its rows (both drivers answer `{ rows }`). */
export async function rowsOf<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/** A timestamptz as ISO 8601 text with microseconds: lossless, and the same from both drivers. */
export const isoText = (expr: SQL) => sql`to_char(${expr} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

export const sortKeys = ['name', 'created', 'updated', 'lastGift'] as const;
export type SortKey = (typeof sortKeys)[number];
export type SortDir = 'asc' | 'desc';

export interface Keyset {
  /** The sort key of the last row seen, as text; null never occurs for the keys we sort by. */
  value: string;
  id: number;
}

interface SortSpec {
  key: SQL;
  /** The key as cursor text. */
  text: SQL;
  /** `sortMatches`: the same order, written so that no index can serve it (see SearchBranch). */
  order: (dir: SortDir, sortMatches?: boolean) => SQL;
  after: (k: Keyset, dir: SortDir) => SQL;
}

const lastGiftKey = sql`coalesce((select max(g.received_at) from gifts g where g.org_id = c.org_id and g.contact_id = c.id), '-infinity'::timestamptz)`;

function timestampSort(key: SQL): SortSpec {
  return {
    key,
    // -infinity has no ISO form; keep it as PostgreSQL writes it.
    text: sql`case when ${key} = '-infinity'::timestamptz then '-infinity' else ${isoText(key)} end`,
    order: (dir) => (dir === 'asc' ? sql`${key} asc, c.id asc` : sql`${key} desc, c.id desc`),
    after: (k, dir) =>
      dir === 'asc'
        ? sql`${key} >= ${k.value}::timestamptz and (${key} > ${k.value}::timestamptz or c.id > ${k.id})`
        : sql`${key} <= ${k.value}::timestamptz and (${key} < ${k.value}::timestamptz or c.id < ${k.id})`,
  };
}

/*
 * Names sort by pinyin in byte order (~<~), the order of the text_pattern_ops indexes, so a page of
 * a million contacts is read straight from an index. The leading ~>=~ bound lets the index seek.
 */
const nameSort: SortSpec = {
  key: sql`c.name_pinyin`,
  text: sql`c.name_pinyin`,
  order: (dir, sortMatches) => {
    const key = sortMatches ? sql`(c.name_pinyin || '')` : sql`c.name_pinyin`;
    return dir === 'asc' ? sql`${key} using ~<~, c.id asc` : sql`${key} using ~>~, c.id desc`;
  },
  after: (k, dir) =>
    dir === 'asc'
      ? sql`c.name_pinyin ~>=~ ${k.value} and (c.name_pinyin ~>~ ${k.value} or c.id > ${k.id})`
      : sql`c.name_pinyin ~<=~ ${k.value} and (c.name_pinyin ~<~ ${k.value} or c.id < ${k.id})`,
};

const sorts: Record<SortKey, SortSpec> = {
  name: nameSort,
  created: timestampSort(sql`c.created_at`),
  updated: timestampSort(sql`c.updated_at`),
  lastGift: timestampSort(lastGiftKey),
};

/** Contacts a list shows: merged and erased contacts are hidden. */
const visible = (orgId: string) => sql`c.org_id = ${orgId} and c.merged_into_id is null and c.erased_at is null`;

export interface ContactQuery {
  /** Filters and segment conditions over `contacts c`. */
  where: SQL;
  /** Search branches; a contact matches when any branch matches. Empty: no search. */
  branches: SearchBranch[];
}

export interface PageRequest {
  sort: SortKey;
  dir: SortDir;
  after?: Keyset;
  limit: number;
}

/** One page of contact ids in list order, each with its cursor value. */
export async function pageContactIds(
  db: Db,
  orgId: string,
  query: ContactQuery,
  page: PageRequest,
): Promise<{ id: number; cursor: string }[]> {
  const spec = sorts[page.sort];
  const keyset = page.after ? sql` and ${spec.after(page.after, page.dir)}` : sql``;
  const select = (branch: SearchBranch | null) =>
    sql`select c.id, ${spec.key} as sk, ${spec.text} as sk_text from contacts c
        where ${visible(orgId)} and ${query.where}${branch ? sql` and ${branch.condition}` : sql``}${keyset}
        order by ${spec.order(page.dir, branch?.sortMatches)} limit ${page.limit}`;
  let statement: SQL;
  if (query.branches.length <= 1) {
    statement = select(query.branches[0] ?? null);
  } else {
    // Each branch reads its own index; the merge keeps the first `limit` of them all.
    const union = sql.join(
      query.branches.map((b) => sql`(${select(b)})`),
      sql` union `,
    );
    const outer =
      page.sort === 'name'
        ? page.dir === 'asc'
          ? sql`m.sk using ~<~, m.id asc`
          : sql`m.sk using ~>~, m.id desc`
        : page.dir === 'asc'
          ? sql`m.sk asc, m.id asc`
          : sql`m.sk desc, m.id desc`;
    statement = sql`select m.id, m.sk_text from (${union}) m order by ${outer} limit ${page.limit}`;
  }
  const rows = await rowsOf<{ id: number | string; sk_text: string }>(db, statement);
  return rows.map((r) => ({ id: Number(r.id), cursor: r.sk_text }));
}

/** The whole condition for `contacts c`: visible, filtered, and matching any search branch. */
export function matchCondition(orgId: string, query: ContactQuery): SQL {
  const search =
    query.branches.length === 0
      ? sql``
      : sql` and (${sql.join(
          query.branches.map((b) => b.condition),
          sql` or `,
        )})`;
  return sql`${visible(orgId)} and ${query.where}${search}`;
}

/** How many contacts match (the same conditions as the list). */
export async function countContacts(db: Db, orgId: string, query: ContactQuery): Promise<number> {
  const [row] = await rowsOf<{ n: number | string }>(
    db,
    sql`select count(*) as n from contacts c where ${matchCondition(orgId, query)}`,
  );
  return Number(row?.n ?? 0);
}

export interface ContactSummaryRow {
  id: number;
  kind: 'person' | 'organization';
  name: string;
  phone: string | null;
  email: string | null;
  provinceCode: string | null;
  cityCode: string | null;
  districtCode: string | null;
  category: string | null;
  createdAt: string;
  updatedAt: string;
  tags: { id: number; name: string; color: string | null }[];
  giftCount: number;
  lastGiftAt: string | null;
  totalGiven: { currency: string; amount: number }[];
}

const ms = (expr: SQL) => sql`to_char(${expr} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The list's summary of each contact (tags, giving), in the order of `ids`. */
export async function contactSummaries(db: Db, orgId: string, ids: number[]): Promise<ContactSummaryRow[]> {
  if (ids.length === 0) return [];
  const rows = await rowsOf<Record<string, unknown>>(
    db,
    sql`select c.id, c.kind, c.name, c.phone, c.email, c.province_code, c.city_code, c.district_code, c.category,
          ${ms(sql`c.created_at`)} as created_at, ${ms(sql`c.updated_at`)} as updated_at,
          coalesce((select json_agg(json_build_object('id', t.id, 'name', t.name, 'color', t.color) order by t.name)
                    from contact_tags ct join tags t on t.org_id = ct.org_id and t.id = ct.tag_id
                    where ct.org_id = c.org_id and ct.contact_id = c.id), '[]'::json) as tags,
          gs.gift_count, ${ms(sql`gs.last_gift_at`)} as last_gift_at,
          coalesce((select json_agg(json_build_object('currency', x.currency, 'amount', x.total) order by x.currency)
                    from (select g.currency, sum(g.amount) as total from gifts g
                          where g.org_id = c.org_id and g.contact_id = c.id group by g.currency) x), '[]'::json) as total_given
        from contacts c
        cross join lateral (select count(*) as gift_count, max(g.received_at) as last_gift_at
                            from gifts g where g.org_id = c.org_id and g.contact_id = c.id) gs
        where c.org_id = ${orgId} and c.id in (${sql.join(
          ids.map((id) => sql`${id}`),
          sql`, `,
        )})`,
  );
  const byId = new Map(
    rows.map((r) => {
      const summary: ContactSummaryRow = {
        id: Number(r.id),
        kind: r.kind as ContactSummaryRow['kind'],
        name: String(r.name),
        phone: (r.phone as string | null) ?? null,
        email: (r.email as string | null) ?? null,
        provinceCode: (r.province_code as string | null) ?? null,
        cityCode: (r.city_code as string | null) ?? null,
        districtCode: (r.district_code as string | null) ?? null,
        category: (r.category as string | null) ?? null,
        createdAt: String(r.created_at),
        updatedAt: String(r.updated_at),
        tags: parseJson<ContactSummaryRow['tags']>(r.tags).map((t) => ({ ...t, id: Number(t.id) })),
        giftCount: Number(r.gift_count),
        lastGiftAt: (r.last_gift_at as string | null) ?? null,
        totalGiven: parseJson<{ currency: string; amount: number | string }[]>(r.total_given).map((t) => ({
          currency: t.currency,
          amount: Number(t.amount),
        })),
      };
      return [summary.id, summary] as const;
    }),
  );
  return ids.flatMap((id) => byId.get(id) ?? []);
}

// json comes back parsed from node-postgres and PGlite alike; a string would mean a driver change.
const parseJson = <T>(value: unknown): T => (typeof value === 'string' ? (JSON.parse(value) as T) : (value as T));

export type SegmentRow = typeof segments.$inferSelect;

export const segmentsRepo = {
  list: (db: Db, orgId: string) =>
    db.select().from(segments).where(eq(segments.orgId, orgId)).orderBy(asc(segments.name)),
  find: async (db: Db, orgId: string, id: number): Promise<SegmentRow | undefined> =>
    (
      await db
        .select()
        .from(segments)
        .where(and(eq(segments.orgId, orgId), eq(segments.id, id)))
    )[0],
  findByName: async (db: Db, orgId: string, name: string): Promise<SegmentRow | undefined> =>
    (
      await db
        .select()
        .from(segments)
        .where(and(eq(segments.orgId, orgId), eq(segments.name, name)))
    )[0],
  insert: async (db: Db, orgId: string, values: Omit<typeof segments.$inferInsert, 'orgId'>) =>
    (
      await db
        .insert(segments)
        .values({ ...values, orgId })
        .returning()
    )[0]!,
  update: async (db: Db, orgId: string, id: number, values: Partial<typeof segments.$inferInsert>) =>
    (
      await db
        .update(segments)
        .set(values)
        .where(and(eq(segments.orgId, orgId), eq(segments.id, id)))
        .returning()
    )[0],
  remove: (db: Db, orgId: string, id: number) =>
    db.delete(segments).where(and(eq(segments.orgId, orgId), eq(segments.id, id))),
};
