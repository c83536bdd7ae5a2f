CREATE TABLE "matches" (
	"org_id" uuid NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "matches_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"matching_fund_id" bigint NOT NULL,
	"gift_id" bigint NOT NULL,
	"contact_id" bigint NOT NULL,
	"allocation_id" bigint NOT NULL,
	"amount" bigint NOT NULL,
	"day" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "matches_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "matching_funds" (
	"org_id" uuid NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "matching_funds_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"campaign_id" bigint NOT NULL,
	"sponsor_name" text NOT NULL,
	"gift_id" bigint NOT NULL,
	"ratio_numerator" integer NOT NULL,
	"ratio_denominator" integer NOT NULL,
	"cap" bigint NOT NULL,
	"per_donor_cap" bigint,
	"per_day_cap" bigint,
	"starts_at" timestamp with time zone,
	"ends_at" timestamp with time zone,
	"matched" bigint DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "matching_funds_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "matches" ADD CONSTRAINT "matches_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matches" ADD CONSTRAINT "matches_org_id_matching_fund_id_matching_funds_org_id_id_fk" FOREIGN KEY ("org_id","matching_fund_id") REFERENCES "public"."matching_funds"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matches" ADD CONSTRAINT "matches_org_id_gift_id_gifts_org_id_id_fk" FOREIGN KEY ("org_id","gift_id") REFERENCES "public"."gifts"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matches" ADD CONSTRAINT "matches_org_id_allocation_id_allocations_org_id_id_fk" FOREIGN KEY ("org_id","allocation_id") REFERENCES "public"."allocations"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matching_funds" ADD CONSTRAINT "matching_funds_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matching_funds" ADD CONSTRAINT "matching_funds_org_id_campaign_id_campaigns_org_id_id_fk" FOREIGN KEY ("org_id","campaign_id") REFERENCES "public"."campaigns"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matching_funds" ADD CONSTRAINT "matching_funds_org_id_gift_id_gifts_org_id_id_fk" FOREIGN KEY ("org_id","gift_id") REFERENCES "public"."gifts"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "matches_gift_key" ON "matches" USING btree ("org_id","matching_fund_id","gift_id");--> statement-breakpoint
CREATE INDEX "matches_donor_idx" ON "matches" USING btree ("org_id","matching_fund_id","contact_id");--> statement-breakpoint
CREATE INDEX "matches_day_idx" ON "matches" USING btree ("org_id","matching_fund_id","day");--> statement-breakpoint
CREATE INDEX "matches_of_gift_idx" ON "matches" USING btree ("org_id","gift_id");--> statement-breakpoint
CREATE INDEX "matching_funds_campaign_idx" ON "matching_funds" USING btree ("org_id","campaign_id");