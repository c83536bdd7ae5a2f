ALTER TABLE "donation_orders" ADD COLUMN "agreement_id" text;--> statement-breakpoint
ALTER TABLE "monthly_gifts" ADD COLUMN "debit_notice" jsonb;--> statement-breakpoint
CREATE INDEX "monthly_gifts_agreement_idx" ON "monthly_gifts" USING btree ("org_id","provider","agreement_id");