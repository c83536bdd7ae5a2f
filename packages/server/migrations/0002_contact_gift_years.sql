CREATE TABLE "contact_gift_years" (
	"org_id" uuid NOT NULL,
	"year" smallint NOT NULL,
	"contact_id" bigint NOT NULL,
	CONSTRAINT "contact_gift_years_org_id_year_contact_id_pk" PRIMARY KEY("org_id","year","contact_id")
);
--> statement-breakpoint
ALTER TABLE "contact_gift_years" ADD CONSTRAINT "contact_gift_years_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;