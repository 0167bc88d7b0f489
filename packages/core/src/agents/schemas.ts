// API shapes of agents: create/update input validated with zod (derived from the table's insert schema),
// the snapshot a version captures, and the list filters.
import {
  type AgentSnapshot,
  agentInsertSchema,
  agentTypeValues,
  memoryConfigSchema,
  modelConfigSchema,
} from '@trellis/db';
import { z } from 'zod';
import { providerIds } from '../models/registry';

export const slugSchema = z
  .string()
  .min(1)
  .max(63)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'use lowercase letters, digits and dashes, starting with a letter or digit');

/**
 * A JSON Schema the answer must match (structured output): an object schema, as providers' structured output takes.
 * The agent's own `outputSchema` applies when a run gives none.
 */
export function outputSchemaOf(owner: string) {
  return z
    .record(z.string(), z.unknown())
    .refine((s) => s.type === 'object', {
      message: `the output schema of ${owner} must be a JSON Schema with type "object"`,
    })
    .refine((s) => JSON.stringify(s).length <= 50_000, {
      message: 'the output schema is larger than 50,000 characters',
    });
}

/** A slug made from a display name (lowercase letters, digits and dashes), or `fallback` when nothing is left. */
export const slugFromName = (name: string, fallback: string) =>
  name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63) || fallback;

const toolIds = z.array(z.string().min(1).max(200)).max(64);

/** Fields a caller may set on create; `slug` defaults from `name`. */
export const agentCreateSchema = agentInsertSchema
  .pick({
    description: true,
    instructionsTemplate: true,
    isPublic: true,
    isActive: true,
    memoryEnabled: true,
    metadata: true,
  })
  .extend({
    slug: slugSchema.optional(),
    name: z.string().trim().min(1).max(120),
    description: z.string().max(2000).nullish(),
    instructions: z.string().min(1).max(100_000),
    instructionsTemplate: z.string().max(100_000).nullish(),
    modelProvider: z
      .enum(providerIds, { error: `modelProvider must be one of: ${providerIds.join(', ')}` })
      .default('demo'),
    modelName: z.string().min(1).max(200).default('demo-1'),
    temperature: z.number().min(0).max(2).nullish(),
    maxTokens: z.int().min(1).max(1_000_000).nullish(),
    maxSteps: z.int().min(1).max(50).optional(),
    modelConfig: modelConfigSchema.nullish(),
    outputSchema: outputSchemaOf('the agent').nullish(),
    memoryConfig: memoryConfigSchema.nullish(),
    scorers: z.array(z.string().min(1).max(64)).max(32).optional(),
    scorerSampleRate: z.number().min(0).max(1).nullish(),
    tags: z.array(z.string().min(1).max(64)).max(32).optional(),
    tools: toolIds.optional(),
    type: z.enum(agentTypeValues).optional(),
    metadata: z.record(z.string(), z.unknown()).nullish(),
  })
  .strict();
export type AgentCreateInput = z.input<typeof agentCreateSchema>;

/**
 * Every create field may change; `versionDescription` labels the version the update creates. The create defaults are
 * removed so that a field left out of an update keeps its current value.
 */
export const agentUpdateSchema = agentCreateSchema
  .omit({ type: true })
  .extend({
    modelProvider: agentCreateSchema.shape.modelProvider.removeDefault(),
    modelName: agentCreateSchema.shape.modelName.removeDefault(),
  })
  .partial()
  .extend({ versionDescription: z.string().max(500).optional() })
  .strict();
export type AgentUpdateInput = z.input<typeof agentUpdateSchema>;

export const agentListQuerySchema = z.object({
  q: z.string().max(200).optional(),
  type: z.enum(agentTypeValues).optional(),
  modelProvider: z.string().max(64).optional(),
  active: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
export type AgentListQuery = z.infer<typeof agentListQuerySchema>;

/** The configurable fields of an agent that a version snapshot captures, in a fixed order. */
export const snapshotFields = [
  'slug',
  'name',
  'description',
  'instructions',
  'instructionsTemplate',
  'modelProvider',
  'modelName',
  'temperature',
  'maxTokens',
  'modelConfig',
  'outputSchema',
  'memoryEnabled',
  'memoryConfig',
  'maxSteps',
  'scorers',
  'scorerSampleRate',
  'isPublic',
  'isActive',
  'tags',
  'metadata',
] as const satisfies readonly (keyof AgentSnapshot)[];

export const versionCreateSchema = z.object({ description: z.string().max(500).optional() }).strict();
