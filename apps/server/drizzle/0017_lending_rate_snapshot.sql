ALTER TABLE "lending_loan_devices" ADD COLUMN "billing_unit" text NOT NULL;--> statement-breakpoint
ALTER TABLE "lending_loan_devices" ADD COLUMN "rate_fen" integer NOT NULL;--> statement-breakpoint
ALTER TABLE "lending_loan_devices" ADD COLUMN "minimum_fen" integer NOT NULL;