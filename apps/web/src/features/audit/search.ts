// The audit page's URL search: which filters exist and the entity types to choose from (what the API accepts).
import * as z from 'zod/mini';

export const auditEntityTypeOptions = [
  'agent',
  'budget',
  'guardrails',
  'price',
  'alertDestination',
  'alert',
  'goal',
  'run',
  'apiKey',
  'member',
  'invitation',
  'organization',
] as const;

const day = z.catch(z.optional(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/))), undefined);
export const auditSearch = z.object({
  entityType: z.catch(z.optional(z.enum(auditEntityTypeOptions)), undefined),
  entityId: z.optional(z.string()),
  actorType: z.catch(z.optional(z.enum(['user', 'apiKey', 'system'])), undefined),
  from: day,
  to: day,
});
export const auditSearchKeys = ['entityType', 'entityId', 'actorType', 'from', 'to'] as const;
