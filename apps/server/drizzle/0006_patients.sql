CREATE TABLE "patient_binding_attempts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"owner_openid" text NOT NULL,
	"id_number_hash" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "patients" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_openid" text NOT NULL,
	"name" text NOT NULL,
	"id_type" text NOT NULL,
	"id_number_encrypted" text NOT NULL,
	"id_number_hash" text NOT NULL,
	"birth_date" date NOT NULL,
	"sex" text NOT NULL,
	"phone_encrypted" text NOT NULL,
	"phone_hash" text NOT NULL,
	"relation" text NOT NULL,
	"guardian_name" text,
	"guardian_id_encrypted" text,
	"is_default" boolean DEFAULT false NOT NULL,
	"card_number" text,
	"his_patient_id" text,
	"consent_version" text NOT NULL,
	"consented_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"unbound_at" timestamp with time zone,
	CONSTRAINT "patients_sex_known" CHECK ("patients"."sex" in ('male','female')),
	CONSTRAINT "patients_id_type_known" CHECK ("patients"."id_type" in ('resident_id','passport','hk_macao_permit','taiwan_permit','foreigner_permit'))
);
--> statement-breakpoint
CREATE TABLE "his_outpatient_records" (
	"his_patient_id" text PRIMARY KEY NOT NULL,
	"card_number" text NOT NULL,
	"name" text NOT NULL,
	"id_number_hash" text,
	"last_visit" date
);
--> statement-breakpoint
CREATE INDEX "patient_binding_owner_idx" ON "patient_binding_attempts" USING btree ("owner_openid","at");--> statement-breakpoint
CREATE INDEX "patient_binding_person_idx" ON "patient_binding_attempts" USING btree ("id_number_hash","at");--> statement-breakpoint
CREATE UNIQUE INDEX "patients_owner_person_idx" ON "patients" USING btree ("owner_openid","id_number_hash") WHERE "patients"."unbound_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "patients_owner_default_idx" ON "patients" USING btree ("owner_openid") WHERE "patients"."is_default" and "patients"."unbound_at" is null;--> statement-breakpoint
CREATE INDEX "patients_owner_idx" ON "patients" USING btree ("owner_openid");--> statement-breakpoint
CREATE INDEX "patients_person_idx" ON "patients" USING btree ("id_number_hash");--> statement-breakpoint
CREATE INDEX "his_outpatient_card_idx" ON "his_outpatient_records" USING btree ("card_number");--> statement-breakpoint
CREATE INDEX "his_outpatient_person_idx" ON "his_outpatient_records" USING btree ("id_number_hash");