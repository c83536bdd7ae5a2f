import { sql, type SQL } from 'drizzle-orm';

/**
 * donation.received entries for many gifts at once, in SQL: the set-based form of
 * recordGiftsReceived() for bulk paths (imports). It must build byte-for-byte the payload that
 * donationReceivedPayload() builds, and the same commitment that commitment() computes; sql.test.ts
 * holds the two side by side. Returns the number of entries written, as `n`.
 *
 * `giftIds` names a relation with an `id` column: the gifts of `orgId` that were just inserted.
 */
export function donationReceivedEntries(orgId: string, giftIds: SQL): SQL {
  return sql`with src as (
      -- gen_random_uuid() is volatile, so each gift draws its own salt. The tracking code is the
      -- column's default, as for every outbox row.
      select g.*, encode(uuid_send(gen_random_uuid()), 'hex') as salt
      from gifts g join ${giftIds} n on n.id = g.id
      where g.org_id = ${orgId}
    ), ins as (
      insert into ledger_entries (org_id, type, subject_type, subject_id, payload, openings)
      select org_id, 'donation.received', 'gift', id,
        jsonb_build_object(
          'kind', kind::text,
          'amount', amount,
          'currency', currency::text,
          'channel', channel,
          'receivedAt', to_char(received_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
          'campaign', campaign,
          'fund', fund,
          'paymentReferenceHash', case when coalesce(payment_reference, '') = '' then null
            else encode(sha256(convert_to(payment_reference, 'UTF8')), 'hex') end,
          'donor', encode(sha256(decode(salt, 'hex') || convert_to(contact_id::text, 'UTF8')), 'hex')),
        jsonb_build_object('donor', salt)
      from src
      order by id
      returning 1)
    select count(*) as n from ins`;
}
