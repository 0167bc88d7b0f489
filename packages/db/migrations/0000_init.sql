CREATE TYPE "public"."agent_type" AS ENUM('SYSTEM', 'USER');--> statement-breakpoint
CREATE TYPE "public"."alert_severity" AS ENUM('INFO', 'WARNING', 'CRITICAL');--> statement-breakpoint
CREATE TYPE "public"."alert_source" AS ENUM('COST', 'GUARDRAIL', 'EVAL', 'SYSTEM');--> statement-breakpoint
CREATE TYPE "public"."approval_decision" AS ENUM('APPROVED', 'REJECTED');--> statement-breakpoint
CREATE TYPE "public"."channel_kind" AS ENUM('whatsapp', 'telegram', 'voice');--> statement-breakpoint
CREATE TYPE "public"."experiment_group" AS ENUM('BASELINE', 'CANDIDATE');--> statement-breakpoint
CREATE TYPE "public"."guardrail_event_type" AS ENUM('BLOCKED', 'MODIFIED', 'FLAGGED');--> statement-breakpoint
CREATE TYPE "public"."learning_experiment_status" AS ENUM('PENDING', 'RUNNING', 'COMPLETED', 'INCONCLUSIVE', 'CANCELLED');--> statement-breakpoint
CREATE TYPE "public"."learning_proposal_status" AS ENUM('PENDING', 'EXPERIMENTING', 'AWAITING_APPROVAL', 'APPROVED', 'REJECTED', 'PROMOTED', 'FAILED');--> statement-breakpoint
CREATE TYPE "public"."learning_session_status" AS ENUM('PENDING', 'ANALYZING', 'PROPOSING', 'EXPERIMENTING', 'AWAITING_APPROVAL', 'COMPLETED', 'FAILED', 'CANCELLED');--> statement-breakpoint
CREATE TYPE "public"."learning_signal_type" AS ENUM('LOW_SCORE', 'HIGH_LATENCY', 'NEGATIVE_FEEDBACK', 'RUN_FAILURE', 'GUARDRAIL_VIOLATION', 'COST_SPIKE');--> statement-breakpoint
CREATE TYPE "public"."risk_tier" AS ENUM('LOW', 'MEDIUM', 'HIGH');--> statement-breakpoint
CREATE TYPE "public"."run_status" AS ENUM('QUEUED', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED');--> statement-breakpoint
CREATE TYPE "public"."run_type" AS ENUM('TEST', 'PROD', 'AB');--> statement-breakpoint
CREATE TABLE "agent" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"instructions" text NOT NULL,
	"instructions_template" text,
	"model_provider" text NOT NULL,
	"model_name" text NOT NULL,
	"temperature" double precision,
	"max_tokens" integer,
	"model_config" jsonb,
	"memory_enabled" boolean DEFAULT false NOT NULL,
	"memory_config" jsonb,
	"max_steps" integer DEFAULT 5 NOT NULL,
	"scorers" text[] DEFAULT '{}'::text[] NOT NULL,
	"type" "agent_type" DEFAULT 'USER' NOT NULL,
	"owner_id" text,
	"is_public" boolean DEFAULT false NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"metadata" jsonb,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agent_tool" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"agent_id" text NOT NULL,
	"tool_id" text NOT NULL,
	"config" jsonb,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agent_version" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"agent_id" text NOT NULL,
	"version" integer NOT NULL,
	"description" text,
	"instructions" text NOT NULL,
	"model_provider" text NOT NULL,
	"model_name" text NOT NULL,
	"changes_json" jsonb,
	"snapshot" jsonb NOT NULL,
	"created_by" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agent_alert" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"agent_id" text,
	"severity" "alert_severity" NOT NULL,
	"source" "alert_source" NOT NULL,
	"message" text NOT NULL,
	"dedupe_key" text,
	"metadata" jsonb,
	"resolved_at" timestamp with time zone,
	"resolved_by" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alert_destination" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"kind" text NOT NULL,
	"url" text NOT NULL,
	"secret_encrypted" text,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"actor_id" text,
	"actor_type" text NOT NULL,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text,
	"metadata" jsonb,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agent_feedback_aggregate_daily" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"agent_id" text NOT NULL,
	"date" date NOT NULL,
	"thumbs_up" integer DEFAULT 0 NOT NULL,
	"thumbs_down" integer DEFAULT 0 NOT NULL,
	"avg_rating" double precision,
	"count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agent_metric_daily" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"agent_id" text NOT NULL,
	"date" date NOT NULL,
	"metric" text NOT NULL,
	"value" double precision NOT NULL,
	"samples" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agent_model_metric_daily" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"agent_id" text NOT NULL,
	"date" date NOT NULL,
	"model_provider" text NOT NULL,
	"model_name" text NOT NULL,
	"runs" integer DEFAULT 0 NOT NULL,
	"successes" integer DEFAULT 0 NOT NULL,
	"avg_duration_ms" double precision,
	"tokens" bigint DEFAULT 0 NOT NULL,
	"cost_usd" numeric(20, 10) DEFAULT 0 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agent_quality_metric_daily" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"agent_id" text NOT NULL,
	"date" date NOT NULL,
	"scorer_id" text NOT NULL,
	"avg_score" double precision NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agent_stats_daily" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"agent_id" text NOT NULL,
	"date" date NOT NULL,
	"runs" integer DEFAULT 0 NOT NULL,
	"successes" integer DEFAULT 0 NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"success_rate" double precision DEFAULT 0 NOT NULL,
	"avg_duration_ms" double precision,
	"p50_duration_ms" integer,
	"p95_duration_ms" integer,
	"avg_quality" double precision,
	"cost_usd" numeric(20, 10) DEFAULT 0 NOT NULL,
	"tokens" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agent_tool_metric_daily" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"agent_id" text NOT NULL,
	"date" date NOT NULL,
	"tool_key" text NOT NULL,
	"calls" integer DEFAULT 0 NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"avg_duration_ms" double precision,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agent_version_stats" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"agent_id" text NOT NULL,
	"version_id" text NOT NULL,
	"runs" integer DEFAULT 0 NOT NULL,
	"successes" integer DEFAULT 0 NOT NULL,
	"avg_duration_ms" double precision,
	"avg_quality" double precision,
	"cost_usd" numeric(20, 10) DEFAULT 0 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evaluation_theme" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"agent_id" text NOT NULL,
	"theme" text NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	"examples" jsonb,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "insight" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"agent_id" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"severity" "alert_severity" DEFAULT 'INFO' NOT NULL,
	"metadata" jsonb,
	"dismissed_at" timestamp with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "account" (
	"id" text PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"provider_id" text NOT NULL,
	"user_id" text NOT NULL,
	"access_token" text,
	"refresh_token" text,
	"id_token" text,
	"access_token_expires_at" timestamp with time zone,
	"refresh_token_expires_at" timestamp with time zone,
	"scope" text,
	"password" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "apikey" (
	"id" text PRIMARY KEY NOT NULL,
	"config_id" text DEFAULT 'default' NOT NULL,
	"name" text,
	"start" text,
	"reference_id" text NOT NULL,
	"prefix" text,
	"key" text NOT NULL,
	"refill_interval" integer,
	"refill_amount" integer,
	"last_refill_at" timestamp with time zone,
	"enabled" boolean DEFAULT true,
	"rate_limit_enabled" boolean DEFAULT true,
	"rate_limit_time_window" integer,
	"rate_limit_max" integer,
	"request_count" integer DEFAULT 0,
	"remaining" integer,
	"last_request" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"permissions" text,
	"metadata" text
);
--> statement-breakpoint
CREATE TABLE "invitation" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"email" text NOT NULL,
	"role" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"inviter_id" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "member" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"user_id" text NOT NULL,
	"role" text DEFAULT 'member' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organization" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"logo" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"metadata" text,
	CONSTRAINT "organization_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "session" (
	"id" text PRIMARY KEY NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"token" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ip_address" text,
	"user_agent" text,
	"user_id" text NOT NULL,
	"active_organization_id" text,
	CONSTRAINT "session_token_unique" UNIQUE("token")
);
--> statement-breakpoint
CREATE TABLE "user" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"email_verified" boolean DEFAULT false NOT NULL,
	"image" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "user_email_unique" UNIQUE("email")
);
--> statement-breakpoint
CREATE TABLE "verification" (
	"id" text PRIMARY KEY NOT NULL,
	"identifier" text NOT NULL,
	"value" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agent_conversation" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"agent_id" text,
	"agent_slug" text NOT NULL,
	"thread_id" text NOT NULL,
	"resource_id" text,
	"title" text,
	"message_count" integer DEFAULT 0 NOT NULL,
	"last_message_at" timestamp with time zone,
	"metadata" jsonb,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "channel_credentials" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"channel" "channel_kind" NOT NULL,
	"name" text NOT NULL,
	"credentials_encrypted" text NOT NULL,
	"metadata" jsonb,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "channel_session" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"channel" "channel_kind" NOT NULL,
	"channel_id" text NOT NULL,
	"agent_slug" text NOT NULL,
	"thread_id" text,
	"metadata" jsonb,
	"last_message_at" timestamp with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "voice_agent_trace" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"call_log_id" text NOT NULL,
	"agent_id" text,
	"events_json" jsonb,
	"latency_json" jsonb,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "voice_call_log" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"agent_id" text,
	"agent_slug" text,
	"provider" text NOT NULL,
	"external_id" text,
	"direction" text NOT NULL,
	"from_number" text,
	"to_number" text,
	"status" text NOT NULL,
	"duration_ms" integer,
	"transcript" jsonb,
	"cost_usd" numeric(20, 10),
	"started_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agent_cost_daily" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"agent_id" text NOT NULL,
	"date" date NOT NULL,
	"total_cost_usd" numeric(20, 10) DEFAULT 0 NOT NULL,
	"prompt_cost_usd" numeric(20, 10) DEFAULT 0 NOT NULL,
	"completion_cost_usd" numeric(20, 10) DEFAULT 0 NOT NULL,
	"runs" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agent_model_cost_daily" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"agent_id" text NOT NULL,
	"date" date NOT NULL,
	"model_name" text NOT NULL,
	"cost_usd" numeric(20, 10) DEFAULT 0 NOT NULL,
	"tokens" bigint DEFAULT 0 NOT NULL,
	"runs" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "budget_policy" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"agent_id" text,
	"enabled" boolean DEFAULT true NOT NULL,
	"monthly_limit_usd" numeric(20, 10) NOT NULL,
	"alert_at_pct" integer DEFAULT 80 NOT NULL,
	"hard_limit" boolean DEFAULT false NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "budget_policy_tenant_id_agent_id_unique" UNIQUE NULLS NOT DISTINCT("tenant_id","agent_id")
);
--> statement-breakpoint
CREATE TABLE "budget_reservation" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"run_id" text NOT NULL,
	"agent_id" text,
	"scope" text NOT NULL,
	"period" text NOT NULL,
	"amount_usd" numeric(20, 10) DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'reserved' NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cost_event" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"run_id" text NOT NULL,
	"agent_id" text,
	"provider" text NOT NULL,
	"model_name" text NOT NULL,
	"prompt_tokens" integer DEFAULT 0 NOT NULL,
	"completion_tokens" integer DEFAULT 0 NOT NULL,
	"cached_tokens" integer DEFAULT 0 NOT NULL,
	"reasoning_tokens" integer DEFAULT 0 NOT NULL,
	"total_tokens" integer DEFAULT 0 NOT NULL,
	"prompt_cost_usd" numeric(20, 10) DEFAULT 0 NOT NULL,
	"completion_cost_usd" numeric(20, 10) DEFAULT 0 NOT NULL,
	"cost_usd" numeric(20, 10) DEFAULT 0 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cost_recommendation" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"agent_id" text NOT NULL,
	"type" text NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"estimated_savings_usd" numeric(20, 10),
	"metadata" jsonb,
	"dismissed_at" timestamp with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "model_price_override" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"provider" text NOT NULL,
	"model_name" text NOT NULL,
	"input_per_m_tok_usd" numeric(20, 10) NOT NULL,
	"output_per_m_tok_usd" numeric(20, 10) NOT NULL,
	"cached_input_per_m_tok_usd" numeric(20, 10),
	"reasoning_per_m_tok_usd" numeric(20, 10),
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agent_evaluation" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"run_id" text NOT NULL,
	"agent_id" text,
	"scores_json" jsonb NOT NULL,
	"scorer_version" text DEFAULT '1' NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agent_feedback" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"run_id" text NOT NULL,
	"agent_id" text,
	"thumbs" text,
	"rating" integer,
	"comment" text,
	"user_id" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agent_test_case" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"agent_id" text NOT NULL,
	"name" text NOT NULL,
	"input_text" text NOT NULL,
	"expected_output" text,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agent_test_run" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"test_case_id" text NOT NULL,
	"agent_id" text NOT NULL,
	"version_id" text,
	"run_id" text,
	"output_text" text,
	"passed" boolean,
	"score" double precision,
	"duration_ms" integer,
	"error" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "goal" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"orchestrator_agent_id" text,
	"title" text NOT NULL,
	"input_text" text NOT NULL,
	"status" "run_status" DEFAULT 'QUEUED' NOT NULL,
	"plan" jsonb,
	"result" text,
	"error" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer DEFAULT 3 NOT NULL,
	"next_retry_at" timestamp with time zone,
	"created_by" text,
	"started_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "goal_step" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"goal_id" text NOT NULL,
	"step_number" integer NOT NULL,
	"agent_slug" text NOT NULL,
	"input_text" text NOT NULL,
	"output_text" text,
	"status" "run_status" DEFAULT 'QUEUED' NOT NULL,
	"run_id" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"error" text,
	"started_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "guardrail_event" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"agent_id" text,
	"run_id" text,
	"type" "guardrail_event_type" NOT NULL,
	"guardrail_key" text NOT NULL,
	"reason" text,
	"input_snippet" text,
	"output_snippet" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "guardrail_policy" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"agent_id" text NOT NULL,
	"config_json" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "learning_approval" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"agent_id" text NOT NULL,
	"proposal_id" text NOT NULL,
	"decision" "approval_decision" NOT NULL,
	"mode" text NOT NULL,
	"decided_by" text,
	"reason" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "learning_experiment" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"agent_id" text NOT NULL,
	"proposal_id" text NOT NULL,
	"baseline_version_id" text,
	"candidate_version_id" text,
	"split" double precision DEFAULT 0.1 NOT NULL,
	"status" "learning_experiment_status" DEFAULT 'PENDING' NOT NULL,
	"started_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"baseline_runs" integer DEFAULT 0 NOT NULL,
	"candidate_runs" integer DEFAULT 0 NOT NULL,
	"baseline_score" double precision,
	"candidate_score" double precision,
	"win_rate" double precision,
	"confidence" double precision,
	"result" jsonb,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "learning_metric_daily" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"agent_id" text NOT NULL,
	"date" date NOT NULL,
	"sessions" integer DEFAULT 0 NOT NULL,
	"proposals" integer DEFAULT 0 NOT NULL,
	"experiments" integer DEFAULT 0 NOT NULL,
	"promotions" integer DEFAULT 0 NOT NULL,
	"auto_promotions" integer DEFAULT 0 NOT NULL,
	"regressions" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "learning_policy" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"agent_id" text NOT NULL,
	"enabled" boolean DEFAULT false NOT NULL,
	"paused" boolean DEFAULT false NOT NULL,
	"signal_count" integer DEFAULT 5 NOT NULL,
	"signal_window_minutes" integer DEFAULT 60 NOT NULL,
	"low_score_threshold" double precision DEFAULT 0.5 NOT NULL,
	"schedule_cron" text DEFAULT '0 */6 * * *' NOT NULL,
	"candidate_split" double precision DEFAULT 0.1 NOT NULL,
	"min_runs_per_group" integer DEFAULT 20 NOT NULL,
	"max_runs_per_experiment" integer DEFAULT 200 NOT NULL,
	"max_experiment_duration_hours" integer DEFAULT 72 NOT NULL,
	"auto_promotion_enabled" boolean DEFAULT false NOT NULL,
	"min_win_rate" double precision DEFAULT 0.55 NOT NULL,
	"min_confidence_score" double precision DEFAULT 0.7 NOT NULL,
	"min_runs_before_auto_promotion" integer DEFAULT 50 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "learning_proposal" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"agent_id" text NOT NULL,
	"session_id" text NOT NULL,
	"risk_tier" "risk_tier" NOT NULL,
	"status" "learning_proposal_status" DEFAULT 'PENDING' NOT NULL,
	"title" text NOT NULL,
	"rationale" text,
	"changes_json" jsonb NOT NULL,
	"candidate_snapshot" jsonb NOT NULL,
	"candidate_version_id" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "learning_session" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"agent_id" text NOT NULL,
	"trigger" text NOT NULL,
	"status" "learning_session_status" DEFAULT 'PENDING' NOT NULL,
	"summary" jsonb,
	"error" text,
	"started_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "learning_signal" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"agent_id" text NOT NULL,
	"session_id" text,
	"run_id" text,
	"type" "learning_signal_type" NOT NULL,
	"value" double precision,
	"details" jsonb,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agent_run" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"agent_id" text,
	"agent_slug" text NOT NULL,
	"run_type" "run_type" DEFAULT 'PROD' NOT NULL,
	"status" "run_status" DEFAULT 'QUEUED' NOT NULL,
	"input_text" text,
	"output_text" text,
	"error" text,
	"error_code" text,
	"duration_ms" integer,
	"model_provider" text,
	"model_name" text,
	"prompt_tokens" integer DEFAULT 0 NOT NULL,
	"completion_tokens" integer DEFAULT 0 NOT NULL,
	"total_tokens" integer DEFAULT 0 NOT NULL,
	"cached_tokens" integer DEFAULT 0 NOT NULL,
	"reasoning_tokens" integer DEFAULT 0 NOT NULL,
	"cost_usd" numeric(20, 10) DEFAULT 0 NOT NULL,
	"version_id" text,
	"thread_id" text,
	"resource_id" text,
	"request_context" jsonb,
	"source" text,
	"parent_run_id" text,
	"experiment_id" text,
	"experiment_group" "experiment_group",
	"metadata" jsonb,
	"started_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agent_tool_call" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"run_id" text NOT NULL,
	"trace_id" text,
	"agent_id" text,
	"tool_key" text NOT NULL,
	"tool_call_id" text,
	"mcp_server_id" text,
	"input_json" jsonb,
	"output_json" jsonb,
	"success" boolean NOT NULL,
	"error" text,
	"duration_ms" integer,
	"step_number" integer,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agent_trace" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"run_id" text NOT NULL,
	"agent_id" text,
	"status" "run_status" DEFAULT 'RUNNING' NOT NULL,
	"steps_json" jsonb,
	"model_json" jsonb,
	"tokens_json" jsonb,
	"scores_json" jsonb,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agent_trace_step" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"trace_id" text NOT NULL,
	"step_number" integer NOT NULL,
	"type" text NOT NULL,
	"content" jsonb,
	"duration_ms" integer,
	"started_at" timestamp with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mcp_server" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"name" text NOT NULL,
	"transport" text NOT NULL,
	"command" text,
	"args_json" jsonb,
	"url" text,
	"env_encrypted" text,
	"headers_encrypted" text,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trip_note" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"resource_id" text,
	"trip_id" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "agent" ADD CONSTRAINT "agent_tenant_id_organization_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent" ADD CONSTRAINT "agent_owner_id_user_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_tool" ADD CONSTRAINT "agent_tool_tenant_id_organization_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_tool" ADD CONSTRAINT "agent_tool_agent_id_agent_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agent"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_version" ADD CONSTRAINT "agent_version_tenant_id_organization_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_version" ADD CONSTRAINT "agent_version_agent_id_agent_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agent"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_alert" ADD CONSTRAINT "agent_alert_tenant_id_organization_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_alert" ADD CONSTRAINT "agent_alert_agent_id_agent_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agent"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_alert" ADD CONSTRAINT "agent_alert_resolved_by_user_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_destination" ADD CONSTRAINT "alert_destination_tenant_id_organization_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_tenant_id_organization_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_feedback_aggregate_daily" ADD CONSTRAINT "agent_feedback_aggregate_daily_tenant_id_organization_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_feedback_aggregate_daily" ADD CONSTRAINT "agent_feedback_aggregate_daily_agent_id_agent_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agent"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_metric_daily" ADD CONSTRAINT "agent_metric_daily_tenant_id_organization_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_metric_daily" ADD CONSTRAINT "agent_metric_daily_agent_id_agent_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agent"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_model_metric_daily" ADD CONSTRAINT "agent_model_metric_daily_tenant_id_organization_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_model_metric_daily" ADD CONSTRAINT "agent_model_metric_daily_agent_id_agent_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agent"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_quality_metric_daily" ADD CONSTRAINT "agent_quality_metric_daily_tenant_id_organization_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_quality_metric_daily" ADD CONSTRAINT "agent_quality_metric_daily_agent_id_agent_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agent"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_stats_daily" ADD CONSTRAINT "agent_stats_daily_tenant_id_organization_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_stats_daily" ADD CONSTRAINT "agent_stats_daily_agent_id_agent_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agent"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_tool_metric_daily" ADD CONSTRAINT "agent_tool_metric_daily_tenant_id_organization_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_tool_metric_daily" ADD CONSTRAINT "agent_tool_metric_daily_agent_id_agent_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agent"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_version_stats" ADD CONSTRAINT "agent_version_stats_tenant_id_organization_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_version_stats" ADD CONSTRAINT "agent_version_stats_agent_id_agent_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agent"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_version_stats" ADD CONSTRAINT "agent_version_stats_version_id_agent_version_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."agent_version"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_theme" ADD CONSTRAINT "evaluation_theme_tenant_id_organization_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_theme" ADD CONSTRAINT "evaluation_theme_agent_id_agent_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agent"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "insight" ADD CONSTRAINT "insight_tenant_id_organization_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "insight" ADD CONSTRAINT "insight_agent_id_agent_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agent"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account" ADD CONSTRAINT "account_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitation" ADD CONSTRAINT "invitation_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitation" ADD CONSTRAINT "invitation_inviter_id_user_id_fk" FOREIGN KEY ("inviter_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member" ADD CONSTRAINT "member_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member" ADD CONSTRAINT "member_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session" ADD CONSTRAINT "session_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_conversation" ADD CONSTRAINT "agent_conversation_tenant_id_organization_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_conversation" ADD CONSTRAINT "agent_conversation_agent_id_agent_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agent"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_credentials" ADD CONSTRAINT "channel_credentials_tenant_id_organization_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_session" ADD CONSTRAINT "channel_session_tenant_id_organization_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voice_agent_trace" ADD CONSTRAINT "voice_agent_trace_tenant_id_organization_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voice_agent_trace" ADD CONSTRAINT "voice_agent_trace_call_log_id_voice_call_log_id_fk" FOREIGN KEY ("call_log_id") REFERENCES "public"."voice_call_log"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voice_agent_trace" ADD CONSTRAINT "voice_agent_trace_agent_id_agent_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agent"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voice_call_log" ADD CONSTRAINT "voice_call_log_tenant_id_organization_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voice_call_log" ADD CONSTRAINT "voice_call_log_agent_id_agent_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agent"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_cost_daily" ADD CONSTRAINT "agent_cost_daily_tenant_id_organization_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_cost_daily" ADD CONSTRAINT "agent_cost_daily_agent_id_agent_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agent"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_model_cost_daily" ADD CONSTRAINT "agent_model_cost_daily_tenant_id_organization_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_model_cost_daily" ADD CONSTRAINT "agent_model_cost_daily_agent_id_agent_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agent"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_policy" ADD CONSTRAINT "budget_policy_tenant_id_organization_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_policy" ADD CONSTRAINT "budget_policy_agent_id_agent_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agent"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_reservation" ADD CONSTRAINT "budget_reservation_tenant_id_organization_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_reservation" ADD CONSTRAINT "budget_reservation_run_id_agent_run_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."agent_run"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_reservation" ADD CONSTRAINT "budget_reservation_agent_id_agent_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agent"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cost_event" ADD CONSTRAINT "cost_event_tenant_id_organization_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cost_event" ADD CONSTRAINT "cost_event_run_id_agent_run_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."agent_run"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cost_event" ADD CONSTRAINT "cost_event_agent_id_agent_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agent"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cost_recommendation" ADD CONSTRAINT "cost_recommendation_tenant_id_organization_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cost_recommendation" ADD CONSTRAINT "cost_recommendation_agent_id_agent_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agent"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_price_override" ADD CONSTRAINT "model_price_override_tenant_id_organization_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_evaluation" ADD CONSTRAINT "agent_evaluation_tenant_id_organization_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_evaluation" ADD CONSTRAINT "agent_evaluation_run_id_agent_run_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."agent_run"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_evaluation" ADD CONSTRAINT "agent_evaluation_agent_id_agent_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agent"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_feedback" ADD CONSTRAINT "agent_feedback_tenant_id_organization_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_feedback" ADD CONSTRAINT "agent_feedback_run_id_agent_run_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."agent_run"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_feedback" ADD CONSTRAINT "agent_feedback_agent_id_agent_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agent"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_feedback" ADD CONSTRAINT "agent_feedback_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_test_case" ADD CONSTRAINT "agent_test_case_tenant_id_organization_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_test_case" ADD CONSTRAINT "agent_test_case_agent_id_agent_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agent"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_test_run" ADD CONSTRAINT "agent_test_run_tenant_id_organization_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_test_run" ADD CONSTRAINT "agent_test_run_test_case_id_agent_test_case_id_fk" FOREIGN KEY ("test_case_id") REFERENCES "public"."agent_test_case"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_test_run" ADD CONSTRAINT "agent_test_run_agent_id_agent_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agent"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_test_run" ADD CONSTRAINT "agent_test_run_version_id_agent_version_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."agent_version"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_test_run" ADD CONSTRAINT "agent_test_run_run_id_agent_run_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."agent_run"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goal" ADD CONSTRAINT "goal_tenant_id_organization_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goal" ADD CONSTRAINT "goal_orchestrator_agent_id_agent_id_fk" FOREIGN KEY ("orchestrator_agent_id") REFERENCES "public"."agent"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goal_step" ADD CONSTRAINT "goal_step_tenant_id_organization_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goal_step" ADD CONSTRAINT "goal_step_goal_id_goal_id_fk" FOREIGN KEY ("goal_id") REFERENCES "public"."goal"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goal_step" ADD CONSTRAINT "goal_step_run_id_agent_run_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."agent_run"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guardrail_event" ADD CONSTRAINT "guardrail_event_tenant_id_organization_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guardrail_event" ADD CONSTRAINT "guardrail_event_agent_id_agent_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agent"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guardrail_event" ADD CONSTRAINT "guardrail_event_run_id_agent_run_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."agent_run"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guardrail_policy" ADD CONSTRAINT "guardrail_policy_tenant_id_organization_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guardrail_policy" ADD CONSTRAINT "guardrail_policy_agent_id_agent_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agent"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_approval" ADD CONSTRAINT "learning_approval_tenant_id_organization_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_approval" ADD CONSTRAINT "learning_approval_agent_id_agent_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agent"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_approval" ADD CONSTRAINT "learning_approval_proposal_id_learning_proposal_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."learning_proposal"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_experiment" ADD CONSTRAINT "learning_experiment_tenant_id_organization_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_experiment" ADD CONSTRAINT "learning_experiment_agent_id_agent_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agent"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_experiment" ADD CONSTRAINT "learning_experiment_proposal_id_learning_proposal_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."learning_proposal"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_experiment" ADD CONSTRAINT "learning_experiment_baseline_version_id_agent_version_id_fk" FOREIGN KEY ("baseline_version_id") REFERENCES "public"."agent_version"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_experiment" ADD CONSTRAINT "learning_experiment_candidate_version_id_agent_version_id_fk" FOREIGN KEY ("candidate_version_id") REFERENCES "public"."agent_version"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_metric_daily" ADD CONSTRAINT "learning_metric_daily_tenant_id_organization_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_metric_daily" ADD CONSTRAINT "learning_metric_daily_agent_id_agent_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agent"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_policy" ADD CONSTRAINT "learning_policy_tenant_id_organization_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_policy" ADD CONSTRAINT "learning_policy_agent_id_agent_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agent"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_proposal" ADD CONSTRAINT "learning_proposal_tenant_id_organization_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_proposal" ADD CONSTRAINT "learning_proposal_agent_id_agent_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agent"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_proposal" ADD CONSTRAINT "learning_proposal_session_id_learning_session_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."learning_session"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_proposal" ADD CONSTRAINT "learning_proposal_candidate_version_id_agent_version_id_fk" FOREIGN KEY ("candidate_version_id") REFERENCES "public"."agent_version"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_session" ADD CONSTRAINT "learning_session_tenant_id_organization_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_session" ADD CONSTRAINT "learning_session_agent_id_agent_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agent"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_signal" ADD CONSTRAINT "learning_signal_tenant_id_organization_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_signal" ADD CONSTRAINT "learning_signal_agent_id_agent_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agent"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_signal" ADD CONSTRAINT "learning_signal_session_id_learning_session_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."learning_session"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_signal" ADD CONSTRAINT "learning_signal_run_id_agent_run_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."agent_run"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_run" ADD CONSTRAINT "agent_run_tenant_id_organization_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_run" ADD CONSTRAINT "agent_run_agent_id_agent_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agent"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_run" ADD CONSTRAINT "agent_run_version_id_agent_version_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."agent_version"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_run" ADD CONSTRAINT "agent_run_parent_run_id_agent_run_id_fk" FOREIGN KEY ("parent_run_id") REFERENCES "public"."agent_run"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_tool_call" ADD CONSTRAINT "agent_tool_call_tenant_id_organization_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_tool_call" ADD CONSTRAINT "agent_tool_call_run_id_agent_run_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."agent_run"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_tool_call" ADD CONSTRAINT "agent_tool_call_trace_id_agent_trace_id_fk" FOREIGN KEY ("trace_id") REFERENCES "public"."agent_trace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_tool_call" ADD CONSTRAINT "agent_tool_call_agent_id_agent_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agent"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_tool_call" ADD CONSTRAINT "agent_tool_call_mcp_server_id_mcp_server_id_fk" FOREIGN KEY ("mcp_server_id") REFERENCES "public"."mcp_server"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_trace" ADD CONSTRAINT "agent_trace_tenant_id_organization_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_trace" ADD CONSTRAINT "agent_trace_run_id_agent_run_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."agent_run"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_trace" ADD CONSTRAINT "agent_trace_agent_id_agent_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agent"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_trace_step" ADD CONSTRAINT "agent_trace_step_tenant_id_organization_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_trace_step" ADD CONSTRAINT "agent_trace_step_trace_id_agent_trace_id_fk" FOREIGN KEY ("trace_id") REFERENCES "public"."agent_trace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mcp_server" ADD CONSTRAINT "mcp_server_tenant_id_organization_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trip_note" ADD CONSTRAINT "trip_note_tenant_id_organization_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "agent_tenant_id_slug_index" ON "agent" USING btree ("tenant_id","slug");--> statement-breakpoint
CREATE INDEX "agent_owner_id_index" ON "agent" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "agent_tenant_id_created_at_index" ON "agent" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "agent_created_at_index" ON "agent" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "agent_tool_agent_id_tool_id_index" ON "agent_tool" USING btree ("agent_id","tool_id");--> statement-breakpoint
CREATE INDEX "agent_tool_tenant_id_created_at_index" ON "agent_tool" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "agent_tool_created_at_index" ON "agent_tool" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "agent_version_agent_id_version_index" ON "agent_version" USING btree ("agent_id","version");--> statement-breakpoint
CREATE INDEX "agent_version_tenant_id_created_at_index" ON "agent_version" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "agent_version_created_at_index" ON "agent_version" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "agent_alert_tenant_id_dedupe_key_index" ON "agent_alert" USING btree ("tenant_id","dedupe_key");--> statement-breakpoint
CREATE INDEX "agent_alert_resolved_by_index" ON "agent_alert" USING btree ("resolved_by");--> statement-breakpoint
CREATE INDEX "agent_alert_tenant_id_created_at_index" ON "agent_alert" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "agent_alert_created_at_index" ON "agent_alert" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "agent_alert_agent_id_index" ON "agent_alert" USING btree ("agent_id");--> statement-breakpoint
CREATE INDEX "agent_alert_tenant_id_agent_id_created_at_index" ON "agent_alert" USING btree ("tenant_id","agent_id","created_at");--> statement-breakpoint
CREATE INDEX "alert_destination_tenant_id_created_at_index" ON "alert_destination" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "alert_destination_created_at_index" ON "alert_destination" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "audit_log_tenant_id_created_at_index" ON "audit_log" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "audit_log_created_at_index" ON "audit_log" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "audit_log_tenant_id_entity_type_entity_id_index" ON "audit_log" USING btree ("tenant_id","entity_type","entity_id");--> statement-breakpoint
CREATE INDEX "audit_log_actor_id_index" ON "audit_log" USING btree ("actor_id");--> statement-breakpoint
CREATE UNIQUE INDEX "agent_feedback_aggregate_daily_agent_id_date_index" ON "agent_feedback_aggregate_daily" USING btree ("agent_id","date");--> statement-breakpoint
CREATE INDEX "agent_feedback_aggregate_daily_tenant_id_date_index" ON "agent_feedback_aggregate_daily" USING btree ("tenant_id","date");--> statement-breakpoint
CREATE INDEX "agent_feedback_aggregate_daily_created_at_index" ON "agent_feedback_aggregate_daily" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "agent_metric_daily_agent_id_date_metric_index" ON "agent_metric_daily" USING btree ("agent_id","date","metric");--> statement-breakpoint
CREATE INDEX "agent_metric_daily_tenant_id_date_index" ON "agent_metric_daily" USING btree ("tenant_id","date");--> statement-breakpoint
CREATE INDEX "agent_metric_daily_created_at_index" ON "agent_metric_daily" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "agent_model_metric_daily_agent_id_date_model_index" ON "agent_model_metric_daily" USING btree ("agent_id","date","model_provider","model_name");--> statement-breakpoint
CREATE INDEX "agent_model_metric_daily_tenant_id_date_index" ON "agent_model_metric_daily" USING btree ("tenant_id","date");--> statement-breakpoint
CREATE INDEX "agent_model_metric_daily_created_at_index" ON "agent_model_metric_daily" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "agent_quality_metric_daily_agent_id_date_scorer_id_index" ON "agent_quality_metric_daily" USING btree ("agent_id","date","scorer_id");--> statement-breakpoint
CREATE INDEX "agent_quality_metric_daily_tenant_id_date_index" ON "agent_quality_metric_daily" USING btree ("tenant_id","date");--> statement-breakpoint
CREATE INDEX "agent_quality_metric_daily_created_at_index" ON "agent_quality_metric_daily" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "agent_stats_daily_agent_id_date_index" ON "agent_stats_daily" USING btree ("agent_id","date");--> statement-breakpoint
CREATE INDEX "agent_stats_daily_tenant_id_date_index" ON "agent_stats_daily" USING btree ("tenant_id","date");--> statement-breakpoint
CREATE INDEX "agent_stats_daily_created_at_index" ON "agent_stats_daily" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "agent_tool_metric_daily_agent_id_date_tool_key_index" ON "agent_tool_metric_daily" USING btree ("agent_id","date","tool_key");--> statement-breakpoint
CREATE INDEX "agent_tool_metric_daily_tenant_id_date_index" ON "agent_tool_metric_daily" USING btree ("tenant_id","date");--> statement-breakpoint
CREATE INDEX "agent_tool_metric_daily_created_at_index" ON "agent_tool_metric_daily" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "agent_version_stats_version_id_index" ON "agent_version_stats" USING btree ("version_id");--> statement-breakpoint
CREATE INDEX "agent_version_stats_agent_id_index" ON "agent_version_stats" USING btree ("agent_id");--> statement-breakpoint
CREATE INDEX "agent_version_stats_tenant_id_created_at_index" ON "agent_version_stats" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "agent_version_stats_created_at_index" ON "agent_version_stats" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "evaluation_theme_agent_id_theme_index" ON "evaluation_theme" USING btree ("agent_id","theme");--> statement-breakpoint
CREATE INDEX "evaluation_theme_tenant_id_created_at_index" ON "evaluation_theme" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "evaluation_theme_created_at_index" ON "evaluation_theme" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "insight_agent_id_created_at_index" ON "insight" USING btree ("agent_id","created_at");--> statement-breakpoint
CREATE INDEX "insight_tenant_id_created_at_index" ON "insight" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "insight_created_at_index" ON "insight" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "account_user_id_index" ON "account" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "apikey_key_index" ON "apikey" USING btree ("key");--> statement-breakpoint
CREATE INDEX "apikey_reference_id_index" ON "apikey" USING btree ("reference_id");--> statement-breakpoint
CREATE INDEX "invitation_organization_id_index" ON "invitation" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "invitation_email_index" ON "invitation" USING btree ("email");--> statement-breakpoint
CREATE UNIQUE INDEX "member_organization_id_user_id_index" ON "member" USING btree ("organization_id","user_id");--> statement-breakpoint
CREATE INDEX "member_user_id_index" ON "member" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "session_user_id_index" ON "session" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "verification_identifier_index" ON "verification" USING btree ("identifier");--> statement-breakpoint
CREATE UNIQUE INDEX "agent_conversation_tenant_id_thread_id_index" ON "agent_conversation" USING btree ("tenant_id","thread_id");--> statement-breakpoint
CREATE INDEX "agent_conversation_tenant_id_resource_id_index" ON "agent_conversation" USING btree ("tenant_id","resource_id");--> statement-breakpoint
CREATE INDEX "agent_conversation_tenant_id_created_at_index" ON "agent_conversation" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "agent_conversation_created_at_index" ON "agent_conversation" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "agent_conversation_agent_id_index" ON "agent_conversation" USING btree ("agent_id");--> statement-breakpoint
CREATE INDEX "agent_conversation_tenant_id_agent_id_created_at_index" ON "agent_conversation" USING btree ("tenant_id","agent_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "channel_credentials_tenant_id_channel_name_index" ON "channel_credentials" USING btree ("tenant_id","channel","name");--> statement-breakpoint
CREATE INDEX "channel_credentials_tenant_id_created_at_index" ON "channel_credentials" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "channel_credentials_created_at_index" ON "channel_credentials" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "channel_session_tenant_id_channel_channel_id_index" ON "channel_session" USING btree ("tenant_id","channel","channel_id");--> statement-breakpoint
CREATE INDEX "channel_session_tenant_id_created_at_index" ON "channel_session" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "channel_session_created_at_index" ON "channel_session" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "voice_agent_trace_call_log_id_index" ON "voice_agent_trace" USING btree ("call_log_id");--> statement-breakpoint
CREATE INDEX "voice_agent_trace_tenant_id_created_at_index" ON "voice_agent_trace" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "voice_agent_trace_created_at_index" ON "voice_agent_trace" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "voice_agent_trace_agent_id_index" ON "voice_agent_trace" USING btree ("agent_id");--> statement-breakpoint
CREATE INDEX "voice_agent_trace_tenant_id_agent_id_created_at_index" ON "voice_agent_trace" USING btree ("tenant_id","agent_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "voice_call_log_tenant_id_provider_external_id_index" ON "voice_call_log" USING btree ("tenant_id","provider","external_id");--> statement-breakpoint
CREATE INDEX "voice_call_log_tenant_id_created_at_index" ON "voice_call_log" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "voice_call_log_created_at_index" ON "voice_call_log" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "voice_call_log_agent_id_index" ON "voice_call_log" USING btree ("agent_id");--> statement-breakpoint
CREATE INDEX "voice_call_log_tenant_id_agent_id_created_at_index" ON "voice_call_log" USING btree ("tenant_id","agent_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "agent_cost_daily_agent_id_date_index" ON "agent_cost_daily" USING btree ("agent_id","date");--> statement-breakpoint
CREATE INDEX "agent_cost_daily_tenant_id_date_index" ON "agent_cost_daily" USING btree ("tenant_id","date");--> statement-breakpoint
CREATE INDEX "agent_cost_daily_created_at_index" ON "agent_cost_daily" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "agent_model_cost_daily_agent_id_date_model_name_index" ON "agent_model_cost_daily" USING btree ("agent_id","date","model_name");--> statement-breakpoint
CREATE INDEX "agent_model_cost_daily_tenant_id_date_index" ON "agent_model_cost_daily" USING btree ("tenant_id","date");--> statement-breakpoint
CREATE INDEX "agent_model_cost_daily_created_at_index" ON "agent_model_cost_daily" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "budget_policy_agent_id_index" ON "budget_policy" USING btree ("agent_id");--> statement-breakpoint
CREATE INDEX "budget_policy_tenant_id_created_at_index" ON "budget_policy" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "budget_policy_created_at_index" ON "budget_policy" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "budget_reservation_run_id_scope_index" ON "budget_reservation" USING btree ("run_id","scope");--> statement-breakpoint
CREATE INDEX "budget_reservation_tenant_id_period_status_index" ON "budget_reservation" USING btree ("tenant_id","period","status");--> statement-breakpoint
CREATE INDEX "budget_reservation_agent_id_period_status_index" ON "budget_reservation" USING btree ("agent_id","period","status");--> statement-breakpoint
CREATE INDEX "budget_reservation_created_at_index" ON "budget_reservation" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "cost_event_run_id_index" ON "cost_event" USING btree ("run_id");--> statement-breakpoint
CREATE INDEX "cost_event_tenant_id_created_at_index" ON "cost_event" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "cost_event_created_at_index" ON "cost_event" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "cost_event_agent_id_index" ON "cost_event" USING btree ("agent_id");--> statement-breakpoint
CREATE INDEX "cost_event_tenant_id_agent_id_created_at_index" ON "cost_event" USING btree ("tenant_id","agent_id","created_at");--> statement-breakpoint
CREATE INDEX "cost_recommendation_agent_id_created_at_index" ON "cost_recommendation" USING btree ("agent_id","created_at");--> statement-breakpoint
CREATE INDEX "cost_recommendation_tenant_id_created_at_index" ON "cost_recommendation" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "cost_recommendation_created_at_index" ON "cost_recommendation" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "model_price_override_tenant_id_provider_model_name_index" ON "model_price_override" USING btree ("tenant_id","provider","model_name");--> statement-breakpoint
CREATE INDEX "model_price_override_created_at_index" ON "model_price_override" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "agent_evaluation_run_id_scorer_version_index" ON "agent_evaluation" USING btree ("run_id","scorer_version");--> statement-breakpoint
CREATE INDEX "agent_evaluation_tenant_id_created_at_index" ON "agent_evaluation" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "agent_evaluation_created_at_index" ON "agent_evaluation" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "agent_evaluation_agent_id_index" ON "agent_evaluation" USING btree ("agent_id");--> statement-breakpoint
CREATE INDEX "agent_evaluation_tenant_id_agent_id_created_at_index" ON "agent_evaluation" USING btree ("tenant_id","agent_id","created_at");--> statement-breakpoint
CREATE INDEX "agent_feedback_run_id_index" ON "agent_feedback" USING btree ("run_id");--> statement-breakpoint
CREATE INDEX "agent_feedback_user_id_index" ON "agent_feedback" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "agent_feedback_tenant_id_created_at_index" ON "agent_feedback" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "agent_feedback_created_at_index" ON "agent_feedback" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "agent_feedback_agent_id_index" ON "agent_feedback" USING btree ("agent_id");--> statement-breakpoint
CREATE INDEX "agent_feedback_tenant_id_agent_id_created_at_index" ON "agent_feedback" USING btree ("tenant_id","agent_id","created_at");--> statement-breakpoint
CREATE INDEX "agent_test_case_agent_id_index" ON "agent_test_case" USING btree ("agent_id");--> statement-breakpoint
CREATE INDEX "agent_test_case_tenant_id_created_at_index" ON "agent_test_case" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "agent_test_case_created_at_index" ON "agent_test_case" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "agent_test_run_tenant_id_created_at_index" ON "agent_test_run" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "agent_test_run_created_at_index" ON "agent_test_run" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "agent_test_run_agent_id_index" ON "agent_test_run" USING btree ("agent_id");--> statement-breakpoint
CREATE INDEX "agent_test_run_tenant_id_agent_id_created_at_index" ON "agent_test_run" USING btree ("tenant_id","agent_id","created_at");--> statement-breakpoint
CREATE INDEX "agent_test_run_test_case_id_created_at_index" ON "agent_test_run" USING btree ("test_case_id","created_at");--> statement-breakpoint
CREATE INDEX "agent_test_run_version_id_index" ON "agent_test_run" USING btree ("version_id");--> statement-breakpoint
CREATE INDEX "agent_test_run_run_id_index" ON "agent_test_run" USING btree ("run_id");--> statement-breakpoint
CREATE INDEX "goal_tenant_id_created_at_index" ON "goal" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "goal_created_at_index" ON "goal" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "goal_orchestrator_agent_id_index" ON "goal" USING btree ("orchestrator_agent_id");--> statement-breakpoint
CREATE INDEX "goal_tenant_id_status_index" ON "goal" USING btree ("tenant_id","status");--> statement-breakpoint
CREATE INDEX "goal_next_retry_at_index" ON "goal" USING btree ("next_retry_at");--> statement-breakpoint
CREATE UNIQUE INDEX "goal_step_goal_id_step_number_index" ON "goal_step" USING btree ("goal_id","step_number");--> statement-breakpoint
CREATE INDEX "goal_step_run_id_index" ON "goal_step" USING btree ("run_id");--> statement-breakpoint
CREATE INDEX "goal_step_tenant_id_created_at_index" ON "goal_step" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "goal_step_created_at_index" ON "goal_step" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "guardrail_event_tenant_id_created_at_index" ON "guardrail_event" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "guardrail_event_created_at_index" ON "guardrail_event" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "guardrail_event_agent_id_index" ON "guardrail_event" USING btree ("agent_id");--> statement-breakpoint
CREATE INDEX "guardrail_event_tenant_id_agent_id_created_at_index" ON "guardrail_event" USING btree ("tenant_id","agent_id","created_at");--> statement-breakpoint
CREATE INDEX "guardrail_event_run_id_index" ON "guardrail_event" USING btree ("run_id");--> statement-breakpoint
CREATE UNIQUE INDEX "guardrail_policy_agent_id_version_index" ON "guardrail_policy" USING btree ("agent_id","version");--> statement-breakpoint
CREATE INDEX "guardrail_policy_tenant_id_created_at_index" ON "guardrail_policy" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "guardrail_policy_created_at_index" ON "guardrail_policy" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "learning_approval_tenant_id_created_at_index" ON "learning_approval" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "learning_approval_created_at_index" ON "learning_approval" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "learning_approval_agent_id_index" ON "learning_approval" USING btree ("agent_id");--> statement-breakpoint
CREATE INDEX "learning_approval_tenant_id_agent_id_created_at_index" ON "learning_approval" USING btree ("tenant_id","agent_id","created_at");--> statement-breakpoint
CREATE INDEX "learning_approval_proposal_id_index" ON "learning_approval" USING btree ("proposal_id");--> statement-breakpoint
CREATE INDEX "learning_experiment_tenant_id_created_at_index" ON "learning_experiment" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "learning_experiment_created_at_index" ON "learning_experiment" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "learning_experiment_agent_id_index" ON "learning_experiment" USING btree ("agent_id");--> statement-breakpoint
CREATE INDEX "learning_experiment_tenant_id_agent_id_created_at_index" ON "learning_experiment" USING btree ("tenant_id","agent_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "learning_experiment_one_running_per_agent" ON "learning_experiment" USING btree ("agent_id") WHERE "learning_experiment"."status" = 'RUNNING';--> statement-breakpoint
CREATE INDEX "learning_experiment_status_index" ON "learning_experiment" USING btree ("status");--> statement-breakpoint
CREATE INDEX "learning_experiment_proposal_id_index" ON "learning_experiment" USING btree ("proposal_id");--> statement-breakpoint
CREATE INDEX "learning_experiment_baseline_version_id_index" ON "learning_experiment" USING btree ("baseline_version_id");--> statement-breakpoint
CREATE INDEX "learning_experiment_candidate_version_id_index" ON "learning_experiment" USING btree ("candidate_version_id");--> statement-breakpoint
CREATE UNIQUE INDEX "learning_metric_daily_agent_id_date_index" ON "learning_metric_daily" USING btree ("agent_id","date");--> statement-breakpoint
CREATE INDEX "learning_metric_daily_tenant_id_date_index" ON "learning_metric_daily" USING btree ("tenant_id","date");--> statement-breakpoint
CREATE INDEX "learning_metric_daily_created_at_index" ON "learning_metric_daily" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "learning_policy_agent_id_index" ON "learning_policy" USING btree ("agent_id");--> statement-breakpoint
CREATE INDEX "learning_policy_tenant_id_created_at_index" ON "learning_policy" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "learning_policy_created_at_index" ON "learning_policy" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "learning_proposal_tenant_id_created_at_index" ON "learning_proposal" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "learning_proposal_created_at_index" ON "learning_proposal" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "learning_proposal_agent_id_index" ON "learning_proposal" USING btree ("agent_id");--> statement-breakpoint
CREATE INDEX "learning_proposal_tenant_id_agent_id_created_at_index" ON "learning_proposal" USING btree ("tenant_id","agent_id","created_at");--> statement-breakpoint
CREATE INDEX "learning_proposal_session_id_index" ON "learning_proposal" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "learning_proposal_agent_id_status_index" ON "learning_proposal" USING btree ("agent_id","status");--> statement-breakpoint
CREATE INDEX "learning_proposal_candidate_version_id_index" ON "learning_proposal" USING btree ("candidate_version_id");--> statement-breakpoint
CREATE INDEX "learning_session_tenant_id_created_at_index" ON "learning_session" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "learning_session_created_at_index" ON "learning_session" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "learning_session_agent_id_index" ON "learning_session" USING btree ("agent_id");--> statement-breakpoint
CREATE INDEX "learning_session_tenant_id_agent_id_created_at_index" ON "learning_session" USING btree ("tenant_id","agent_id","created_at");--> statement-breakpoint
CREATE INDEX "learning_session_agent_id_status_index" ON "learning_session" USING btree ("agent_id","status");--> statement-breakpoint
CREATE INDEX "learning_signal_tenant_id_created_at_index" ON "learning_signal" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "learning_signal_created_at_index" ON "learning_signal" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "learning_signal_agent_id_index" ON "learning_signal" USING btree ("agent_id");--> statement-breakpoint
CREATE INDEX "learning_signal_tenant_id_agent_id_created_at_index" ON "learning_signal" USING btree ("tenant_id","agent_id","created_at");--> statement-breakpoint
CREATE INDEX "learning_signal_session_id_index" ON "learning_signal" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "learning_signal_run_id_index" ON "learning_signal" USING btree ("run_id");--> statement-breakpoint
CREATE INDEX "agent_run_tenant_id_created_at_index" ON "agent_run" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "agent_run_created_at_index" ON "agent_run" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "agent_run_agent_id_index" ON "agent_run" USING btree ("agent_id");--> statement-breakpoint
CREATE INDEX "agent_run_tenant_id_agent_id_created_at_index" ON "agent_run" USING btree ("tenant_id","agent_id","created_at");--> statement-breakpoint
CREATE INDEX "agent_run_tenant_id_status_index" ON "agent_run" USING btree ("tenant_id","status");--> statement-breakpoint
CREATE INDEX "agent_run_tenant_id_thread_id_index" ON "agent_run" USING btree ("tenant_id","thread_id");--> statement-breakpoint
CREATE INDEX "agent_run_version_id_index" ON "agent_run" USING btree ("version_id");--> statement-breakpoint
CREATE INDEX "agent_run_parent_run_id_index" ON "agent_run" USING btree ("parent_run_id");--> statement-breakpoint
CREATE INDEX "agent_run_experiment_id_experiment_group_index" ON "agent_run" USING btree ("experiment_id","experiment_group");--> statement-breakpoint
CREATE INDEX "agent_tool_call_tenant_id_created_at_index" ON "agent_tool_call" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "agent_tool_call_created_at_index" ON "agent_tool_call" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "agent_tool_call_agent_id_index" ON "agent_tool_call" USING btree ("agent_id");--> statement-breakpoint
CREATE INDEX "agent_tool_call_tenant_id_agent_id_created_at_index" ON "agent_tool_call" USING btree ("tenant_id","agent_id","created_at");--> statement-breakpoint
CREATE INDEX "agent_tool_call_run_id_index" ON "agent_tool_call" USING btree ("run_id");--> statement-breakpoint
CREATE INDEX "agent_tool_call_trace_id_index" ON "agent_tool_call" USING btree ("trace_id");--> statement-breakpoint
CREATE INDEX "agent_tool_call_mcp_server_id_index" ON "agent_tool_call" USING btree ("mcp_server_id");--> statement-breakpoint
CREATE INDEX "agent_tool_call_tenant_id_tool_key_created_at_index" ON "agent_tool_call" USING btree ("tenant_id","tool_key","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "agent_trace_run_id_index" ON "agent_trace" USING btree ("run_id");--> statement-breakpoint
CREATE INDEX "agent_trace_tenant_id_created_at_index" ON "agent_trace" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "agent_trace_created_at_index" ON "agent_trace" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "agent_trace_agent_id_index" ON "agent_trace" USING btree ("agent_id");--> statement-breakpoint
CREATE INDEX "agent_trace_tenant_id_agent_id_created_at_index" ON "agent_trace" USING btree ("tenant_id","agent_id","created_at");--> statement-breakpoint
CREATE INDEX "agent_trace_step_trace_id_step_number_index" ON "agent_trace_step" USING btree ("trace_id","step_number");--> statement-breakpoint
CREATE INDEX "agent_trace_step_tenant_id_created_at_index" ON "agent_trace_step" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "agent_trace_step_created_at_index" ON "agent_trace_step" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "mcp_server_tenant_id_name_index" ON "mcp_server" USING btree ("tenant_id","name");--> statement-breakpoint
CREATE INDEX "mcp_server_tenant_id_created_at_index" ON "mcp_server" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "mcp_server_created_at_index" ON "mcp_server" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "trip_note_tenant_id_resource_id_trip_id_index" ON "trip_note" USING btree ("tenant_id","resource_id","trip_id");--> statement-breakpoint
CREATE INDEX "trip_note_tenant_id_created_at_index" ON "trip_note" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "trip_note_created_at_index" ON "trip_note" USING btree ("created_at");