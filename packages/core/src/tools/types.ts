// What a tool is in Trellis: an id, a zod input schema, and an execute function bound to a run's context.
import type { Db } from '@trellis/db';
import type { z } from 'zod';

/** Per-run context a tool executes in: always inside one tenant. */
export interface ToolContext {
  db: Db;
  tenantId: string;
  agentId?: string;
  resourceId?: string;
  threadId?: string;
  webFetch: WebFetchPolicy;
  abortSignal?: AbortSignal;
  /** The user's earlier messages most similar to `query` (semantic recall; absent without pgvector or a user). */
  recallMemory?: (
    query: string,
    limit: number,
  ) => Promise<{ role: string; text: string; at: string; threadId: string }[]>;
  /** Searches the tenant's knowledge bases (set when a run builds its tools; knowledge/service.ts). */
  knowledge?: (query: { query: string; knowledgeBase?: string; k: number }) => Promise<unknown>;
}

export interface WebFetchPolicy {
  /** host:port pairs allowed even when they resolve to private addresses (operator-configured). */
  allowlist: string[];
  maxBytes: number;
  timeoutMs: number;
  maxRedirects: number;
}

export interface ToolDefinition<I extends z.ZodType = z.ZodType> {
  id: string;
  description: string;
  category: 'core' | 'trip-planner';
  /** True when results come from built-in sample data rather than a live service. */
  sampleData?: boolean;
  inputSchema: I;
  execute(input: z.infer<I>, ctx: ToolContext): Promise<unknown>;
}

/** Declares a tool with its input type inferred from the schema. */
export const defineTool = <I extends z.ZodType>(def: ToolDefinition<I>): ToolDefinition<I> => def;
