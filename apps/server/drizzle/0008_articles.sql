CREATE TABLE "articles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"summary" text,
	"cover_url" text,
	"body" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"published_at" timestamp with time zone,
	"pushed_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "articles_kind_known" CHECK ("articles"."kind" in ('article','announcement')),
	CONSTRAINT "articles_status_known" CHECK ("articles"."status" in ('draft','published'))
);
--> statement-breakpoint
CREATE INDEX "articles_published_idx" ON "articles" USING btree ("kind","published_at");