-- Gifts recorded before the ledger outbox existed get their donation.received entry now, built
-- exactly as modules/ledger/sql.ts builds it (a frozen copy: migrations never change once landed).
with src as (
  select g.*, uuid_send(gen_random_uuid()) as code_bytes, encode(uuid_send(gen_random_uuid()), 'hex') as salt
  from gifts g
  where not exists (
    select 1 from ledger_entries e where e.org_id = g.org_id and e.subject_type = 'gift' and e.subject_id = g.id)
)
insert into ledger_entries (org_id, code, type, subject_type, subject_id, payload, openings)
select org_id,
  upper(encode(substring(code_bytes from 1 for 6) || substring(code_bytes from 11 for 2), 'hex')),
  'donation.received', 'gift', id,
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
order by org_id, id;
