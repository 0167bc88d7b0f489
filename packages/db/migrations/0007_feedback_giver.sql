DROP INDEX "agent_feedback_run_id_index";--> statement-breakpoint
ALTER TABLE "agent_feedback" ADD COLUMN "giver" text NOT NULL;--> statement-breakpoint
ALTER TABLE "agent_feedback" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "agent_feedback_run_id_giver_index" ON "agent_feedback" USING btree ("run_id","giver");