CREATE TABLE "send_leases" (
	"org_id" uuid NOT NULL,
	"sends" text NOT NULL,
	"send_id" bigint NOT NULL,
	"slot" smallint NOT NULL,
	"holder" uuid NOT NULL,
	"lease_until" timestamp with time zone NOT NULL,
	CONSTRAINT "send_leases_org_id_sends_send_id_slot_pk" PRIMARY KEY("org_id","sends","send_id","slot")
);
--> statement-breakpoint
ALTER TABLE "mailing_recipients" ADD COLUMN "sender_slot" smallint;--> statement-breakpoint
ALTER TABLE "sms_recipients" ADD COLUMN "sender_slot" smallint;--> statement-breakpoint
ALTER TABLE "send_leases" ADD CONSTRAINT "send_leases_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mailings" DROP COLUMN "lease_until";--> statement-breakpoint
ALTER TABLE "sms_sends" DROP COLUMN "lease_until";