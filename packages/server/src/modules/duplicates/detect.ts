import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { confidenceSql, featureSql, MIN_CONFIDENCE, reasonsSql, SIMILAR_NAME_MIN_CHARS } from './scoring.ts';

/**
 * Blocks larger than this are skipped: a phone shared by 500 contacts is an office switchboard, and
 * 200 张伟 in one city are not one person. It also bounds the work at O(n * BLOCK_LIMIT).
 */
export const BLOCK_LIMIT = 25;

const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

/**
 * Candidate pairs that share one blocking key, found with one windowed pass and a self-join on the
 * key: set-based, never a comparison of every contact with every other.
 */
function sameKeyPairs(orgId: string, key: string, extra = 'true'): SQL {
  return sql.raw(`
    select x.id as a, y.id as b from (
      select id, ${key} as k, count(*) over (partition by ${key}) as n
      from contacts c
      where org_id = '${orgId}' and merged_into_id is null and erased_at is null and ${key} is not null and ${extra}
    ) x join (
      select id, ${key} as k from contacts c
      where org_id = '${orgId}' and merged_into_id is null and erased_at is null and ${key} is not null and ${extra}
    ) y on y.k = x.k and y.id > x.id
    where x.n between 2 and ${BLOCK_LIMIT}`);
}

/**
 * Names one edit apart in the same district (or city when there is no district): each name and each
 * name with one character deleted is a key. Two names are one substitution apart when they share a
 * key deleted at the same position, and one insertion apart when one's key is the other's full name.
 */
function similarNamePairs(orgId: string): SQL {
  return sql.raw(`
    with active as (
      select id, name, coalesce(district_code, city_code) as area from contacts
      where org_id = '${orgId}' and merged_into_id is null and erased_at is null
        and coalesce(district_code, city_code) is not null and char_length(name) >= ${SIMILAR_NAME_MIN_CHARS}
    ), variants as (
      select id, area, name as variant, 0 as pos from active
      union all
      select id, area, left(name, i - 1) || substr(name, i + 1), i
      from active, generate_series(1, char_length(name)) as i
    ), keyed as (
      select id, area, variant, pos, count(*) over (partition by area, variant) as n from variants
    )
    select x.id as a, y.id as b from keyed x
    join keyed y on y.area = x.area and y.variant = x.variant and y.id > x.id
      and (x.pos = y.pos or x.pos = 0 or y.pos = 0) and not (x.pos = 0 and y.pos = 0)
    where x.n <= ${BLOCK_LIMIT}`);
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Finds every likely duplicate pair in an organization and upserts them as pending candidates;
 * pairs a reviewer dismissed or merged keep their status, and pending pairs that no longer match
 * are removed. Returns the number of pairs this scan found.
 */
export async function detectDuplicates(db: Db, orgId: string, scanId: string): Promise<number> {
  // The blocking SQL is assembled from constants; the two ids are checked before they are inlined.
  if (!uuidPattern.test(orgId) || !uuidPattern.test(scanId)) throw new Error('detectDuplicates needs uuids');
  const features = featureSql('ca', 'cb');
  return db.transaction(async (tx) => {
    // One scan per organization at a time; a second waits and then sees the first one's results.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`duplicates:${orgId}`}))`);
    const result = await tx.execute(sql`
      with found as (
        (${sameKeyPairs(orgId, 'c.phone')})
        union all (${sameKeyPairs(orgId, 'c.email')})
        union all (${sameKeyPairs(orgId, "c.city_code || ':' || c.name_pinyin", "c.name_pinyin <> ''")})
        union all (${sameKeyPairs(orgId, "nullif(c.name_pinyin, '')")})
        union all (${similarNamePairs(orgId)})
      ), pairs as (
        select distinct least(a, b) as a, greatest(a, b) as b from found
      ), scored as (
        select p.a, p.b, ${sql.raw(confidenceSql(features))} as confidence, ${sql.raw(reasonsSql(features))} as reasons
        from pairs p
        join contacts ca on ca.org_id = ${orgId} and ca.id = p.a
        join contacts cb on cb.org_id = ${orgId} and cb.id = p.b
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
