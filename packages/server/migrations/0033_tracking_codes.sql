-- Tracking codes are made by the database: 8 hex digits of the Unix second (mod 2^32), then 8 of a
-- sequence number times an odd constant (mod 2^32, a bijection). Two codes are equal only if they were
-- made in the same second 2^32 numbers apart, so codes are unique by construction; and codes made
-- together sort together, so the unique index takes each new code near its right edge instead of on
-- a random page (at 10M entries, random codes put a full-page image in the WAL for most inserts after
-- every checkpoint). Codes are public (every log entry carries its own), so they need not be
-- unguessable. Codes already made (64 random bits) are kept; receipts print them.
CREATE SEQUENCE "ledger_code_seq" AS bigint;--> statement-breakpoint
CREATE FUNCTION ledger_tracking_code() RETURNS text LANGUAGE sql VOLATILE AS $$
  SELECT lpad(upper(to_hex(floor(extract(epoch FROM clock_timestamp()))::bigint % 4294967296)), 8, '0')
      || lpad(upper(to_hex(nextval('ledger_code_seq') % 4294967296 * 1540483477 % 4294967296)), 8, '0')
$$;--> statement-breakpoint
ALTER TABLE "ledger_entries" ALTER COLUMN "code" SET DEFAULT ledger_tracking_code();
