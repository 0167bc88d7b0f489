// Every PostgreSQL enum of the domain (SPEC §4 and §19), each with its values as a const array for zod and the UI.
// Kept in one module because several domains share them (run status, experiment group, alert severity).
import { pgEnum } from 'drizzle-orm/pg-core';

/** SYSTEM agents are seeded by Trellis; USER agents are created by a tenant. */
export const agentType = pgEnum('agent_type', ['SYSTEM', 'USER']);
export const agentTypeValues = agentType.enumValues;
export type AgentType = (typeof agentTypeValues)[number];

/** Lifecycle of a run; goals, goal steps and traces reuse it. */
export const runStatus = pgEnum('run_status', ['QUEUED', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED']);
export const runStatusValues = runStatus.enumValues;
export type RunStatus = (typeof runStatusValues)[number];

/** TEST: playground/test-case runs; PROD: API and channel traffic; AB: runs routed by a learning experiment. */
export const runType = pgEnum('run_type', ['TEST', 'PROD', 'AB']);
export const runTypeValues = runType.enumValues;
export type RunType = (typeof runTypeValues)[number];

export const alertSeverity = pgEnum('alert_severity', ['INFO', 'WARNING', 'CRITICAL']);
export const alertSeverityValues = alertSeverity.enumValues;
export type AlertSeverity = (typeof alertSeverityValues)[number];

export const alertSource = pgEnum('alert_source', ['COST', 'GUARDRAIL', 'EVAL', 'LEARNING', 'SYSTEM']);
export const alertSourceValues = alertSource.enumValues;
export type AlertSource = (typeof alertSourceValues)[number];

export const guardrailEventType = pgEnum('guardrail_event_type', ['BLOCKED', 'MODIFIED', 'FLAGGED']);
export const guardrailEventTypeValues = guardrailEventType.enumValues;
export type GuardrailEventType = (typeof guardrailEventTypeValues)[number];

/** Messaging channels of SPEC §13, spelled as the spec's ChannelSession.channel. */
export const channelKind = pgEnum('channel_kind', ['whatsapp', 'telegram', 'voice']);
export const channelKindValues = channelKind.enumValues;
export type ChannelKind = (typeof channelKindValues)[number];

/** Which side of a shadow A/B experiment served a run. */
export const experimentGroup = pgEnum('experiment_group', ['BASELINE', 'CANDIDATE']);
export const experimentGroupValues = experimentGroup.enumValues;
export type ExperimentGroup = (typeof experimentGroupValues)[number];

/** LOW: instruction-only edits (auto-promotable); MEDIUM: tool configuration; HIGH: model, memory or guardrails. */
export const riskTier = pgEnum('risk_tier', ['LOW', 'MEDIUM', 'HIGH']);
export const riskTierValues = riskTier.enumValues;
export type RiskTier = (typeof riskTierValues)[number];

/** A learning session walks signal extraction → proposals → experiment → approval, ending in one final state. */
export const learningSessionStatus = pgEnum('learning_session_status', [
  'PENDING',
  'ANALYZING',
  'PROPOSING',
  'EXPERIMENTING',
  'AWAITING_APPROVAL',
  'COMPLETED',
  'FAILED',
  'CANCELLED',
]);
export const learningSessionStatusValues = learningSessionStatus.enumValues;
export type LearningSessionStatus = (typeof learningSessionStatusValues)[number];

export const learningProposalStatus = pgEnum('learning_proposal_status', [
  'PENDING',
  'EXPERIMENTING',
  'AWAITING_APPROVAL',
  'APPROVED',
  'REJECTED',
  'PROMOTED',
  'FAILED',
]);
export const learningProposalStatusValues = learningProposalStatus.enumValues;
export type LearningProposalStatus = (typeof learningProposalStatusValues)[number];

/** INCONCLUSIVE: the experiment hit its run or duration cap without a clear winner. */
export const learningExperimentStatus = pgEnum('learning_experiment_status', [
  'PENDING',
  'RUNNING',
  'COMPLETED',
  'INCONCLUSIVE',
  'CANCELLED',
]);
export const learningExperimentStatusValues = learningExperimentStatus.enumValues;
export type LearningExperimentStatus = (typeof learningExperimentStatusValues)[number];

export const approvalDecision = pgEnum('approval_decision', ['APPROVED', 'REJECTED']);
export const approvalDecisionValues = approvalDecision.enumValues;
export type ApprovalDecision = (typeof approvalDecisionValues)[number];

/** What a learning signal observed about a run (SPEC §19: low score, high latency, user feedback, …). */
export const learningSignalType = pgEnum('learning_signal_type', [
  'LOW_SCORE',
  'HIGH_LATENCY',
  'NEGATIVE_FEEDBACK',
  'RUN_FAILURE',
  'GUARDRAIL_VIOLATION',
  'COST_SPIKE',
]);
export const learningSignalTypeValues = learningSignalType.enumValues;
export type LearningSignalType = (typeof learningSignalTypeValues)[number];
