DROP INDEX "contacts_name_idx";--> statement-breakpoint
DROP INDEX "contacts_initials_idx";--> statement-breakpoint
CREATE INDEX "contacts_name_idx" ON "contacts" USING btree ("org_id","name" text_pattern_ops,"name_pinyin" text_pattern_ops,"id") WHERE "contacts"."merged_into_id" is null and "contacts"."erased_at" is null;--> statement-breakpoint
CREATE INDEX "contacts_initials_idx" ON "contacts" USING btree ("org_id","name_initials" text_pattern_ops,"name_pinyin" text_pattern_ops,"id") WHERE "contacts"."merged_into_id" is null and "contacts"."erased_at" is null;