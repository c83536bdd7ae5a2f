CREATE TABLE "volunteer_opportunities" (
	"org_id" uuid NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "volunteer_opportunities_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"location" text DEFAULT '' NOT NULL,
	"division_code" text,
	"skills" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"form_id" bigint,
	"waitlist" boolean DEFAULT false NOT NULL,
	"reminders" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "volunteer_opportunities_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "volunteer_opportunities_slug_key" UNIQUE("org_id","slug"),
	CONSTRAINT "volunteer_opportunities_form_key" UNIQUE("org_id","form_id")
);
--> statement-breakpoint
CREATE TABLE "volunteer_reminders" (
	"org_id" uuid NOT NULL,
	"signup_id" bigint NOT NULL,
	"channel" text NOT NULL,
	"status" text DEFAULT 'sending' NOT NULL,
	"claimed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"reason" text,
	CONSTRAINT "volunteer_reminders_org_id_signup_id_channel_pk" PRIMARY KEY("org_id","signup_id","channel")
);
--> statement-breakpoint
CREATE TABLE "volunteer_shifts" (
	"org_id" uuid NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "volunteer_shifts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"opportunity_id" bigint NOT NULL,
	"title" text DEFAULT '' NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"capacity" integer,
	"location" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "volunteer_shifts_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "volunteer_shifts_ends_after_start" CHECK ("volunteer_shifts"."ends_at" > "volunteer_shifts"."starts_at"),
	CONSTRAINT "volunteer_shifts_capacity_positive" CHECK ("volunteer_shifts"."capacity" is null or "volunteer_shifts"."capacity" >= 1)
);
--> statement-breakpoint
CREATE TABLE "volunteer_signups" (
	"org_id" uuid NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "volunteer_signups_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"opportunity_id" bigint NOT NULL,
	"shift_id" bigint NOT NULL,
	"contact_id" bigint NOT NULL,
	"response_id" bigint,
	"source" text NOT NULL,
	"status" text NOT NULL,
	"checked_in_at" timestamp with time zone,
	"checked_out_at" timestamp with time zone,
	"minutes" integer,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "volunteer_signups_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "volunteer_signups_minutes_range" CHECK ("volunteer_signups"."minutes" is null or "volunteer_signups"."minutes" between 0 and 1440)
);
--> statement-breakpoint
ALTER TABLE "volunteer_opportunities" ADD CONSTRAINT "volunteer_opportunities_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_opportunities" ADD CONSTRAINT "volunteer_opportunities_org_id_form_id_forms_org_id_id_fk" FOREIGN KEY ("org_id","form_id") REFERENCES "public"."forms"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_reminders" ADD CONSTRAINT "volunteer_reminders_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_reminders" ADD CONSTRAINT "volunteer_reminders_org_id_signup_id_volunteer_signups_org_id_id_fk" FOREIGN KEY ("org_id","signup_id") REFERENCES "public"."volunteer_signups"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_shifts" ADD CONSTRAINT "volunteer_shifts_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_shifts" ADD CONSTRAINT "volunteer_shifts_org_id_opportunity_id_volunteer_opportunities_org_id_id_fk" FOREIGN KEY ("org_id","opportunity_id") REFERENCES "public"."volunteer_opportunities"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_signups" ADD CONSTRAINT "volunteer_signups_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_signups" ADD CONSTRAINT "volunteer_signups_org_id_shift_id_volunteer_shifts_org_id_id_fk" FOREIGN KEY ("org_id","shift_id") REFERENCES "public"."volunteer_shifts"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_signups" ADD CONSTRAINT "volunteer_signups_org_id_opportunity_id_volunteer_opportunities_org_id_id_fk" FOREIGN KEY ("org_id","opportunity_id") REFERENCES "public"."volunteer_opportunities"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_signups" ADD CONSTRAINT "volunteer_signups_org_id_contact_id_contacts_org_id_id_fk" FOREIGN KEY ("org_id","contact_id") REFERENCES "public"."contacts"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "volunteer_reminders_sending_idx" ON "volunteer_reminders" USING btree ("status","claimed_at");--> statement-breakpoint
CREATE INDEX "volunteer_shifts_opportunity_idx" ON "volunteer_shifts" USING btree ("org_id","opportunity_id","starts_at");--> statement-breakpoint
CREATE INDEX "volunteer_shifts_starts_idx" ON "volunteer_shifts" USING btree ("starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "volunteer_signups_live_key" ON "volunteer_signups" USING btree ("org_id","shift_id","contact_id") WHERE "volunteer_signups"."status" <> 'cancelled';--> statement-breakpoint
CREATE INDEX "volunteer_signups_shift_idx" ON "volunteer_signups" USING btree ("org_id","shift_id","status");--> statement-breakpoint
CREATE INDEX "volunteer_signups_opportunity_idx" ON "volunteer_signups" USING btree ("org_id","opportunity_id");--> statement-breakpoint
CREATE INDEX "volunteer_signups_contact_idx" ON "volunteer_signups" USING btree ("org_id","contact_id");