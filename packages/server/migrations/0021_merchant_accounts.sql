ALTER TABLE "payment_settings" ADD COLUMN "wechat_pay" jsonb;--> statement-breakpoint
ALTER TABLE "payment_settings" ADD COLUMN "alipay" jsonb;