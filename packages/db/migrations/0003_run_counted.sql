ALTER TABLE "agent_run" ADD COLUMN "counted_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "agent_run_uncounted_index" ON "agent_run" USING btree ("tenant_id","created_at") WHERE ("agent_run"."counted_at" is null or "agent_run"."agent_id" is null) and "agent_run"."status" in ('COMPLETED', 'FAILED', 'CANCELLED');--> statement-breakpoint
UPDATE "agent_run" SET "counted_at" = "cost_event"."created_at" FROM "cost_event" WHERE "cost_event"."run_id" = "agent_run"."id" AND "agent_run"."agent_id" IS NOT NULL;
