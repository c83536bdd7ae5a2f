CREATE TABLE "monthly_gifts" (
	"org_id" uuid NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "monthly_gifts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"campaign_id" bigint NOT NULL,
	"contact_id" bigint NOT NULL,
	"first_order_id" bigint NOT NULL,
	"provider" text NOT NULL,
	"agreement_id" text NOT NULL,
	"amount" bigint NOT NULL,
	"currency" char(3) NOT NULL,
	"charge_day" integer NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"next_charge_at" timestamp with time zone,
	"period" text NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"last_failure" text,
	"donor" jsonb NOT NULL,
	"notice_due" text,
	"notice_claimed_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"cancelled_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "monthly_gifts_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "donation_orders" ADD COLUMN "monthly_gift_id" bigint;--> statement-breakpoint
ALTER TABLE "donation_orders" ADD COLUMN "period" text;--> statement-breakpoint
ALTER TABLE "monthly_gifts" ADD CONSTRAINT "monthly_gifts_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monthly_gifts" ADD CONSTRAINT "monthly_gifts_org_id_campaign_id_campaigns_org_id_id_fk" FOREIGN KEY ("org_id","campaign_id") REFERENCES "public"."campaigns"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monthly_gifts" ADD CONSTRAINT "monthly_gifts_org_id_contact_id_contacts_org_id_id_fk" FOREIGN KEY ("org_id","contact_id") REFERENCES "public"."contacts"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monthly_gifts" ADD CONSTRAINT "monthly_gifts_org_id_first_order_id_donation_orders_org_id_id_fk" FOREIGN KEY ("org_id","first_order_id") REFERENCES "public"."donation_orders"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "monthly_gifts_first_order_key" ON "monthly_gifts" USING btree ("org_id","first_order_id");--> statement-breakpoint
CREATE INDEX "monthly_gifts_due_idx" ON "monthly_gifts" USING btree ("next_charge_at") WHERE "monthly_gifts"."status" in ('active', 'paused');--> statement-breakpoint
CREATE INDEX "monthly_gifts_notice_idx" ON "monthly_gifts" USING btree ("org_id") WHERE "monthly_gifts"."notice_due" is not null;--> statement-breakpoint
CREATE INDEX "monthly_gifts_contact_idx" ON "monthly_gifts" USING btree ("org_id","contact_id");--> statement-breakpoint
CREATE UNIQUE INDEX "donation_orders_period_key" ON "donation_orders" USING btree ("org_id","monthly_gift_id","period") WHERE "donation_orders"."monthly_gift_id" is not null;