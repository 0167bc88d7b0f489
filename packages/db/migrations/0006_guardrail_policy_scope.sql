DROP INDEX "guardrail_policy_agent_id_version_index";--> statement-breakpoint
ALTER TABLE "guardrail_policy" ALTER COLUMN "agent_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "guardrail_event" ADD COLUMN "scan_json" jsonb;--> statement-breakpoint
CREATE INDEX "guardrail_policy_agent_id_index" ON "guardrail_policy" USING btree ("agent_id");--> statement-breakpoint
ALTER TABLE "guardrail_policy" ADD CONSTRAINT "guardrail_policy_tenant_agent_version_unique" UNIQUE NULLS NOT DISTINCT("tenant_id","agent_id","version");