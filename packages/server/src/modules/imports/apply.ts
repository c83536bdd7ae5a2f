import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Mapping } from './mapping.ts';
import { donationReceivedEntries } from '../ledger/index.ts';
import { timed, type PhaseTimings } from './timings.ts';

export interface ApplyCounts {
  contacts: { created: number; updated: number; skipped: number; duplicateRowsInFile: number };
  gifts: { created: number; alreadyImported: number };
  tagsLinked: number;
  consentsRecorded: number;
  notesAdded: number;
}

export interface ApplyInput {
  orgId: string;
  importId: number;
  fileName: string;
  timezone: string;
  mapping: Mapping;
  actorUserId: string | null;
  /** work_mem for the apply transaction, e.g. '256MB' on PostgreSQL; the embedded database has less room. */
  workMem?: string;
  timings?: PhaseTimings;
}

const firstRow = async (tx: Db, query: SQL): Promise<Record<string, number | string>> => {
  const result = (await tx.execute(query)) as unknown as { rows: Record<string, number | string>[] };
  return result.rows[0] ?? {};
};

// Identity of a row without phone or email: a platform donor's key when it has one (its id on the
// platform, or the platform's anonymous donor), else its name and where it lives. Used within the file
// and, through import_row_keys, across imports.
const rowKey = sql.raw(
  `coalesce(r.donor_key, md5(concat_ws('|', lower(r.name), r.wechat_id, r.province_code, r.city_code, r.district_code, r.address)))`,
);

/**
 * Applies a fully staged import with set-based SQL, inside the caller's transaction: match rows to
 * existing contacts (phone, then email, then row fingerprint), group rows of the same person within
 * the file, then insert or update contacts, tags, gifts (idempotent through external ids), consents,
 * notes and timeline entries. Nothing is half-applied: the caller commits or rolls back all of it.
 */
