-- Numbering no longer rewrites the outbox row: a leaf is a narrow insert into ledger_leaves, and the
-- integrator's queue is ledger_pending, filled by a statement trigger in every inserting transaction.
CREATE TABLE "ledger_leaves" (
	"leaf_index" bigint PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"entry_id" bigint NOT NULL,
	"body" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ledger_pending" (
	"id" bigint NOT NULL,
	"org_id" uuid NOT NULL,
	CONSTRAINT "ledger_pending_id_org_id_pk" PRIMARY KEY("id","org_id")
);
--> statement-breakpoint
INSERT INTO "ledger_leaves" ("leaf_index", "org_id", "entry_id", "body")
  SELECT "leaf_index", "org_id", "id", "body" FROM "ledger_entries" WHERE "leaf_index" IS NOT NULL;
--> statement-breakpoint
INSERT INTO "ledger_pending" ("id", "org_id")
  SELECT "id", "org_id" FROM "ledger_entries" WHERE "leaf_index" IS NULL;
--> statement-breakpoint
DROP INDEX "ledger_entries_leaf_key";--> statement-breakpoint
DROP INDEX "ledger_entries_pending_idx";--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_leaves_entry_key" ON "ledger_leaves" USING btree ("org_id","entry_id");--> statement-breakpoint
ALTER TABLE "ledger_entries" DROP COLUMN "leaf_index";--> statement-breakpoint
ALTER TABLE "ledger_entries" DROP COLUMN "body";--> statement-breakpoint
-- One set-based insert per statement (transition table), so a bulk insert of a million outbox rows
-- queues them in one step, and the queue commits or rolls back with the rows.
CREATE FUNCTION ledger_pending_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO ledger_pending (id, org_id) SELECT id, org_id FROM new_entries;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER ledger_entries_queue AFTER INSERT ON ledger_entries
  REFERENCING NEW TABLE AS new_entries FOR EACH STATEMENT EXECUTE FUNCTION ledger_pending_add();
