// AgentResolver (SPEC §5): finds an agent in the database by id or slug (active only), hydrates its tools, memory
// settings and scorers, falls back to the code-defined agents, and returns the Mastra Agent with its record.
import { Agent } from '@mastra/core/agent';
import type { MastraModelConfig } from '@mastra/core/llm';
import { noopLogger } from '@mastra/core/logger';
import type { MastraMemory } from '@mastra/core/memory';
import type { OutputProcessor } from '@mastra/core/processors';
import type { createTool } from '@mastra/core/tools';
import type { Agent as AgentRecord, MemoryConfig, RequestContext } from '@trellis/db';
import type { StoredAgent } from '../cache/definitions';
import type { ServiceContext } from '../context';
import { invalidInput, notFound } from '../errors';
import { searchForAgent } from '../knowledge/service';
import { serverOfTool } from '../mcp/tools';
import { recallSimilar } from '../memory/semantic-recall';
import { getScorersByNames } from '../scorers/catalog';
import type { ToolCallGate, ToolCallListener } from '../tools/registry';
import { codeDefinedAgents } from './definitions';
import { interpolate } from './interpolate';
import { AgentStore } from './store';

export interface ResolveOptions {
  slug?: string;
  id?: string;
  requestContext?: RequestContext;
  /** Fall back to a code-defined agent of the same slug when no active row exists (default true). */
  fallbackToSystem?: boolean;
  /** Run this saved version of a stored agent (its snapshot) instead of the current one (test suites, experiments). */
  version?: number;
}

/** Memory settings with SPEC §5 defaults applied. */
export interface ResolvedMemory {
  lastMessages: number;
  semanticRecall: { topK: number; messageRange: number } | false;
  workingMemory: { enabled: boolean; template?: string };
}

export interface ResolvedAgent {
  record: AgentRecord;
  source: 'database' | 'fallback';
  /** The id of the agent version this configuration is (null for a code-defined fallback). */
  versionId: string | null;
  instructions: string;
  /** Built-in tool ids. */
  tools: string[];
  /** MCP tools (`server_tool`), resolved per run (mcp/tools.ts). */
  mcpTools: string[];
  memory: ResolvedMemory | null;
  scorers: ReturnType<typeof getScorersByNames>;
}

export interface HydratedAgent extends ResolvedAgent {
  agent: Agent;
}

export interface HydrateOptions {
  resourceId?: string;
  threadId?: string;
  abortSignal?: AbortSignal;
  onToolCall?: ToolCallListener;
  /** Lets each tool call through or refuses it (the guardrails' tool-call limit). */
  beforeToolCall?: ToolCallGate;
  /** Conversation memory for this run (threads, messages and working memory in the tenant's database). */
  memory?: MastraMemory;
  /** Tools bound elsewhere for this run (its MCP tools), added to the agent's built-in ones. */
  extraTools?: Record<string, ReturnType<typeof createTool>>;
  /** Output processors of this run's agent (the memory's turn history). */
  outputProcessors?: OutputProcessor[];
}

export function resolveMemory(enabled: boolean, config: MemoryConfig | null | undefined): ResolvedMemory | null {
  if (!enabled) return null;
  const recall = config?.semanticRecall;
  return {
    lastMessages: config?.lastMessages ?? 10,
    semanticRecall: recall ? { topK: recall.topK ?? 5, messageRange: recall.messageRange ?? 100 } : false,
    workingMemory: { enabled: config?.workingMemory?.enabled ?? false, template: config?.workingMemory?.template },
  };
}

/** A record for a code-defined agent: it has no row, so its id marks it as a system agent. */
function fallbackRecord(ctx: ServiceContext, slug: string): { record: AgentRecord; tools: string[] } | undefined {
  const def = codeDefinedAgents.find((d) => d.slug === slug);
  if (!def) return undefined;
  const now = new Date(0);
  const record: AgentRecord = {
    id: `system:${def.slug}`,
    tenantId: ctx.tenantId,
    slug: def.slug,
    name: def.name,
    description: def.description ?? null,
    instructions: def.instructions,
    instructionsTemplate: def.instructionsTemplate ?? null,
    modelProvider: def.modelProvider ?? 'demo',
    modelName: def.modelName ?? 'demo-1',
    temperature: def.temperature ?? null,
    maxTokens: def.maxTokens ?? null,
    modelConfig: def.modelConfig ?? null,
    outputSchema: def.outputSchema ?? null,
    memoryEnabled: def.memoryEnabled ?? false,
    memoryConfig: def.memoryConfig ?? null,
    maxSteps: def.maxSteps ?? 5,
    scorers: def.scorers ?? [],
    scorerSampleRate: null,
    type: 'SYSTEM',
    ownerId: null,
    isPublic: false,
    isActive: true,
    version: 1,
    tags: def.tags ?? [],
    metadata: null,
    createdAt: now,
    updatedAt: now,
  };
  return { record, tools: def.tools ?? [] };
}

