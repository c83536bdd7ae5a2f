import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  confidenceSql,
  featureSql,
  MIN_CONFIDENCE,
  reasonCodes,
  reasonsSql,
  SIMILAR_NAME_MIN_CHARS,
  type Reason,
} from './scoring.ts';
import { rowsOf } from '../../db/rows.ts';

/**
 * Blocks larger than this are skipped: a phone shared by 500 contacts is an office switchboard, and
 * 200 张伟 in one city are not one person. It also bounds the work at O(n * BLOCK_LIMIT).
 */
export const BLOCK_LIMIT = 25;

/**
 * Candidate pairs that share one blocking key: the keys held by 2..BLOCK_LIMIT contacts (a hash
 * aggregate), their members, and a self-join of the members on the key. Set-based, never a
 * comparison of every contact with every other.
 */
function sameKeyPairs(key: string, options: { extra?: string; having?: string; pairs?: string } = {}): SQL {
  const extra = options.extra ?? 'true';
  return sql.raw(`
    with blocks as (
      select ${key} as k from dup_active c where ${key} is not null and ${extra}
      group by 1 having count(*) between 2 and ${BLOCK_LIMIT} and ${options.having ?? 'true'}
    ), members as (
      select c.id, b.k, c.city_code from dup_active c join blocks b on b.k = ${key} where ${extra}
    )
    select x.id as a, y.id as b from members x join members y on y.k = x.k and y.id > x.id and ${options.pairs ?? 'true'}`);
}

/**
 * Names one edit apart in the same district (or city when there is no district): each name and each
 * name with one character deleted is a key. Two names are one substitution apart when they share a
 * key deleted at the same position, and one insertion apart when one's key is the other's full name.
 */
function similarNamePairs(): SQL {
  const candidates = `area is not null and char_length(name) >= ${SIMILAR_NAME_MIN_CHARS}`;
  return sql.raw(`
    with variants as materialized (
      select id, area, name as variant, 0 as pos from dup_active where ${candidates}
      union all
      select id, area, left(name, i - 1) || substr(name, i + 1), i
      from dup_active, generate_series(1, char_length(name)) as i where ${candidates}
    ), blocks as (
      select area, variant from variants group by 1, 2 having count(*) between 2 and ${BLOCK_LIMIT}
    ), members as (
      select v.* from variants v join blocks b on b.area = v.area and b.variant = v.variant
    )
    select x.id as a, y.id as b from members x
    join members y on y.area = x.area and y.variant = x.variant and y.id > x.id
      and (x.pos = y.pos or x.pos = 0 or y.pos = 0) and not (x.pos = 0 and y.pos = 0)`);
}

/**
 * Finds every likely duplicate pair in an organization and upserts them as pending candidates;
 * pairs a reviewer dismissed or merged keep their status, and pending pairs that no longer match
 * are removed. Returns the number of pairs this scan found.
 */
export async function detectDuplicates(db: Db, orgId: string, scanId: string): Promise<number> {
  const features = featureSql('ca', 'cb');
  const featureColumns = Object.fromEntries(reasonCodes.map((r) => [r, r])) as Record<Reason, string>;
  return db.transaction(async (tx) => {
    // One scan per organization at a time; a second waits and then sees the first one's results.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`duplicates:${orgId}`}))`);
    // The scoring expressions are long; JIT-compiling them costs seconds and saves nothing here.
    await tx.execute(sql`set local jit = off`);
    await tx.execute(sql`set local work_mem = '128MB'`);
    // One read of the contacts into a narrow, unlogged copy that every blocking pass then scans.
    await tx.execute(sql`
      create temp table dup_active on commit drop as
      select id, name, name_pinyin, phone, email, city_code, district_code, coalesce(district_code, city_code) as area
      from contacts where org_id = ${orgId} and merged_into_id is null and erased_at is null`);
    await tx.execute(sql`analyze dup_active`);
    const result = await tx.execute(sql`
      with found as (
        (${sameKeyPairs('c.phone')})
        union all (${sameKeyPairs('c.email')})
        union all (${sameKeyPairs("c.city_code || ':' || c.name_pinyin", { extra: "c.name_pinyin <> ''" })})
        -- The same pinyin (张伟 / 章伟, or the same characters) where a city cannot tell them apart:
        -- the pass above covers one city, and in two different cities the match is too weak to keep.
        union all (${sameKeyPairs("nullif(c.name_pinyin, '')", {
          having: 'bool_or(c.city_code is null)',
          pairs: '(x.city_code is null or y.city_code is null)',
        })})
        union all (${similarNamePairs()})
      ), pairs as (
        select distinct least(a, b) as a, greatest(a, b) as b from found
      ), features as materialized (
        select p.a, p.b, ${sql.raw(reasonCodes.map((r) => `${features[r]} as ${r}`).join(', '))}
        from pairs p
        join dup_active ca on ca.id = p.a
        join dup_active cb on cb.id = p.b
      ), scored as (
        select a, b, ${sql.raw(confidenceSql(featureColumns))} as confidence, ${sql.raw(reasonsSql(featureColumns))} as reasons
        from features
      ), upserted as (
        insert into duplicate_candidates (org_id, contact_a_id, contact_b_id, confidence, reasons, status, last_scan_id)
        select ${orgId}, a, b, confidence, reasons, 'pending', ${scanId} from scored where confidence >= ${MIN_CONFIDENCE}
        on conflict (org_id, contact_a_id, contact_b_id) do update
          set confidence = excluded.confidence, reasons = excluded.reasons,
              last_scan_id = excluded.last_scan_id, updated_at = now()
          where duplicate_candidates.status = 'pending'
        returning 1
      )
      select count(*)::int as found from upserted`);
    await tx.execute(sql`
      delete from duplicate_candidates
      where org_id = ${orgId} and status = 'pending' and last_scan_id is distinct from ${scanId}`);
    return rowsOf<{ found: number }>(result)[0]?.found ?? 0;
  });
}
