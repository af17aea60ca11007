CREATE TABLE "lending_announcements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"pinned" boolean DEFAULT false NOT NULL,
	"published_at" timestamp with time zone,
	"author_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lending_applicants" (
	"account_id" uuid PRIMARY KEY NOT NULL,
	"department_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lending_category_settings" (
	"category_id" uuid PRIMARY KEY NOT NULL,
	"life_support" boolean DEFAULT false NOT NULL,
	"billing_unit" text DEFAULT 'hour' NOT NULL,
	"rate_fen" integer DEFAULT 0 NOT NULL,
	"minimum_fen" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "lending_category_unit" CHECK ("lending_category_settings"."billing_unit" in ('hour','day')),
	CONSTRAINT "lending_category_money" CHECK ("lending_category_settings"."rate_fen" >= 0 and "lending_category_settings"."minimum_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "lending_counters" (
	"day" date PRIMARY KEY NOT NULL,
	"last" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lending_devices" (
	"device_id" uuid PRIMARY KEY NOT NULL,
	"condition" text DEFAULT 'ok' NOT NULL,
	"hygiene" text DEFAULT 'clean' NOT NULL,
	"pm_due_on" date,
	"calibration_due_on" date,
	"recall_hold" boolean DEFAULT false NOT NULL,
	"recall_note" text,
	"joined_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "lending_devices_condition" CHECK ("lending_devices"."condition" in ('ok','faulty','under_repair','scrapped')),
	CONSTRAINT "lending_devices_hygiene" CHECK ("lending_devices"."hygiene" in ('clean','awaiting_disinfection'))
);
--> statement-breakpoint
CREATE TABLE "lending_loan_devices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"loan_id" uuid NOT NULL,
	"device_id" uuid NOT NULL,
	"handed_over_at" timestamp with time zone NOT NULL,
	"handed_over_by" uuid,
	"returned_at" timestamp with time zone,
	"returned_by" uuid,
	"return_condition" text,
	"return_note" text,
	"ticket_id" uuid,
	"disinfected_at" timestamp with time zone,
	"disinfected_by" uuid,
	"override_id" uuid,
	CONSTRAINT "lending_loan_devices_condition" CHECK ("lending_loan_devices"."return_condition" is null or "lending_loan_devices"."return_condition" in ('ok','damaged')),
	CONSTRAINT "lending_loan_devices_order" CHECK (("lending_loan_devices"."returned_at" is null or "lending_loan_devices"."returned_at" >= "lending_loan_devices"."handed_over_at") and ("lending_loan_devices"."disinfected_at" is null or "lending_loan_devices"."returned_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "lending_loan_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"loan_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor_type" text NOT NULL,
	"actor_account_id" uuid,
	"actor_name" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"note" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "lending_loan_events_actor" CHECK ("lending_loan_events"."actor_type" in ('staff','system'))
);
--> statement-breakpoint
CREATE TABLE "lending_loans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"no" text NOT NULL,
	"department_id" uuid NOT NULL,
	"applicant_id" uuid NOT NULL,
	"category_id" uuid NOT NULL,
	"device_id" uuid,
	"quantity" integer NOT NULL,
	"expected_hours" integer NOT NULL,
	"purpose" text NOT NULL,
	"urgency" text NOT NULL,
	"status" text NOT NULL,
	"emergency" boolean DEFAULT false NOT NULL,
	"confirm_due_at" timestamp with time zone,
	"confirmed_at" timestamp with time zone,
	"confirmed_by" uuid,
	"confirm_reminded_at" timestamp with time zone,
	"confirm_escalated_at" timestamp with time zone,
	"available_at_request" integer NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by" uuid,
	"reject_reason" text,
	"due_at" timestamp with time zone,
	"overdue_reminded_on" date,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "lending_loans_no_unique" UNIQUE("no"),
	CONSTRAINT "lending_loans_status" CHECK ("lending_loans"."status" in ('requested','approved','handed_over','return_requested','returned','disinfected','rejected','cancelled')),
	CONSTRAINT "lending_loans_urgency" CHECK ("lending_loans"."urgency" in ('normal','urgent')),
	CONSTRAINT "lending_loans_quantity" CHECK ("lending_loans"."quantity" between 1 and 20),
	CONSTRAINT "lending_loans_hours" CHECK ("lending_loans"."expected_hours" between 1 and 2160),
	CONSTRAINT "lending_loans_device_one" CHECK ("lending_loans"."device_id" is null or "lending_loans"."quantity" = 1)
);
--> statement-breakpoint
CREATE TABLE "lending_overrides" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"loan_id" uuid NOT NULL,
	"device_id" uuid NOT NULL,
	"blockers" jsonb NOT NULL,
	"reason" text NOT NULL,
	"requested_by" uuid NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"granted_by" uuid,
	"granted_at" timestamp with time zone,
	"used_at" timestamp with time zone,
	CONSTRAINT "lending_overrides_two_managers" CHECK ("lending_overrides"."granted_by" is null or "lending_overrides"."granted_by" <> "lending_overrides"."requested_by")
);
--> statement-breakpoint
CREATE TABLE "lending_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"emergency_confirm_hours" integer DEFAULT 24 NOT NULL,
	"fleet_wait_target_pct" integer DEFAULT 5 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lending_settings_single_row" CHECK ("lending_settings"."id" = 1),
	CONSTRAINT "lending_settings_hours" CHECK ("lending_settings"."emergency_confirm_hours" between 1 and 168),
	CONSTRAINT "lending_settings_target" CHECK ("lending_settings"."fleet_wait_target_pct" between 1 and 50)
);
--> statement-breakpoint
ALTER TABLE "lending_announcements" ADD CONSTRAINT "lending_announcements_author_id_staff_accounts_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."staff_accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lending_applicants" ADD CONSTRAINT "lending_applicants_account_id_staff_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."staff_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lending_applicants" ADD CONSTRAINT "lending_applicants_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lending_category_settings" ADD CONSTRAINT "lending_category_settings_category_id_equipment_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."equipment_categories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lending_devices" ADD CONSTRAINT "lending_devices_device_id_equipment_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."equipment_devices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lending_loan_devices" ADD CONSTRAINT "lending_loan_devices_loan_id_lending_loans_id_fk" FOREIGN KEY ("loan_id") REFERENCES "public"."lending_loans"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lending_loan_devices" ADD CONSTRAINT "lending_loan_devices_device_id_equipment_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."equipment_devices"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lending_loan_devices" ADD CONSTRAINT "lending_loan_devices_handed_over_by_staff_accounts_id_fk" FOREIGN KEY ("handed_over_by") REFERENCES "public"."staff_accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lending_loan_devices" ADD CONSTRAINT "lending_loan_devices_returned_by_staff_accounts_id_fk" FOREIGN KEY ("returned_by") REFERENCES "public"."staff_accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lending_loan_devices" ADD CONSTRAINT "lending_loan_devices_disinfected_by_staff_accounts_id_fk" FOREIGN KEY ("disinfected_by") REFERENCES "public"."staff_accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lending_loan_events" ADD CONSTRAINT "lending_loan_events_loan_id_lending_loans_id_fk" FOREIGN KEY ("loan_id") REFERENCES "public"."lending_loans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lending_loan_events" ADD CONSTRAINT "lending_loan_events_actor_account_id_staff_accounts_id_fk" FOREIGN KEY ("actor_account_id") REFERENCES "public"."staff_accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lending_loans" ADD CONSTRAINT "lending_loans_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lending_loans" ADD CONSTRAINT "lending_loans_applicant_id_staff_accounts_id_fk" FOREIGN KEY ("applicant_id") REFERENCES "public"."staff_accounts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lending_loans" ADD CONSTRAINT "lending_loans_category_id_equipment_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."equipment_categories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lending_loans" ADD CONSTRAINT "lending_loans_device_id_equipment_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."equipment_devices"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lending_loans" ADD CONSTRAINT "lending_loans_confirmed_by_staff_accounts_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."staff_accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lending_loans" ADD CONSTRAINT "lending_loans_decided_by_staff_accounts_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."staff_accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lending_overrides" ADD CONSTRAINT "lending_overrides_loan_id_lending_loans_id_fk" FOREIGN KEY ("loan_id") REFERENCES "public"."lending_loans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lending_overrides" ADD CONSTRAINT "lending_overrides_device_id_equipment_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."equipment_devices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lending_overrides" ADD CONSTRAINT "lending_overrides_requested_by_staff_accounts_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."staff_accounts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lending_overrides" ADD CONSTRAINT "lending_overrides_granted_by_staff_accounts_id_fk" FOREIGN KEY ("granted_by") REFERENCES "public"."staff_accounts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "lending_announcements_published_idx" ON "lending_announcements" USING btree ("published_at");--> statement-breakpoint
CREATE INDEX "lending_applicants_department_idx" ON "lending_applicants" USING btree ("department_id");--> statement-breakpoint
CREATE UNIQUE INDEX "lending_loan_devices_open_idx" ON "lending_loan_devices" USING btree ("device_id") WHERE "lending_loan_devices"."returned_at" is null;--> statement-breakpoint
CREATE INDEX "lending_loan_devices_loan_idx" ON "lending_loan_devices" USING btree ("loan_id");--> statement-breakpoint
CREATE INDEX "lending_loan_devices_device_idx" ON "lending_loan_devices" USING btree ("device_id","handed_over_at");--> statement-breakpoint
CREATE INDEX "lending_loan_events_loan_idx" ON "lending_loan_events" USING btree ("loan_id","at");--> statement-breakpoint
CREATE INDEX "lending_loan_events_at_idx" ON "lending_loan_events" USING btree ("at");--> statement-breakpoint
CREATE INDEX "lending_loans_department_idx" ON "lending_loans" USING btree ("department_id","created_at");--> statement-breakpoint
CREATE INDEX "lending_loans_status_idx" ON "lending_loans" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "lending_loans_category_idx" ON "lending_loans" USING btree ("category_id","created_at");--> statement-breakpoint
CREATE INDEX "lending_overrides_loan_idx" ON "lending_overrides" USING btree ("loan_id","device_id");