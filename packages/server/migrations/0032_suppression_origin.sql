ALTER TABLE "email_suppressions" ADD COLUMN "origin" text DEFAULT 'staff' NOT NULL;--> statement-breakpoint
-- Suppressions made before this column: the automatic paths' notes say where they came from.
UPDATE "email_suppressions" SET "origin" = CASE
  WHEN "reason" = 'bounce' AND "note" LIKE 'bounce notice %' THEN 'bounce-notice'
  WHEN "reason" = 'bounce' AND "note" LIKE 'rejected: %' THEN 'send'
  WHEN "reason" = 'complaint' AND "note" LIKE 'complaint report (%' THEN 'complaint-report'
  ELSE 'staff' END;
