CREATE TABLE "appointment_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"appointment_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor_type" text NOT NULL,
	"actor_id" text,
	"reason" text NOT NULL,
	"note" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "appointments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"patient_id" uuid NOT NULL,
	"person_hash" text NOT NULL,
	"owner_openid" text NOT NULL,
	"schedule_id" uuid NOT NULL,
	"slot_id" uuid NOT NULL,
	"doctor_id" uuid NOT NULL,
	"visit_date" date NOT NULL,
	"seq" integer NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"fee_fen" integer NOT NULL,
	"status" text NOT NULL,
	"hold_expires_at" timestamp with time zone,
	"payment_order_id" uuid,
	"checked_in_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "appointments_status" CHECK ("appointments"."status" in ('held','confirmed','checked_in','expired','cancelled','no_show'))
);
--> statement-breakpoint
CREATE TABLE "booking_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"booking_days" integer DEFAULT 7 NOT NULL,
	"release_time" text DEFAULT '07:00' NOT NULL,
	"hold_minutes" integer DEFAULT 10 NOT NULL,
	"cancel_cutoff_hours" integer DEFAULT 0 NOT NULL,
	"max_per_patient_per_day" integer DEFAULT 2 NOT NULL,
	"max_per_patient_per_week" integer DEFAULT 5 NOT NULL,
	"default_online_ratio_percent" integer DEFAULT 50 NOT NULL,
	"no_show_limit" integer DEFAULT 3 NOT NULL,
	"no_show_window_days" integer DEFAULT 90 NOT NULL,
	"no_show_ban_days" integer DEFAULT 30 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "booking_settings_single_row" CHECK ("booking_settings"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "department_booking_ratios" (
	"department_id" uuid PRIMARY KEY NOT NULL,
	"online_ratio_percent" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "schedule_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"doctor_id" uuid NOT NULL,
	"weekday" integer NOT NULL,
	"period" text NOT NULL,
	"clinic_type" text NOT NULL,
	"fee_fen" integer NOT NULL,
	"slot_count" integer NOT NULL,
	"start_time" text NOT NULL,
	"end_time" text NOT NULL,
	"online_ratio_percent" integer,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "schedule_templates_weekday" CHECK ("schedule_templates"."weekday" between 1 and 7)
);
--> statement-breakpoint
CREATE TABLE "schedules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"doctor_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"template_id" uuid,
	"date" date NOT NULL,
	"period" text NOT NULL,
	"clinic_type" text NOT NULL,
	"fee_fen" integer NOT NULL,
	"online_ratio_percent" integer NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"release_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"stop_reason" text,
	"stopped_at" timestamp with time zone,
	"stopped_by" uuid,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "schedules_status" CHECK ("schedules"."status" in ('open','stopped')),
	CONSTRAINT "schedules_fee" CHECK ("schedules"."fee_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "slots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"schedule_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"pool" text NOT NULL,
	"status" text DEFAULT 'free' NOT NULL,
	"appointment_id" uuid,
	CONSTRAINT "slots_pool" CHECK ("slots"."pool" in ('online','window')),
	CONSTRAINT "slots_status" CHECK ("slots"."status" in ('free','held','booked','blocked')),
	CONSTRAINT "slots_taken_has_appointment" CHECK (("slots"."status" in ('held','booked')) = ("slots"."appointment_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "payment_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"order_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"detail" text NOT NULL,
	"notification_id" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payment_orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"out_trade_no" text NOT NULL,
	"purpose" text NOT NULL,
	"reference_id" uuid NOT NULL,
	"payer_openid" text NOT NULL,
	"payer_name" text,
	"description" text NOT NULL,
	"amount_fen" integer NOT NULL,
	"refunded_fen" integer DEFAULT 0 NOT NULL,
	"status" text NOT NULL,
	"app_id" text NOT NULL,
	"mch_id" text NOT NULL,
	"prepay_id" text,
	"transaction_id" text,
	"expires_at" timestamp with time zone NOT NULL,
	"paid_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "payment_orders_out_trade_no_unique" UNIQUE("out_trade_no"),
	CONSTRAINT "payment_orders_transaction_id_unique" UNIQUE("transaction_id"),
	CONSTRAINT "payment_orders_status" CHECK ("payment_orders"."status" in ('created','paying','paid','partially_refunded','refunded','closed')),
	CONSTRAINT "payment_orders_amount" CHECK ("payment_orders"."amount_fen" > 0),
	CONSTRAINT "payment_orders_refunded" CHECK ("payment_orders"."refunded_fen" >= 0 and "payment_orders"."refunded_fen" <= "payment_orders"."amount_fen")
);
--> statement-breakpoint
CREATE TABLE "payment_reconciliations" (
	"date" date PRIMARY KEY NOT NULL,
	"status" text NOT NULL,
	"report" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payment_refunds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"out_refund_no" text NOT NULL,
	"amount_fen" integer NOT NULL,
	"reason" text NOT NULL,
	"status" text NOT NULL,
	"requested_by" text NOT NULL,
	"wechat_refund_id" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"next_attempt_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"completed_at" timestamp with time zone,
	CONSTRAINT "payment_refunds_out_refund_no_unique" UNIQUE("out_refund_no"),
	CONSTRAINT "payment_refunds_status" CHECK ("payment_refunds"."status" in ('pending','processing','succeeded','abnormal','closed')),
	CONSTRAINT "payment_refunds_amount" CHECK ("payment_refunds"."amount_fen" > 0)
);
--> statement-breakpoint
ALTER TABLE "appointment_events" ADD CONSTRAINT "appointment_events_appointment_id_appointments_id_fk" FOREIGN KEY ("appointment_id") REFERENCES "public"."appointments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_schedule_id_schedules_id_fk" FOREIGN KEY ("schedule_id") REFERENCES "public"."schedules"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_slot_id_slots_id_fk" FOREIGN KEY ("slot_id") REFERENCES "public"."slots"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "department_booking_ratios" ADD CONSTRAINT "department_booking_ratios_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schedule_templates" ADD CONSTRAINT "schedule_templates_doctor_id_doctors_id_fk" FOREIGN KEY ("doctor_id") REFERENCES "public"."doctors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schedules" ADD CONSTRAINT "schedules_doctor_id_doctors_id_fk" FOREIGN KEY ("doctor_id") REFERENCES "public"."doctors"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schedules" ADD CONSTRAINT "schedules_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "slots" ADD CONSTRAINT "slots_schedule_id_schedules_id_fk" FOREIGN KEY ("schedule_id") REFERENCES "public"."schedules"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_events" ADD CONSTRAINT "payment_events_order_id_payment_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."payment_orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_refunds" ADD CONSTRAINT "payment_refunds_order_id_payment_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."payment_orders"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "appointment_events_appointment_idx" ON "appointment_events" USING btree ("appointment_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "appointments_live_slot_idx" ON "appointments" USING btree ("slot_id") WHERE "appointments"."status" in ('held','confirmed','checked_in');--> statement-breakpoint
CREATE UNIQUE INDEX "appointments_live_person_doctor_day_idx" ON "appointments" USING btree ("person_hash","doctor_id","visit_date") WHERE "appointments"."status" in ('held','confirmed','checked_in');--> statement-breakpoint
CREATE INDEX "appointments_owner_idx" ON "appointments" USING btree ("owner_openid","visit_date");--> statement-breakpoint
CREATE INDEX "appointments_person_idx" ON "appointments" USING btree ("person_hash","visit_date");--> statement-breakpoint
CREATE INDEX "appointments_schedule_idx" ON "appointments" USING btree ("schedule_id");--> statement-breakpoint
CREATE INDEX "appointments_held_idx" ON "appointments" USING btree ("hold_expires_at") WHERE "appointments"."status" = 'held';--> statement-breakpoint
CREATE INDEX "appointments_payment_idx" ON "appointments" USING btree ("payment_order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "schedule_templates_doctor_slot_idx" ON "schedule_templates" USING btree ("doctor_id","weekday","period");--> statement-breakpoint
CREATE UNIQUE INDEX "schedules_doctor_date_period_idx" ON "schedules" USING btree ("doctor_id","date","period");--> statement-breakpoint
CREATE INDEX "schedules_date_idx" ON "schedules" USING btree ("date");--> statement-breakpoint
CREATE INDEX "schedules_department_date_idx" ON "schedules" USING btree ("department_id","date");--> statement-breakpoint
CREATE UNIQUE INDEX "slots_schedule_seq_idx" ON "slots" USING btree ("schedule_id","seq");--> statement-breakpoint
CREATE INDEX "slots_free_idx" ON "slots" USING btree ("schedule_id","seq") WHERE "slots"."pool" = 'online' and "slots"."status" = 'free';--> statement-breakpoint
CREATE INDEX "payment_events_order_idx" ON "payment_events" USING btree ("order_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_events_notification_idx" ON "payment_events" USING btree ("notification_id") WHERE "payment_events"."notification_id" is not null;--> statement-breakpoint
CREATE INDEX "payment_orders_reference_idx" ON "payment_orders" USING btree ("purpose","reference_id");--> statement-breakpoint
CREATE INDEX "payment_orders_status_idx" ON "payment_orders" USING btree ("status","updated_at");--> statement-breakpoint
CREATE INDEX "payment_orders_paid_idx" ON "payment_orders" USING btree ("paid_at");--> statement-breakpoint
CREATE INDEX "payment_orders_created_idx" ON "payment_orders" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "payment_refunds_order_idx" ON "payment_refunds" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "payment_refunds_open_idx" ON "payment_refunds" USING btree ("next_attempt_at") WHERE "payment_refunds"."status" in ('pending','processing');--> statement-breakpoint
CREATE INDEX "payment_refunds_created_idx" ON "payment_refunds" USING btree ("created_at");--> statement-breakpoint
INSERT INTO "booking_settings" ("id") VALUES (1) ON CONFLICT DO NOTHING;
