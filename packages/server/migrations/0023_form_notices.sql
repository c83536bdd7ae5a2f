ALTER TABLE "forms" ADD COLUMN "notified_through_id" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "forms" ADD COLUMN "notify_claimed_at" timestamp with time zone;