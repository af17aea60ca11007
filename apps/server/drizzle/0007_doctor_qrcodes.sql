CREATE TABLE "doctor_qrcodes" (
	"doctor_id" uuid PRIMARY KEY NOT NULL,
	"ticket" text NOT NULL,
	"url" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "doctor_qr_scans" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"doctor_id" uuid NOT NULL,
	"openid" text NOT NULL,
	"new_follower" boolean NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "doctor_qrcodes" ADD CONSTRAINT "doctor_qrcodes_doctor_id_doctors_id_fk" FOREIGN KEY ("doctor_id") REFERENCES "public"."doctors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "doctor_qr_scans_doctor_idx" ON "doctor_qr_scans" USING btree ("doctor_id","at");