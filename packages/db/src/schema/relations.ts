// Drizzle relations for the relational query API (`db.query.agent.findFirst({ with: { versions: true } })`):
// agent ↔ versions/tools/runs, run ↔ trace/tool calls/cost/evaluations, trace ↔ steps, goal ↔ steps, learning.
import { relations } from 'drizzle-orm';
import { agent, agentTool, agentVersion } from './agents';
import { costEvent } from './costs';
import { agentEvaluation, agentFeedback } from './evaluations';
import { goal, goalStep } from './goals';
import { learningExperiment, learningPolicy, learningProposal, learningSession } from './learning';
import { agentRun, agentToolCall, agentTrace, agentTraceStep } from './runs';

export const agentRelations = relations(agent, ({ one, many }) => ({
  versions: many(agentVersion),
  tools: many(agentTool),
  runs: many(agentRun),
  learningPolicy: one(learningPolicy),
}));

export const agentToolRelations = relations(agentTool, ({ one }) => ({
  agent: one(agent, { fields: [agentTool.agentId], references: [agent.id] }),
}));

export const agentVersionRelations = relations(agentVersion, ({ one, many }) => ({
  agent: one(agent, { fields: [agentVersion.agentId], references: [agent.id] }),
  runs: many(agentRun),
}));

export const agentRunRelations = relations(agentRun, ({ one, many }) => ({
  agent: one(agent, { fields: [agentRun.agentId], references: [agent.id] }),
  version: one(agentVersion, { fields: [agentRun.versionId], references: [agentVersion.id] }),
  parentRun: one(agentRun, { fields: [agentRun.parentRunId], references: [agentRun.id], relationName: 'rerun' }),
  reruns: many(agentRun, { relationName: 'rerun' }),
  trace: one(agentTrace),
  toolCalls: many(agentToolCall),
  costEvent: one(costEvent),
  evaluations: many(agentEvaluation),
  feedback: many(agentFeedback),
}));

export const agentTraceRelations = relations(agentTrace, ({ one, many }) => ({
  run: one(agentRun, { fields: [agentTrace.runId], references: [agentRun.id] }),
  steps: many(agentTraceStep),
  toolCalls: many(agentToolCall),
}));

export const agentTraceStepRelations = relations(agentTraceStep, ({ one }) => ({
  trace: one(agentTrace, { fields: [agentTraceStep.traceId], references: [agentTrace.id] }),
}));

export const agentToolCallRelations = relations(agentToolCall, ({ one }) => ({
  run: one(agentRun, { fields: [agentToolCall.runId], references: [agentRun.id] }),
  trace: one(agentTrace, { fields: [agentToolCall.traceId], references: [agentTrace.id] }),
}));

export const costEventRelations = relations(costEvent, ({ one }) => ({
  run: one(agentRun, { fields: [costEvent.runId], references: [agentRun.id] }),
}));

export const agentEvaluationRelations = relations(agentEvaluation, ({ one }) => ({
  run: one(agentRun, { fields: [agentEvaluation.runId], references: [agentRun.id] }),
}));

export const agentFeedbackRelations = relations(agentFeedback, ({ one }) => ({
  run: one(agentRun, { fields: [agentFeedback.runId], references: [agentRun.id] }),
}));

export const goalRelations = relations(goal, ({ many }) => ({
  steps: many(goalStep),
}));

export const goalStepRelations = relations(goalStep, ({ one }) => ({
  goal: one(goal, { fields: [goalStep.goalId], references: [goal.id] }),
  run: one(agentRun, { fields: [goalStep.runId], references: [agentRun.id] }),
}));

export const learningPolicyRelations = relations(learningPolicy, ({ one }) => ({
  agent: one(agent, { fields: [learningPolicy.agentId], references: [agent.id] }),
}));

export const learningSessionRelations = relations(learningSession, ({ many }) => ({
  proposals: many(learningProposal),
}));

export const learningProposalRelations = relations(learningProposal, ({ one, many }) => ({
  session: one(learningSession, { fields: [learningProposal.sessionId], references: [learningSession.id] }),
  experiments: many(learningExperiment),
}));

export const learningExperimentRelations = relations(learningExperiment, ({ one }) => ({
  proposal: one(learningProposal, { fields: [learningExperiment.proposalId], references: [learningProposal.id] }),
}));
