CREATE TABLE "staff_wechat_bindings" (
	"account_id" uuid PRIMARY KEY NOT NULL,
	"openid" text NOT NULL,
	"app_id" text DEFAULT '' NOT NULL,
	"bound_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "equipment_categories" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"parent_id" uuid,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "equipment_categories_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "equipment_device_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"device_id" uuid NOT NULL,
	"type" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_account_id" uuid,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "equipment_devices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"asset_no" text NOT NULL,
	"name" text NOT NULL,
	"category_id" uuid NOT NULL,
	"brand" text,
	"model" text,
	"serial_no" text,
	"department_id" uuid,
	"location" text,
	"purchase_date" date,
	"warranty_end" date,
	"supplier" text,
	"purchase_price_fen" integer,
	"status" text DEFAULT 'in_use' NOT NULL,
	"in_service_from" date NOT NULL,
	"retired_at" timestamp with time zone,
	"notes" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "equipment_devices_asset_no_unique" UNIQUE("asset_no"),
	CONSTRAINT "equipment_devices_status" CHECK ("equipment_devices"."status" in ('in_use','idle','retired')),
	CONSTRAINT "equipment_devices_retired" CHECK (("equipment_devices"."status" = 'retired') = ("equipment_devices"."retired_at" is not null)),
	CONSTRAINT "equipment_devices_price" CHECK ("equipment_devices"."purchase_price_fen" is null or "equipment_devices"."purchase_price_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "equipment_labels" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"device_id" uuid NOT NULL,
	"token" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid,
	"revoke_reason" text,
	CONSTRAINT "equipment_labels_token_unique" UNIQUE("token")
);
--> statement-breakpoint
CREATE TABLE "equipment_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"repair_hotline" text,
	"label_title" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "equipment_settings_single_row" CHECK ("equipment_settings"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "ticket_counters" (
	"day" date PRIMARY KEY NOT NULL,
	"last" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ticket_dispatch_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"category_id" uuid,
	"department_id" uuid,
	"group_id" uuid NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ticket_duty_shifts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"group_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	CONSTRAINT "ticket_duty_shifts_order" CHECK ("ticket_duty_shifts"."ends_at" > "ticket_duty_shifts"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "ticket_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"ticket_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor_type" text NOT NULL,
	"actor_account_id" uuid,
	"actor_openid" text,
	"actor_name" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"note" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ticket_fault_types" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"parent_id" uuid,
	"name" text NOT NULL,
	"category_id" uuid,
	"default_urgency" text DEFAULT 'normal' NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ticket_fault_types_urgency" CHECK ("ticket_fault_types"."default_urgency" in ('normal','urgent','critical'))
);
--> statement-breakpoint
CREATE TABLE "ticket_followers" (
	"ticket_id" uuid NOT NULL,
	"openid" text NOT NULL,
	"name" text NOT NULL,
	"joined_at" timestamp with time zone NOT NULL,
	CONSTRAINT "ticket_followers_ticket_id_openid_pk" PRIMARY KEY("ticket_id","openid")
);
--> statement-breakpoint
CREATE TABLE "ticket_group_members" (
	"group_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"is_lead" boolean DEFAULT false NOT NULL,
	CONSTRAINT "ticket_group_members_group_id_account_id_pk" PRIMARY KEY("group_id","account_id")
);
--> statement-breakpoint
CREATE TABLE "ticket_groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ticket_groups_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "ticket_notice_slots" (
	"ticket_id" uuid NOT NULL,
	"recipient_openid" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	CONSTRAINT "ticket_notice_slots_ticket_id_recipient_openid_pk" PRIMARY KEY("ticket_id","recipient_openid")
);
--> statement-breakpoint
CREATE TABLE "ticket_parts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ticket_id" uuid NOT NULL,
	"name" text NOT NULL,
	"quantity" integer NOT NULL,
	"unit_cost_fen" integer NOT NULL,
	"recorded_by" uuid,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "ticket_parts_quantity" CHECK ("ticket_parts"."quantity" > 0 and "ticket_parts"."unit_cost_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "ticket_photos" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ticket_id" uuid,
	"event_id" bigint,
	"uploader_openid" text,
	"uploader_account_id" uuid,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"bytes" "bytea" NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "ticket_photos_type" CHECK ("ticket_photos"."content_type" in ('image/jpeg','image/png','image/webp'))
);
--> statement-breakpoint
CREATE TABLE "ticket_reporters" (
	"openid" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"phone_encrypted" text NOT NULL,
	"phone_hash" text NOT NULL,
	"department_id" uuid,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ticket_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"auto_close_hours" integer DEFAULT 72 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ticket_settings_single_row" CHECK ("ticket_settings"."id" = 1),
	CONSTRAINT "ticket_settings_auto_close" CHECK ("ticket_settings"."auto_close_hours" between 1 and 720)
);
--> statement-breakpoint
CREATE TABLE "ticket_sla_targets" (
	"urgency" text PRIMARY KEY NOT NULL,
	"accept_minutes" integer NOT NULL,
	"resolve_minutes" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ticket_sla_targets_urgency" CHECK ("ticket_sla_targets"."urgency" in ('normal','urgent','critical')),
	CONSTRAINT "ticket_sla_targets_positive" CHECK ("ticket_sla_targets"."accept_minutes" > 0 and "ticket_sla_targets"."resolve_minutes" >= "ticket_sla_targets"."accept_minutes")
);
--> statement-breakpoint
CREATE TABLE "tickets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"no" text NOT NULL,
	"device_id" uuid,
	"department_id" uuid NOT NULL,
	"category_id" uuid,
	"fault_type_id" uuid,
	"description" text,
	"urgency" text NOT NULL,
	"status" text NOT NULL,
	"source" text NOT NULL,
	"reporter_openid" text,
	"reporter_account_id" uuid,
	"reporter_name" text NOT NULL,
	"reporter_phone_encrypted" text,
	"client_key" text,
	"group_id" uuid,
	"assignee_id" uuid,
	"merged_into_id" uuid,
	"resolution" text,
	"rating" integer,
	"rating_comment" text,
	"accept_due_at" timestamp with time zone NOT NULL,
	"resolve_due_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "tickets_no_unique" UNIQUE("no"),
	CONSTRAINT "tickets_status" CHECK ("tickets"."status" in ('submitted','accepted','in_progress','waiting','resolved','closed','rejected','merged')),
	CONSTRAINT "tickets_urgency" CHECK ("tickets"."urgency" in ('normal','urgent','critical')),
	CONSTRAINT "tickets_source" CHECK ("tickets"."source" in ('label','h5','message','admin')),
	CONSTRAINT "tickets_rating" CHECK ("tickets"."rating" is null or "tickets"."rating" between 1 and 5),
	CONSTRAINT "tickets_reporter" CHECK ("tickets"."reporter_openid" is not null or "tickets"."reporter_account_id" is not null)
);
--> statement-breakpoint
ALTER TABLE "staff_wechat_bindings" ADD CONSTRAINT "staff_wechat_bindings_account_id_staff_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."staff_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "equipment_categories" ADD CONSTRAINT "equipment_categories_parent_id_equipment_categories_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."equipment_categories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "equipment_device_events" ADD CONSTRAINT "equipment_device_events_device_id_equipment_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."equipment_devices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "equipment_device_events" ADD CONSTRAINT "equipment_device_events_actor_account_id_staff_accounts_id_fk" FOREIGN KEY ("actor_account_id") REFERENCES "public"."staff_accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "equipment_devices" ADD CONSTRAINT "equipment_devices_category_id_equipment_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."equipment_categories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "equipment_devices" ADD CONSTRAINT "equipment_devices_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "equipment_labels" ADD CONSTRAINT "equipment_labels_device_id_equipment_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."equipment_devices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "equipment_labels" ADD CONSTRAINT "equipment_labels_revoked_by_staff_accounts_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."staff_accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_dispatch_rules" ADD CONSTRAINT "ticket_dispatch_rules_category_id_equipment_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."equipment_categories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_dispatch_rules" ADD CONSTRAINT "ticket_dispatch_rules_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_dispatch_rules" ADD CONSTRAINT "ticket_dispatch_rules_group_id_ticket_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."ticket_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_duty_shifts" ADD CONSTRAINT "ticket_duty_shifts_group_id_ticket_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."ticket_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_duty_shifts" ADD CONSTRAINT "ticket_duty_shifts_account_id_staff_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."staff_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_events" ADD CONSTRAINT "ticket_events_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_events" ADD CONSTRAINT "ticket_events_actor_account_id_staff_accounts_id_fk" FOREIGN KEY ("actor_account_id") REFERENCES "public"."staff_accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_fault_types" ADD CONSTRAINT "ticket_fault_types_parent_id_ticket_fault_types_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."ticket_fault_types"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_fault_types" ADD CONSTRAINT "ticket_fault_types_category_id_equipment_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."equipment_categories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_followers" ADD CONSTRAINT "ticket_followers_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_group_members" ADD CONSTRAINT "ticket_group_members_group_id_ticket_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."ticket_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_group_members" ADD CONSTRAINT "ticket_group_members_account_id_staff_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."staff_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_notice_slots" ADD CONSTRAINT "ticket_notice_slots_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_parts" ADD CONSTRAINT "ticket_parts_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_parts" ADD CONSTRAINT "ticket_parts_recorded_by_staff_accounts_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."staff_accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_photos" ADD CONSTRAINT "ticket_photos_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_reporters" ADD CONSTRAINT "ticket_reporters_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_device_id_equipment_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."equipment_devices"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_category_id_equipment_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."equipment_categories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_fault_type_id_ticket_fault_types_id_fk" FOREIGN KEY ("fault_type_id") REFERENCES "public"."ticket_fault_types"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_reporter_account_id_staff_accounts_id_fk" FOREIGN KEY ("reporter_account_id") REFERENCES "public"."staff_accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_group_id_ticket_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."ticket_groups"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_assignee_id_staff_accounts_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."staff_accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_merged_into_id_tickets_id_fk" FOREIGN KEY ("merged_into_id") REFERENCES "public"."tickets"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "staff_wechat_bindings_openid_idx" ON "staff_wechat_bindings" USING btree ("app_id","openid");--> statement-breakpoint
CREATE INDEX "equipment_categories_parent_idx" ON "equipment_categories" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "equipment_device_events_device_idx" ON "equipment_device_events" USING btree ("device_id","at");--> statement-breakpoint
CREATE INDEX "equipment_devices_category_idx" ON "equipment_devices" USING btree ("category_id");--> statement-breakpoint
CREATE INDEX "equipment_devices_department_idx" ON "equipment_devices" USING btree ("department_id");--> statement-breakpoint
CREATE INDEX "equipment_devices_model_idx" ON "equipment_devices" USING btree ("brand","model");--> statement-breakpoint
CREATE UNIQUE INDEX "equipment_labels_active_idx" ON "equipment_labels" USING btree ("device_id") WHERE "equipment_labels"."revoked_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "ticket_dispatch_rules_match_idx" ON "ticket_dispatch_rules" USING btree (coalesce("category_id", '00000000-0000-0000-0000-000000000000'::uuid),coalesce("department_id", '00000000-0000-0000-0000-000000000000'::uuid));--> statement-breakpoint
CREATE INDEX "ticket_duty_shifts_time_idx" ON "ticket_duty_shifts" USING btree ("group_id","starts_at");--> statement-breakpoint
CREATE INDEX "ticket_events_ticket_idx" ON "ticket_events" USING btree ("ticket_id","id");--> statement-breakpoint
CREATE INDEX "ticket_events_action_idx" ON "ticket_events" USING btree ("action","at");--> statement-breakpoint
CREATE INDEX "ticket_fault_types_parent_idx" ON "ticket_fault_types" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "ticket_followers_openid_idx" ON "ticket_followers" USING btree ("openid");--> statement-breakpoint
CREATE INDEX "ticket_group_members_account_idx" ON "ticket_group_members" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "ticket_parts_ticket_idx" ON "ticket_parts" USING btree ("ticket_id");--> statement-breakpoint
CREATE INDEX "ticket_photos_ticket_idx" ON "ticket_photos" USING btree ("ticket_id");--> statement-breakpoint
CREATE INDEX "ticket_photos_uploader_idx" ON "ticket_photos" USING btree ("uploader_openid","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "tickets_device_open_idx" ON "tickets" USING btree ("device_id") WHERE "tickets"."status" in ('submitted','accepted','in_progress','waiting');--> statement-breakpoint
CREATE UNIQUE INDEX "tickets_client_key_idx" ON "tickets" USING btree (coalesce("reporter_openid", "reporter_account_id"::text),"client_key") WHERE "tickets"."client_key" is not null;--> statement-breakpoint
CREATE INDEX "tickets_status_idx" ON "tickets" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "tickets_group_idx" ON "tickets" USING btree ("group_id","status");--> statement-breakpoint
CREATE INDEX "tickets_assignee_idx" ON "tickets" USING btree ("assignee_id","status");--> statement-breakpoint
CREATE INDEX "tickets_reporter_idx" ON "tickets" USING btree ("reporter_openid");--> statement-breakpoint
CREATE INDEX "tickets_device_idx" ON "tickets" USING btree ("device_id","created_at");--> statement-breakpoint
CREATE INDEX "tickets_created_idx" ON "tickets" USING btree ("created_at");