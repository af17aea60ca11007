ALTER TABLE "notifications" ADD COLUMN "wechat_delivery" text;--> statement-breakpoint
CREATE INDEX "notifications_msg_id_idx" ON "notifications" USING btree ("wechat_msg_id");