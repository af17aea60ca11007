CREATE TABLE "wechat_auto_replies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"match_type" text NOT NULL,
	"keyword" text NOT NULL,
	"reply" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"priority" integer DEFAULT 100 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "wechat_sessions" (
	"id_hash" text PRIMARY KEY NOT NULL,
	"openid" text NOT NULL,
	"csrf_token" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "wechat_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"welcome_reply" text NOT NULL,
	"default_reply" text,
	"menu_draft" jsonb,
	"menu_published" jsonb,
	"menu_published_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "wechat_users" (
	"openid" text PRIMARY KEY NOT NULL,
	"unionid" text,
	"subscribed" boolean DEFAULT false NOT NULL,
	"subscribed_at" timestamp with time zone,
	"unsubscribed_at" timestamp with time zone,
	"subscribe_scene" text,
	"latitude" double precision,
	"longitude" double precision,
	"located_at" timestamp with time zone,
	"first_seen_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "wechat_sessions_openid_idx" ON "wechat_sessions" USING btree ("openid");--> statement-breakpoint
CREATE INDEX "wechat_users_subscribed_idx" ON "wechat_users" USING btree ("subscribed");