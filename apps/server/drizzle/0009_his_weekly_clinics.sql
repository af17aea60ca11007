CREATE TABLE "his_weekly_clinics" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"doctor_code" text NOT NULL,
	"weekday" integer NOT NULL,
	"period" text NOT NULL,
	"clinic_type" text NOT NULL,
	"fee_fen" integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX "his_weekly_clinics_doctor_idx" ON "his_weekly_clinics" USING btree ("doctor_code");