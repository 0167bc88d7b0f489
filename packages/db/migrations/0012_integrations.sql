CREATE TABLE "workflow_run" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"workflow_id" text NOT NULL,
	"status" "run_status" DEFAULT 'QUEUED' NOT NULL,
	"input_json" jsonb NOT NULL,
	"output_json" jsonb,
	"error" text,
	"created_by" text,
	"started_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "workflow_run" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "workflow_step" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"workflow_run_id" text NOT NULL,
	"step_id" text NOT NULL,
	"agent_slug" text NOT NULL,
	"status" "run_status" DEFAULT 'QUEUED' NOT NULL,
	"input_text" text,
	"output_text" text,
	"run_id" text,
	"error" text,
	"started_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "workflow_step" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "mcp_server" ADD COLUMN "description" text;--> statement-breakpoint
ALTER TABLE "mcp_server" ADD COLUMN "allow_private_network" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "mcp_server" ADD COLUMN "timeout_ms" integer DEFAULT 30000 NOT NULL;--> statement-breakpoint
ALTER TABLE "mcp_server" ADD COLUMN "status" text;--> statement-breakpoint
ALTER TABLE "mcp_server" ADD COLUMN "last_error" text;--> statement-breakpoint
ALTER TABLE "mcp_server" ADD COLUMN "last_checked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "mcp_server" ADD COLUMN "tool_count" integer;--> statement-breakpoint
ALTER TABLE "mcp_server" ADD COLUMN "created_by" text;--> statement-breakpoint
ALTER TABLE "workflow_run" ADD CONSTRAINT "workflow_run_tenant_id_organization_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflow_step" ADD CONSTRAINT "workflow_step_tenant_id_organization_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflow_step" ADD CONSTRAINT "workflow_step_workflow_run_id_workflow_run_id_fk" FOREIGN KEY ("workflow_run_id") REFERENCES "public"."workflow_run"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflow_step" ADD CONSTRAINT "workflow_step_run_id_agent_run_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."agent_run"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "workflow_run_tenant_id_workflow_id_created_at_index" ON "workflow_run" USING btree ("tenant_id","workflow_id","created_at");--> statement-breakpoint
CREATE INDEX "workflow_run_tenant_id_created_at_index" ON "workflow_run" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "workflow_run_created_at_index" ON "workflow_run" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "workflow_step_workflow_run_id_step_id_index" ON "workflow_step" USING btree ("workflow_run_id","step_id");--> statement-breakpoint
CREATE INDEX "workflow_step_run_id_index" ON "workflow_step" USING btree ("run_id");--> statement-breakpoint
CREATE INDEX "workflow_step_tenant_id_created_at_index" ON "workflow_step" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "workflow_step_created_at_index" ON "workflow_step" USING btree ("created_at");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "workflow_run" AS PERMISSIVE FOR ALL TO public USING (tenant_id = current_setting('trellis.tenant_id', true) OR current_setting('trellis.scope', true) = 'system');--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "workflow_step" AS PERMISSIVE FOR ALL TO public USING (tenant_id = current_setting('trellis.tenant_id', true) OR current_setting('trellis.scope', true) = 'system');--> statement-breakpoint
ALTER TABLE "workflow_run" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "workflow_step" FORCE ROW LEVEL SECURITY;
