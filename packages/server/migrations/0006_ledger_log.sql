CREATE TABLE "ledger_log" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"origin" text NOT NULL,
	"signer_key" text NOT NULL,
	"verifier_key" text NOT NULL,
	"assigned_size" bigint DEFAULT 0 NOT NULL,
	"durable_size" bigint DEFAULT 0 NOT NULL,
	"checkpoint" text,
	"root_hash" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ledger_log_single_row" CHECK ("ledger_log"."id" = 1),
	CONSTRAINT "ledger_log_sizes" CHECK (0 <= "ledger_log"."durable_size" and "ledger_log"."durable_size" <= "ledger_log"."assigned_size")
);
