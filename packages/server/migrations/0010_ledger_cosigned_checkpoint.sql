DROP INDEX "ledger_entries_leaf_key";--> statement-breakpoint
ALTER TABLE "ledger_log" ADD COLUMN "cosigned_checkpoint" text;--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_entries_leaf_key" ON "ledger_entries" USING btree ("leaf_index") WHERE "ledger_entries"."leaf_index" is not null;