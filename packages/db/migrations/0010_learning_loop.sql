ALTER TYPE "public"."alert_source" ADD VALUE 'LEARNING' BEFORE 'SYSTEM';--> statement-breakpoint
DROP INDEX "learning_signal_run_id_index";--> statement-breakpoint
ALTER TABLE "learning_metric_daily" ADD COLUMN "signals" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "learning_metric_daily" ADD COLUMN "gate_passed" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "learning_metric_daily" ADD COLUMN "gate_failed" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "learning_metric_daily" ADD COLUMN "inconclusive" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "learning_metric_daily" ADD COLUMN "signal_to_promotion_minutes" double precision;--> statement-breakpoint
ALTER TABLE "learning_proposal" ADD COLUMN "proposed_by" text DEFAULT 'demo (offline)' NOT NULL;--> statement-breakpoint
ALTER TABLE "learning_proposal" ADD COLUMN "gate" jsonb;--> statement-breakpoint
ALTER TABLE "learning_proposal" ADD COLUMN "promoted_version_id" text;--> statement-breakpoint
ALTER TABLE "learning_proposal" ADD COLUMN "promoted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "learning_proposal" ADD CONSTRAINT "learning_proposal_promoted_version_id_agent_version_id_fk" FOREIGN KEY ("promoted_version_id") REFERENCES "public"."agent_version"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "learning_proposal_promoted_version_id_index" ON "learning_proposal" USING btree ("promoted_version_id");--> statement-breakpoint
CREATE UNIQUE INDEX "learning_session_one_open_per_agent" ON "learning_session" USING btree ("agent_id") WHERE "learning_session"."status" in ('PENDING', 'ANALYZING', 'PROPOSING', 'EXPERIMENTING', 'AWAITING_APPROVAL');--> statement-breakpoint
CREATE UNIQUE INDEX "learning_signal_run_id_type_index" ON "learning_signal" USING btree ("run_id","type");