export async function applyStaged(tx: Db, input: ApplyInput): Promise<ApplyCounts> {
  const { orgId, importId, mapping } = input;
  const staged = sql`r.org_id = ${orgId} and r.import_id = ${importId}`;
  const matching = mapping.policy !== 'create';
  let step = 0;
  const explained = async (name: string, query: SQL) => {
    const result = (await tx.execute(sql`explain (analyze, buffers) ${query}`)) as unknown as {
      rows: Record<string, string>[];
    };
    input.timings!.plans.set(name, result.rows.map((r) => Object.values(r)[0]).join('\n'));
    return 0;
  };
  const explain = (phase: string) => input.timings?.explain === true && !/^(lock|work_mem|analyze|create)/.test(phase);
  const run = (phase: string, query: SQL) => {
    const name = `apply ${++step}: ${phase}`;
    return timed(input.timings, name, () => (explain(phase) ? explained(name, query) : tx.execute(query)));
  };
  /** The statement's one row of counts (under EXPLAIN, none). */
  const countsOf = (phase: string, query: SQL) => {
    const name = `apply ${++step}: ${phase}`;
    return timed(input.timings, name, async (): Promise<Record<string, number | string>> =>
      explain(phase) ? (await explained(name, query), {}) : firstRow(tx, query),
    );
  };
  const counted = async (phase: string, query: SQL) => Number((await countsOf(phase, query)).n ?? 0);
  // Two imports into one organization apply one after the other, so they see each other's contacts.
  await run('lock', sql`select pg_advisory_xact_lock(hashtext(${`commonweal.import:${orgId}`}))`);
  // The joins, sorts and DISTINCTs below each handle every row of the file; with the default 4 MB
  // they spill to disk. Local to this transaction.
  await run('work_mem', sql`select set_config('work_mem', ${input.workMem ?? '4MB'}, true)`);

  // Freshly copied rows have no statistics yet; without them the planner picks nested loops.
  await run('analyze import_rows', sql`analyze import_rows`);
  const live = sql`org_id = ${orgId} and merged_into_id is null and erased_at is null`;
  await run(
    'imp_match',
    sql`
    create temp table imp_match on commit drop as
    select r.line,
      coalesce(r.phone, r.email, 'k:' || ${rowKey}) as group_key,
      case when r.phone is null and r.email is null then ${rowKey} end as row_key,
      ${matching ? sql`coalesce(p.id, e.id, k.contact_id)` : sql`null::bigint`} as existing_id
    from import_rows r
    ${
      matching
        ? sql`
    left join (select distinct on (phone) phone, id from contacts where ${live} and phone is not null order by phone, id) p
      on p.phone = r.phone
    left join (select distinct on (email) email, id from contacts where ${live} and email is not null order by email, id) e
      on e.email = r.email
    left join import_row_keys k on k.org_id = ${orgId} and r.phone is null and r.email is null and k.key = ${rowKey}`
        : sql``
    }
    where ${staged}`,
  );
  await run('analyze imp_match', sql`analyze imp_match`);
  // New contacts take their ids in file order.
  await run(
    'imp_group',
    sql`
    create temp table imp_group on commit drop as
    select g.*, case when g.existing_id is null then nextval(pg_get_serial_sequence('contacts', 'id')) end as new_id
    from (select group_key, min(line) as first_line, min(existing_id) as existing_id from imp_match group by group_key
          order by first_line) g`,
  );
  await run(
    'imp_row',
    sql`
    create temp table imp_row on commit drop as
    select m.line, m.row_key, coalesce(g.existing_id, g.new_id) as contact_id, g.new_id is not null as is_new,
      m.line = g.first_line as is_first
    from imp_match m join imp_group g using (group_key)`,
  );
  await run('analyze imp_row', sql`analyze imp_row`);

  const joined = sql`import_rows r join imp_row x on x.line = r.line where ${staged}`;
  const created = await counted(
    'insert contacts',
    sql`with ins as (
      insert into contacts (org_id, id, kind, name, name_pinyin, name_initials, gender, phone, email, wechat_id,
        province_code, city_code, district_code, address, postal_code, category, source, custom)
      overriding system value
      select ${orgId}, x.contact_id, 'person', r.name, r.name_pinyin, r.name_initials, r.gender, r.phone, r.email,
        r.wechat_id, r.province_code, r.city_code, r.district_code, r.address, r.postal_code, r.category, 'import',
        coalesce(r.custom, '{}'::jsonb)
      from ${joined} and x.is_new and x.is_first
      returning 1)
    select count(*) as n from ins`,
  );
  const matchedRows = await counted('count matched', sql`select count(*) as n from imp_row where not is_new`);
  const duplicateRowsInFile = await counted(
    'count duplicates',
    sql`select count(*) as n from imp_row where is_new and not is_first`,
  );

  // Contacts an update changed: they alone get a timeline line. A matched contact whose values
  // would not change is left as it is, so importing the same file again changes nothing.
  const updating = mapping.policy === 'update';
  let updated = 0;
  let unchanged = 0;
  if (updating) {
    await run('create imp_updated', sql`create temp table imp_updated (contact_id bigint primary key) on commit drop`);
    const counts = await countsOf(
      'update contacts',
      sql`with src as (
        select distinct on (x.contact_id) x.contact_id, r.*
        from ${joined} and not x.is_new
        order by x.contact_id, r.line desc
      ), next as (
        select c.id, s.name, s.name_pinyin, s.name_initials, coalesce(s.gender, c.gender) as gender,
          coalesce(s.phone, c.phone) as phone, coalesce(s.email, c.email) as email,
          coalesce(s.wechat_id, c.wechat_id) as wechat_id, coalesce(s.province_code, c.province_code) as province_code,
          coalesce(s.city_code, c.city_code) as city_code, coalesce(s.district_code, c.district_code) as district_code,
          coalesce(s.address, c.address) as address, coalesce(s.postal_code, c.postal_code) as postal_code,
          coalesce(s.category, c.category) as category, c.custom || coalesce(s.custom, '{}'::jsonb) as custom
        from src s join contacts c on c.org_id = ${orgId} and c.id = s.contact_id
      ), upd as (
        update contacts c set
          name = n.name, name_pinyin = n.name_pinyin, name_initials = n.name_initials, gender = n.gender,
          phone = n.phone, email = n.email, wechat_id = n.wechat_id, province_code = n.province_code,
          city_code = n.city_code, district_code = n.district_code, address = n.address,
          postal_code = n.postal_code, category = n.category, custom = n.custom, updated_at = now()
        from next n
        where c.org_id = ${orgId} and c.id = n.id
          and (c.name, c.name_pinyin, c.name_initials, c.gender, c.phone, c.email, c.wechat_id, c.province_code,
            c.city_code, c.district_code, c.address, c.postal_code, c.category, c.custom)
          is distinct from (n.name, n.name_pinyin, n.name_initials, n.gender, n.phone, n.email, n.wechat_id,
            n.province_code, n.city_code, n.district_code, n.address, n.postal_code, n.category, n.custom)
        returning c.id),
      noted as (insert into imp_updated select id from upd returning 1)
      select (select count(*) from noted) as updated, (select count(*) from src) as matched`,
    );
    updated = Number(counts.updated ?? 0);
    unchanged = Number(counts.matched ?? 0) - updated;
  }

  await run(
    'tags',
    sql`
    insert into tags (org_id, name)
    select distinct ${orgId}::uuid, t.name
    from import_rows r cross join lateral jsonb_array_elements_text(r.tags) t(name)
    where ${staged} and r.tags is not null
    on conflict (org_id, name) do nothing`,
  );
  const tagsLinked = await counted(
    'contact_tags',
    sql`with ins as (
      insert into contact_tags (org_id, contact_id, tag_id)
      select distinct ${orgId}::uuid, x.contact_id, tg.id
      from import_rows r join imp_row x on x.line = r.line
        cross join lateral jsonb_array_elements_text(r.tags) t(name)
        join tags tg on tg.org_id = ${orgId} and tg.name = t.name
      where ${staged} and r.tags is not null
      -- In contact order the foreign-key checks and the contact-led indexes visit each page once.
      order by 2, 3
      on conflict do nothing
      returning 1)
    select count(*) as n from ins`,
  );

  const giftRows = await counted(
    'count gifts',
    sql`select count(*) as n from import_rows r where ${staged} and r.gift_amount is not null`,
  );
  // Without a transaction id, a gift's external id is a fingerprint of what the row says plus its
  // occurrence, so the same file imported twice finds its gifts, and two equal gifts in one file stay two.
  await run(
    'insert gifts',
    sql`create temp table imp_gift on commit drop as
    with fp as (
      select r.*, md5(concat_ws('|', r.name, r.phone, r.email, r.gift_amount, r.gift_currency, r.gift_local_time,
        r.gift_channel, r.gift_campaign)) as fingerprint
      from import_rows r where ${staged} and r.gift_amount is not null
    ), src as (
      select x.contact_id, fp.*,
        coalesce(fp.gift_external_id,
          'import:' || fp.fingerprint || ':' || row_number() over (partition by fp.fingerprint order by fp.line)) as external_key
      from fp join imp_row x on x.line = fp.line
    ), ins as (
      insert into gifts (org_id, contact_id, kind, amount, currency, received_at, channel, campaign, external_id, source)
      select ${orgId}, contact_id, 'money', gift_amount, gift_currency,
        case when gift_local_time like '%Z' then (left(gift_local_time, 19) || '+00')::timestamptz
          else gift_local_time::timestamp at time zone ${input.timezone} end,
        gift_channel, gift_campaign, external_key, 'import'
      from src
      order by contact_id, line -- as for contact_tags
      on conflict (org_id, external_id) where external_id is not null do nothing
      returning id)
    select id from ins`,
  );
  const giftsCreated = await counted('ledger donation.received', donationReceivedEntries(orgId, sql`imp_gift`));

  const consentsRecorded = await counted(
    'consents',
    sql`with src as (
      select distinct on (x.contact_id, c.channel) x.contact_id, c.channel, c.status, r.line
      from import_rows r join imp_row x on x.line = r.line
        cross join lateral jsonb_to_recordset(r.consents) as c(channel text, status text)
      where ${staged} and r.consents is not null
      order by x.contact_id, c.channel, r.line desc
    ), latest as (
      select distinct on (c.contact_id, c.channel) c.contact_id, c.channel::text as channel, c.status::text as status
      from consents c
      where c.org_id = ${orgId} and c.purpose = ${mapping.consentPurpose} and c.contact_id in (select contact_id from src)
      order by c.contact_id, c.channel, c.recorded_at desc, c.id desc
    ), ins as (
      insert into consents (org_id, contact_id, channel, purpose, status, source, evidence, recorded_by)
      select ${orgId}, s.contact_id, s.channel::consent_channel, ${mapping.consentPurpose}, s.status::consent_status, 'import',
        jsonb_build_object('type', 'import_file', 'ref', ${String(importId)}::text,
          'text', ${input.fileName}::text || ', line ' || s.line),
        ${input.actorUserId}::uuid
      from src s left join latest l on l.contact_id = s.contact_id and l.channel = s.channel
      where l.status is distinct from s.status
      returning 1)
    select count(*) as n from ins`,
  );

  const notesAdded = await counted(
    'notes',
    sql`with src as (
      select distinct x.contact_id, r.note from ${joined} and r.note is not null
    ), ins as (
      insert into notes (org_id, contact_id, body, author_user_id)
      select ${orgId}, s.contact_id, s.note, ${input.actorUserId}::uuid from src s
      where not exists (select 1 from notes n where n.org_id = ${orgId} and n.contact_id = s.contact_id and n.body = s.note)
      returning 1)
    select count(*) as n from ins`,
  );

  await run(
    'import_row_keys',
    sql`
    insert into import_row_keys (org_id, key, contact_id)
    select distinct on (row_key) ${orgId}::uuid, row_key, contact_id from imp_row where row_key is not null
    order by row_key, line
    on conflict do nothing`,
  );

  await run(
    'activities',
    sql`
    insert into contact_activities (org_id, contact_id, type, summary, data, actor_user_id)
    select distinct on (x.contact_id) ${orgId}::uuid, x.contact_id, 'import',
      case when x.is_new then 'Imported from ' else 'Updated by an import of ' end || ${input.fileName}::text,
      jsonb_build_object('importId', ${importId}::bigint, 'line', x.line, 'fileName', ${input.fileName}::text, 'created', x.is_new),
      ${input.actorUserId}::uuid
    from imp_row x
    where x.is_new ${updating ? sql`or x.contact_id in (select contact_id from imp_updated)` : sql``}
    order by x.contact_id, x.line`,
  );

  return {
    contacts: {
      created,
      updated,
      skipped: updating ? unchanged : matchedRows,
      duplicateRowsInFile,
    },
    gifts: { created: giftsCreated, alreadyImported: giftRows - giftsCreated },
    tagsLinked,
    consentsRecorded,
    notesAdded,
  };
}
