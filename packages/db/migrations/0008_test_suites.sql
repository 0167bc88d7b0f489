CREATE TABLE "agent_test_suite_run" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"agent_id" text NOT NULL,
	"version_id" text,
	"version" integer NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"status" text DEFAULT 'QUEUED' NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"done" integer DEFAULT 0 NOT NULL,
	"passed" integer DEFAULT 0 NOT NULL,
	"failed" integer DEFAULT 0 NOT NULL,
	"error" text,
	"created_by" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "agent_test_suite_run" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "agent_test_case" ADD COLUMN "match_mode" text DEFAULT 'contains' NOT NULL;--> statement-breakpoint
ALTER TABLE "agent_test_case" ADD COLUMN "match_config" jsonb;--> statement-breakpoint
ALTER TABLE "agent_test_case" ADD COLUMN "pinned" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "agent_test_case" ADD COLUMN "source_run_id" text;--> statement-breakpoint
ALTER TABLE "agent_test_run" ADD COLUMN "suite_run_id" text;--> statement-breakpoint
ALTER TABLE "agent_test_suite_run" ADD CONSTRAINT "agent_test_suite_run_tenant_id_organization_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_test_suite_run" ADD CONSTRAINT "agent_test_suite_run_agent_id_agent_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agent"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_test_suite_run" ADD CONSTRAINT "agent_test_suite_run_version_id_agent_version_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."agent_version"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agent_test_suite_run_agent_id_created_at_index" ON "agent_test_suite_run" USING btree ("agent_id","created_at");--> statement-breakpoint
CREATE INDEX "agent_test_suite_run_tenant_id_created_at_index" ON "agent_test_suite_run" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "agent_test_suite_run_created_at_index" ON "agent_test_suite_run" USING btree ("created_at");--> statement-breakpoint
ALTER TABLE "agent_test_case" ADD CONSTRAINT "agent_test_case_source_run_id_agent_run_id_fk" FOREIGN KEY ("source_run_id") REFERENCES "public"."agent_run"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_test_run" ADD CONSTRAINT "agent_test_run_suite_run_id_agent_test_suite_run_id_fk" FOREIGN KEY ("suite_run_id") REFERENCES "public"."agent_test_suite_run"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "agent_test_run_suite_run_id_test_case_id_index" ON "agent_test_run" USING btree ("suite_run_id","test_case_id");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "agent_test_suite_run" AS PERMISSIVE FOR ALL TO public USING (tenant_id = current_setting('trellis.tenant_id', true) OR current_setting('trellis.scope', true) = 'system');--> statement-breakpoint
ALTER TABLE "agent_test_suite_run" FORCE ROW LEVEL SECURITY;
