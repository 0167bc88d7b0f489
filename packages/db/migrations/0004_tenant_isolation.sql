ALTER TABLE "agent" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "agent_tool" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "agent_version" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "agent_alert" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "alert_destination" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "audit_log" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "agent_feedback_aggregate_daily" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "agent_metric_daily" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "agent_model_metric_daily" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "agent_quality_metric_daily" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "agent_stats_daily" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "agent_tool_metric_daily" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "agent_version_stats" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "evaluation_theme" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "insight" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "agent_conversation" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "channel_credentials" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "channel_session" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "voice_agent_trace" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "voice_call_log" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "agent_cost_daily" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "agent_model_cost_daily" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "budget_policy" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "budget_reservation" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "cost_event" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "cost_recommendation" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "model_price_override" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "agent_evaluation" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "agent_feedback" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "agent_test_case" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "agent_test_run" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "goal" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "goal_step" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "guardrail_event" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "guardrail_policy" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "learning_approval" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "learning_experiment" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "learning_metric_daily" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "learning_policy" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "learning_proposal" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "learning_session" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "learning_signal" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "memory_message" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "memory_resource" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "memory_thread" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "agent_run" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "agent_tool_call" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "agent_trace" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "agent_trace_step" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "mcp_server" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "trip_note" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "agent" AS PERMISSIVE FOR ALL TO public USING (tenant_id = current_setting('trellis.tenant_id', true) OR current_setting('trellis.scope', true) = 'system');--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "agent_tool" AS PERMISSIVE FOR ALL TO public USING (tenant_id = current_setting('trellis.tenant_id', true) OR current_setting('trellis.scope', true) = 'system');--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "agent_version" AS PERMISSIVE FOR ALL TO public USING (tenant_id = current_setting('trellis.tenant_id', true) OR current_setting('trellis.scope', true) = 'system');--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "agent_alert" AS PERMISSIVE FOR ALL TO public USING (tenant_id = current_setting('trellis.tenant_id', true) OR current_setting('trellis.scope', true) = 'system');--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "alert_destination" AS PERMISSIVE FOR ALL TO public USING (tenant_id = current_setting('trellis.tenant_id', true) OR current_setting('trellis.scope', true) = 'system');--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "audit_log" AS PERMISSIVE FOR ALL TO public USING (tenant_id = current_setting('trellis.tenant_id', true) OR current_setting('trellis.scope', true) = 'system');--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "agent_feedback_aggregate_daily" AS PERMISSIVE FOR ALL TO public USING (tenant_id = current_setting('trellis.tenant_id', true) OR current_setting('trellis.scope', true) = 'system');--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "agent_metric_daily" AS PERMISSIVE FOR ALL TO public USING (tenant_id = current_setting('trellis.tenant_id', true) OR current_setting('trellis.scope', true) = 'system');--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "agent_model_metric_daily" AS PERMISSIVE FOR ALL TO public USING (tenant_id = current_setting('trellis.tenant_id', true) OR current_setting('trellis.scope', true) = 'system');--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "agent_quality_metric_daily" AS PERMISSIVE FOR ALL TO public USING (tenant_id = current_setting('trellis.tenant_id', true) OR current_setting('trellis.scope', true) = 'system');--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "agent_stats_daily" AS PERMISSIVE FOR ALL TO public USING (tenant_id = current_setting('trellis.tenant_id', true) OR current_setting('trellis.scope', true) = 'system');--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "agent_tool_metric_daily" AS PERMISSIVE FOR ALL TO public USING (tenant_id = current_setting('trellis.tenant_id', true) OR current_setting('trellis.scope', true) = 'system');--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "agent_version_stats" AS PERMISSIVE FOR ALL TO public USING (tenant_id = current_setting('trellis.tenant_id', true) OR current_setting('trellis.scope', true) = 'system');--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "evaluation_theme" AS PERMISSIVE FOR ALL TO public USING (tenant_id = current_setting('trellis.tenant_id', true) OR current_setting('trellis.scope', true) = 'system');--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "insight" AS PERMISSIVE FOR ALL TO public USING (tenant_id = current_setting('trellis.tenant_id', true) OR current_setting('trellis.scope', true) = 'system');--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "agent_conversation" AS PERMISSIVE FOR ALL TO public USING (tenant_id = current_setting('trellis.tenant_id', true) OR current_setting('trellis.scope', true) = 'system');--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "channel_credentials" AS PERMISSIVE FOR ALL TO public USING (tenant_id = current_setting('trellis.tenant_id', true) OR current_setting('trellis.scope', true) = 'system');--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "channel_session" AS PERMISSIVE FOR ALL TO public USING (tenant_id = current_setting('trellis.tenant_id', true) OR current_setting('trellis.scope', true) = 'system');--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "voice_agent_trace" AS PERMISSIVE FOR ALL TO public USING (tenant_id = current_setting('trellis.tenant_id', true) OR current_setting('trellis.scope', true) = 'system');--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "voice_call_log" AS PERMISSIVE FOR ALL TO public USING (tenant_id = current_setting('trellis.tenant_id', true) OR current_setting('trellis.scope', true) = 'system');--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "agent_cost_daily" AS PERMISSIVE FOR ALL TO public USING (tenant_id = current_setting('trellis.tenant_id', true) OR current_setting('trellis.scope', true) = 'system');--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "agent_model_cost_daily" AS PERMISSIVE FOR ALL TO public USING (tenant_id = current_setting('trellis.tenant_id', true) OR current_setting('trellis.scope', true) = 'system');--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "budget_policy" AS PERMISSIVE FOR ALL TO public USING (tenant_id = current_setting('trellis.tenant_id', true) OR current_setting('trellis.scope', true) = 'system');--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "budget_reservation" AS PERMISSIVE FOR ALL TO public USING (tenant_id = current_setting('trellis.tenant_id', true) OR current_setting('trellis.scope', true) = 'system');--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "cost_event" AS PERMISSIVE FOR ALL TO public USING (tenant_id = current_setting('trellis.tenant_id', true) OR current_setting('trellis.scope', true) = 'system');--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "cost_recommendation" AS PERMISSIVE FOR ALL TO public USING (tenant_id = current_setting('trellis.tenant_id', true) OR current_setting('trellis.scope', true) = 'system');--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "model_price_override" AS PERMISSIVE FOR ALL TO public USING (tenant_id = current_setting('trellis.tenant_id', true) OR current_setting('trellis.scope', true) = 'system');--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "agent_evaluation" AS PERMISSIVE FOR ALL TO public USING (tenant_id = current_setting('trellis.tenant_id', true) OR current_setting('trellis.scope', true) = 'system');--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "agent_feedback" AS PERMISSIVE FOR ALL TO public USING (tenant_id = current_setting('trellis.tenant_id', true) OR current_setting('trellis.scope', true) = 'system');--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "agent_test_case" AS PERMISSIVE FOR ALL TO public USING (tenant_id = current_setting('trellis.tenant_id', true) OR current_setting('trellis.scope', true) = 'system');--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "agent_test_run" AS PERMISSIVE FOR ALL TO public USING (tenant_id = current_setting('trellis.tenant_id', true) OR current_setting('trellis.scope', true) = 'system');--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "goal" AS PERMISSIVE FOR ALL TO public USING (tenant_id = current_setting('trellis.tenant_id', true) OR current_setting('trellis.scope', true) = 'system');--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "goal_step" AS PERMISSIVE FOR ALL TO public USING (tenant_id = current_setting('trellis.tenant_id', true) OR current_setting('trellis.scope', true) = 'system');--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "guardrail_event" AS PERMISSIVE FOR ALL TO public USING (tenant_id = current_setting('trellis.tenant_id', true) OR current_setting('trellis.scope', true) = 'system');--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "guardrail_policy" AS PERMISSIVE FOR ALL TO public USING (tenant_id = current_setting('trellis.tenant_id', true) OR current_setting('trellis.scope', true) = 'system');--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "learning_approval" AS PERMISSIVE FOR ALL TO public USING (tenant_id = current_setting('trellis.tenant_id', true) OR current_setting('trellis.scope', true) = 'system');--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "learning_experiment" AS PERMISSIVE FOR ALL TO public USING (tenant_id = current_setting('trellis.tenant_id', true) OR current_setting('trellis.scope', true) = 'system');--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "learning_metric_daily" AS PERMISSIVE FOR ALL TO public USING (tenant_id = current_setting('trellis.tenant_id', true) OR current_setting('trellis.scope', true) = 'system');--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "learning_policy" AS PERMISSIVE FOR ALL TO public USING (tenant_id = current_setting('trellis.tenant_id', true) OR current_setting('trellis.scope', true) = 'system');--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "learning_proposal" AS PERMISSIVE FOR ALL TO public USING (tenant_id = current_setting('trellis.tenant_id', true) OR current_setting('trellis.scope', true) = 'system');--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "learning_session" AS PERMISSIVE FOR ALL TO public USING (tenant_id = current_setting('trellis.tenant_id', true) OR current_setting('trellis.scope', true) = 'system');--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "learning_signal" AS PERMISSIVE FOR ALL TO public USING (tenant_id = current_setting('trellis.tenant_id', true) OR current_setting('trellis.scope', true) = 'system');--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "memory_message" AS PERMISSIVE FOR ALL TO public USING (tenant_id = current_setting('trellis.tenant_id', true) OR current_setting('trellis.scope', true) = 'system');--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "memory_resource" AS PERMISSIVE FOR ALL TO public USING (tenant_id = current_setting('trellis.tenant_id', true) OR current_setting('trellis.scope', true) = 'system');--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "memory_thread" AS PERMISSIVE FOR ALL TO public USING (tenant_id = current_setting('trellis.tenant_id', true) OR current_setting('trellis.scope', true) = 'system');--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "agent_run" AS PERMISSIVE FOR ALL TO public USING (tenant_id = current_setting('trellis.tenant_id', true) OR current_setting('trellis.scope', true) = 'system');--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "agent_tool_call" AS PERMISSIVE FOR ALL TO public USING (tenant_id = current_setting('trellis.tenant_id', true) OR current_setting('trellis.scope', true) = 'system');--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "agent_trace" AS PERMISSIVE FOR ALL TO public USING (tenant_id = current_setting('trellis.tenant_id', true) OR current_setting('trellis.scope', true) = 'system');--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "agent_trace_step" AS PERMISSIVE FOR ALL TO public USING (tenant_id = current_setting('trellis.tenant_id', true) OR current_setting('trellis.scope', true) = 'system');--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "mcp_server" AS PERMISSIVE FOR ALL TO public USING (tenant_id = current_setting('trellis.tenant_id', true) OR current_setting('trellis.scope', true) = 'system');--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "trip_note" AS PERMISSIVE FOR ALL TO public USING (tenant_id = current_setting('trellis.tenant_id', true) OR current_setting('trellis.scope', true) = 'system');--> statement-breakpoint
ALTER TABLE "agent" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "agent_tool" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "agent_version" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "agent_alert" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "alert_destination" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "audit_log" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "agent_feedback_aggregate_daily" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "agent_metric_daily" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "agent_model_metric_daily" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "agent_quality_metric_daily" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "agent_stats_daily" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "agent_tool_metric_daily" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "agent_version_stats" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "evaluation_theme" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "insight" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "agent_conversation" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "channel_credentials" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "channel_session" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "voice_agent_trace" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "voice_call_log" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "agent_cost_daily" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "agent_model_cost_daily" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "budget_policy" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "budget_reservation" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "cost_event" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "cost_recommendation" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "model_price_override" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "agent_evaluation" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "agent_feedback" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "agent_test_case" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "agent_test_run" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "goal" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "goal_step" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "guardrail_event" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "guardrail_policy" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "learning_approval" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "learning_experiment" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "learning_metric_daily" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "learning_policy" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "learning_proposal" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "learning_session" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "learning_signal" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "memory_message" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "memory_resource" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "memory_thread" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "agent_run" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "agent_tool_call" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "agent_trace" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "agent_trace_step" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "mcp_server" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "trip_note" FORCE ROW LEVEL SECURITY;
