CREATE TABLE "pledge_payments" (
	"org_id" uuid NOT NULL,
	"gift_id" bigint NOT NULL,
	"pledge_id" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pledge_payments_org_id_gift_id_pk" PRIMARY KEY("org_id","gift_id")
);
--> statement-breakpoint
CREATE TABLE "pledges" (
	"org_id" uuid NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "pledges_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"contact_id" bigint NOT NULL,
	"amount" bigint NOT NULL,
	"currency" char(3) NOT NULL,
	"pledged_on" date NOT NULL,
	"due_on" date NOT NULL,
	"campaign" text,
	"fund" text,
	"note" text,
	"cancelled_at" timestamp with time zone,
	"cancel_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pledges_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "pledge_payments" ADD CONSTRAINT "pledge_payments_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pledge_payments" ADD CONSTRAINT "pledge_payments_org_id_gift_id_gifts_org_id_id_fk" FOREIGN KEY ("org_id","gift_id") REFERENCES "public"."gifts"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pledge_payments" ADD CONSTRAINT "pledge_payments_org_id_pledge_id_pledges_org_id_id_fk" FOREIGN KEY ("org_id","pledge_id") REFERENCES "public"."pledges"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pledges" ADD CONSTRAINT "pledges_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pledges" ADD CONSTRAINT "pledges_org_id_contact_id_contacts_org_id_id_fk" FOREIGN KEY ("org_id","contact_id") REFERENCES "public"."contacts"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "pledge_payments_pledge_idx" ON "pledge_payments" USING btree ("org_id","pledge_id");--> statement-breakpoint
CREATE INDEX "pledges_contact_idx" ON "pledges" USING btree ("org_id","contact_id");--> statement-breakpoint
CREATE INDEX "pledges_due_idx" ON "pledges" USING btree ("org_id","due_on");