CREATE TABLE "fundraising_partnerships" (
	"host_org_id" uuid NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "fundraising_partnerships_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"partner_org_id" uuid NOT NULL,
	"status" text DEFAULT 'invited' NOT NULL,
	"project_id" bigint NOT NULL,
	"donor_data" text DEFAULT 'totals' NOT NULL,
	"note" text,
	"accepted_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fundraising_partnerships_host_org_id_id_pk" PRIMARY KEY("host_org_id","id")
);
--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "partner_org_id" uuid;--> statement-breakpoint
ALTER TABLE "fundraising_partnerships" ADD CONSTRAINT "fundraising_partnerships_host_org_id_organizations_id_fk" FOREIGN KEY ("host_org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fundraising_partnerships" ADD CONSTRAINT "fundraising_partnerships_partner_org_id_organizations_id_fk" FOREIGN KEY ("partner_org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fundraising_partnerships" ADD CONSTRAINT "fundraising_partnerships_host_org_id_project_id_projects_org_id_id_fk" FOREIGN KEY ("host_org_id","project_id") REFERENCES "public"."projects"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "fundraising_partnerships_pair_key" ON "fundraising_partnerships" USING btree ("host_org_id","partner_org_id") WHERE "fundraising_partnerships"."status" <> 'ended';--> statement-breakpoint
CREATE INDEX "fundraising_partnerships_partner_idx" ON "fundraising_partnerships" USING btree ("partner_org_id");--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_partner_org_id_organizations_id_fk" FOREIGN KEY ("partner_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "campaigns_partner_idx" ON "campaigns" USING btree ("partner_org_id") WHERE "campaigns"."partner_org_id" is not null;