CREATE TABLE "ledger_entries" (
	"org_id" uuid NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "ledger_entries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"type" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" bigint NOT NULL,
	"payload" jsonb NOT NULL,
	"openings" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"leaf_index" bigint,
	"body" text,
	CONSTRAINT "ledger_entries_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_entries_code_key" ON "ledger_entries" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_entries_leaf_key" ON "ledger_entries" USING btree ("leaf_index");--> statement-breakpoint
CREATE INDEX "ledger_entries_subject_idx" ON "ledger_entries" USING btree ("org_id","subject_type","subject_id");--> statement-breakpoint
CREATE INDEX "ledger_entries_pending_idx" ON "ledger_entries" USING btree ("id") WHERE "ledger_entries"."leaf_index" is null;