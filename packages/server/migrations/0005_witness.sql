CREATE TABLE "witness_identity" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"signer_key" text NOT NULL,
	"verifier_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "witness_identity_single_row" CHECK ("witness_identity"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "witnessed_logs" (
	"origin" text PRIMARY KEY NOT NULL,
	"verifier_key" text NOT NULL,
	"size" numeric(20, 0) NOT NULL,
	"root_hash" text NOT NULL,
	"checkpoint" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
