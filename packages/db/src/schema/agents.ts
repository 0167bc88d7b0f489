// Agent configuration (SPEC §4 "Agent Configuration"): the agent, its tool bindings and its version history.
import { boolean, doublePrecision, index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createInsertSchema, createSelectSchema } from 'drizzle-zod';
import { user } from './auth';
import { createdAt, id, tenantId, tenantOwned, textList, updatedAt } from './columns';
import { agentType } from './enums';
import {
  type ConfigChange,
  type JsonObject,
  type MemoryConfig,
  type ModelConfig,
  memoryConfigSchema,
  modelConfigSchema,
} from './json';

export const agent = pgTable(
  'agent',
  {
    id: id(),
    tenantId: tenantId(),
    /** URL-safe name, unique per tenant; runs and channels address agents by it. */
    slug: text().notNull(),
    name: text().notNull(),
    description: text(),
    instructions: text().notNull(),
    /** Instructions with `{{userId}}`-style placeholders filled from the RequestContext; wins over `instructions`. */
    instructionsTemplate: text(),
    modelProvider: text().notNull(),
    modelName: text().notNull(),
    temperature: doublePrecision(),
    maxTokens: integer(),
    modelConfig: jsonb().$type<ModelConfig>(),
    memoryEnabled: boolean().notNull().default(false),
    memoryConfig: jsonb().$type<MemoryConfig>(),
    /** A JSON Schema (type object) every answer must match: structured output; a run may give its own. */
    outputSchema: jsonb().$type<JsonObject>(),
    /** Tool-call loop limit per run. */
    maxSteps: integer().notNull().default(5),
    /** Scorer ids (SPEC §9) run after each completed run. */
    scorers: textList(),
    /** Share of completed runs its scorers score (0–1, chosen by run id); null: the server's EVAL_SAMPLE_RATE. */
    scorerSampleRate: doublePrecision(),
    type: agentType().notNull().default('USER'),
    ownerId: text().references(() => user.id, { onDelete: 'set null' }),
    isPublic: boolean().notNull().default(false),
    isActive: boolean().notNull().default(true),
    /** Number of the current version; agent_version holds the history. */
    version: integer().notNull().default(1),
    tags: textList(),
    metadata: jsonb().$type<JsonObject>(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex().on(t.tenantId, t.slug), index().on(t.ownerId), ...tenantOwned(t)],
);

/** Foreign key to the agent that owns the row (configuration, rollups, learning state): deleted with the agent. */
export const agentRef = () =>
  text()
    .notNull()
    .references(() => agent.id, { onDelete: 'cascade' });

/**
 * Foreign key to the agent behind a record that outlives it (runs and their facts, alerts): null for code-defined
 * fallback agents, which have no row. `onDelete` defaults to 'set null' so history survives the agent.
 */
export const optionalAgentRef = (onDelete: 'set null' | 'cascade' = 'set null') =>
  text().references(() => agent.id, { onDelete });

/** The configuration an agent version captures: the agent's configurable fields plus its tool bindings. */
export type AgentSnapshot = Pick<
  Agent,
  | 'slug'
  | 'name'
  | 'description'
  | 'instructions'
  | 'instructionsTemplate'
  | 'modelProvider'
  | 'modelName'
  | 'temperature'
  | 'maxTokens'
  | 'modelConfig'
  | 'outputSchema'
  | 'memoryEnabled'
  | 'memoryConfig'
  | 'maxSteps'
  | 'scorers'
  | 'scorerSampleRate'
  | 'isPublic'
  | 'isActive'
  | 'tags'
  | 'metadata'
> & { tools: Array<{ toolId: string; config: JsonObject | null }> };

/** A tool bound to an agent: `toolId` names a registry tool or an MCP tool (`server_tool`). */
export const agentTool = pgTable(
  'agent_tool',
  {
    id: id(),
    tenantId: tenantId(),
    agentId: agentRef(),
    toolId: text().notNull(),
    config: jsonb().$type<JsonObject>(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex().on(t.agentId, t.toolId), ...tenantOwned(t)],
);

/** An immutable snapshot of an agent's configuration; rollback copies a snapshot back onto the agent. */
export const agentVersion = pgTable(
  'agent_version',
  {
    id: id(),
    tenantId: tenantId(),
    agentId: agentRef(),
    version: integer().notNull(),
    description: text(),
    instructions: text().notNull(),
    modelProvider: text().notNull(),
    modelName: text().notNull(),
    changesJson: jsonb().$type<ConfigChange[]>(),
    snapshot: jsonb().$type<AgentSnapshot>().notNull(),
    /** User id of the author; null for versions created by the system (seeding, learning promotions). */
    createdBy: text(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex().on(t.agentId, t.version), ...tenantOwned(t)],
);

const agentRefine = { memoryConfig: () => memoryConfigSchema, modelConfig: () => modelConfigSchema };
export const agentSelectSchema = createSelectSchema(agent);
export const agentInsertSchema = createInsertSchema(agent, agentRefine);
export type Agent = typeof agent.$inferSelect;
export type NewAgent = typeof agent.$inferInsert;

export const agentToolSelectSchema = createSelectSchema(agentTool);
export const agentToolInsertSchema = createInsertSchema(agentTool);
export type AgentTool = typeof agentTool.$inferSelect;
export type NewAgentTool = typeof agentTool.$inferInsert;

export const agentVersionSelectSchema = createSelectSchema(agentVersion);
export const agentVersionInsertSchema = createInsertSchema(agentVersion);
export type AgentVersion = typeof agentVersion.$inferSelect;
export type NewAgentVersion = typeof agentVersion.$inferInsert;