/** The active agent stored under `key` (id or slug) with its tools and current version id; null when none. */
async function loadDefinition(ctx: ServiceContext, key: string): Promise<StoredAgent | null> {
  const store = AgentStore.of(ctx);
  const row = await store.find(key, { activeOnly: true });
  if (!row) return null;
  const [tools, version] = await Promise.all([store.tools(row.id), store.versionId(row.id, row.version)]);
  return { record: row, tools: tools.map((t) => t.toolId), source: 'database', versionId: version ?? null };
}

/** A stored agent as one of its saved versions: the version's snapshot over the row; 404 for a version it lacks. */
async function versionDefinition(ctx: ServiceContext, current: StoredAgent, version: number): Promise<StoredAgent> {
  const row = await AgentStore.of(ctx).version(current.record.id, version);
  if (!row) throw notFound('Version', String(version));
  const { tools, ...snapshot } = row.snapshot;
  return {
    record: { ...current.record, ...snapshot, version },
    tools: tools.map((t) => t.toolId),
    source: 'database',
    versionId: row.id,
  };
}

export class AgentResolver {
  constructor(private readonly ctx: ServiceContext) {}

  /**
   * The agent's effective configuration for this request, without building a Mastra Agent. The stored definition
   * comes from the process's cache (dropped whenever any process changes the tenant's agents).
   */
  async resolveConfig(options: ResolveOptions): Promise<ResolvedAgent> {
    const key = options.id ?? options.slug;
    if (!key) throw invalidInput('Give an agent id or slug', { field: 'slug' });
    const { tenantId } = this.ctx;
    let found: StoredAgent | null = await this.ctx.runtime.caches.agents.get(tenantId, key, () =>
      loadDefinition(this.ctx, key),
    );
    if (!found && options.fallbackToSystem !== false) {
      const fb = fallbackRecord(this.ctx, key);
      if (fb) found = { ...fb, source: 'fallback', versionId: null };
    }
    if (!found) throw notFound('Agent', key);
    if (options.version !== undefined && options.version !== found.record.version) {
      if (found.source !== 'database') throw notFound('Version', String(options.version));
      found = await versionDefinition(this.ctx, found, options.version);
    }
    const { record, tools, source, versionId } = found;
    const requestContext: RequestContext = {
      ...options.requestContext,
      resource: { ...options.requestContext?.resource, tenantId },
    };
    return {
      record,
      source,
      versionId,
      instructions: interpolate(record.instructionsTemplate ?? record.instructions, requestContext),
      tools: tools.filter((t) => this.ctx.runtime.tools.has(t)),
      mcpTools: tools.filter((t) => !this.ctx.runtime.tools.has(t) && serverOfTool(t) !== undefined),
      memory: resolveMemory(record.memoryEnabled, record.memoryConfig),
      scorers: getScorersByNames(record.scorers),
    };
  }

  /** Resolves and builds the Mastra Agent, its tools bound to this tenant and request. */
  async resolve(options: ResolveOptions, hydrate: HydrateOptions = {}): Promise<HydratedAgent> {
    const resolved = await this.resolveConfig(options);
    return { ...resolved, agent: this.build(resolved, hydrate) };
  }

  build(resolved: ResolvedAgent, hydrate: HydrateOptions = {}): Agent {
    const { record } = resolved;
    const { runtime, db, tenantId } = this.ctx;
    const tools = runtime.tools.bind(
      resolved.tools,
      {
        db,
        tenantId,
        agentId: resolved.source === 'database' ? record.id : undefined,
        resourceId: hydrate.resourceId,
        threadId: hydrate.threadId,
        webFetch: runtime.webFetch,
        abortSignal: hydrate.abortSignal,
        knowledge: (query) => searchForAgent(this.ctx, query),
        recallMemory:
          runtime.vectorSearch && hydrate.resourceId
            ? async (query, limit) =>
                (
                  await recallSimilar(this.ctx, {
                    resourceId: hydrate.resourceId as string,
                    text: query,
                    topK: limit,
                    messageRange: 1000,
                  })
                ).map((m) => ({
                  role: m.role,
                  text: m.text,
                  at: new Date(m.created_at).toISOString(),
                  threadId: m.thread_id,
                }))
            : undefined,
      },
      hydrate.onToolCall,
      hydrate.beforeToolCall,
    );
    const built = new Agent({
      id: record.slug,
      name: record.name,
      description: record.description ?? undefined,
      instructions: resolved.instructions,
      model: runtime.models.languageModel(record.modelProvider, record.modelName) as MastraModelConfig,
      tools: hydrate.extraTools ? { ...tools, ...hydrate.extraTools } : tools,
      ...(hydrate.memory ? { memory: hydrate.memory } : {}),
      ...(hydrate.outputProcessors ? { outputProcessors: hydrate.outputProcessors } : {}),
    });
    // A failed run is recorded with its error. Mastra's own log of a provider error holds the whole request — the
    // prompt, the user's message, tool schemas — so it is printed only with LOG_LEVEL=debug, where a developer asked
    // for contents.
    if (runtime.config.env.LOG_LEVEL !== 'debug') built.__setLogger(noopLogger);
    return built;
  }
}
