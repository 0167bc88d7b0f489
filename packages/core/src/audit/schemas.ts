// The audit log's vocabulary — every audited action and entity type — and the filters of the audit log lists.
import { auditActorTypeValues } from '@trellis/db';
import { z } from 'zod';
import { isoDateParam, pageParams } from '../pagination';

/** Every action an audit row records, `<entity>.<verb>`. A new kind of write adds its action here. */
export const auditActions = [
  'agent.create',
  'agent.update',
  'agent.delete',
  'agent.rollback',
  'agent.version.create',
  'organization.create',
  'organization.update',
  'member.add',
  'member.update',
  'member.remove',
  'invitation.create',
  'invitation.cancel',
  'invitation.reject',
  'apiKey.create',
  'apiKey.update',
  'apiKey.revoke',
  'budget.update',
  'budget.delete',
  'guardrails.update',
  'price.update',
  'price.delete',
  'alertDestination.create',
  'alertDestination.delete',
  'mcpServer.create',
  'mcpServer.update',
  'mcpServer.delete',
  'knowledgeBase.create',
  'knowledgeBase.update',
  'knowledgeBase.delete',
  'knowledgeDocument.create',
  'knowledgeDocument.reingest',
  'knowledgeDocument.delete',
  'alert.resolve',
  'goal.create',
  'goal.cancel',
  'workflow.run',
  'workflow.cancel',
  'run.cancel',
  'agent.promote',
  'learning.policy.update',
  'learning.pause',
  'learning.resume',
  'learning.session.start',
  'learning.proposal.approve',
  'learning.proposal.reject',
] as const;
export type AuditAction = (typeof auditActions)[number];

export const auditEntityTypes = [
  'agent',
  'organization',
  'member',
  'invitation',
  'apiKey',
  'budget',
  'guardrails',
  'price',
  'alertDestination',
  'mcpServer',
  'knowledgeBase',
  'knowledgeDocument',
  'alert',
  'goal',
  'workflowRun',
  'run',
  'learningPolicy',
  'learningSession',
  'learningProposal',
] as const;
export type AuditEntityType = (typeof auditEntityTypes)[number];

const idParam = z.string().min(1).max(200);

/** Filters of `GET /api/agents/{id}/audit-logs` (the entity is the agent). */
export const agentAuditListQuerySchema = z.object({
  action: z.enum(auditActions).optional(),
  actorId: idParam.optional(),
  actorType: z.enum(auditActorTypeValues).optional(),
  from: isoDateParam.optional(),
  to: isoDateParam.optional(),
  ...pageParams,
});

/** Filters of `GET /api/audit-logs`. */
export const auditListQuerySchema = agentAuditListQuerySchema.extend({
  entityType: z.enum(auditEntityTypes).optional(),
  entityId: idParam.optional(),
});
/** The parsed list query (dates as Date); routes validate with `auditListQuerySchema` first. */
export type AuditListQuery = Partial<z.output<typeof auditListQuerySchema>>;
