// The tool registry: every built-in tool, their JSON schemas for the API, and Mastra tools bound to one run.
// Each bound tool reports its calls (input, output, timing, errors) to the run's recorder.
import { createTool } from '@mastra/core/tools';
import { z } from 'zod';
import { invalidInput } from '../errors';
import { calculatorTool } from './builtin/calculator';
import { dateTimeTool } from './builtin/date-time';
import { generateIdTool } from './builtin/generate-id';
import { jsonParserTool } from './builtin/json-parser';
import { knowledgeSearchTool } from './builtin/knowledge-search';
import { memoryRecallTool } from './builtin/memory-recall';
import { tripNotesTool } from './builtin/trip-notes';
import { webFetchTool } from './builtin/web-fetch';
import { sampleTravelProvider, type TravelProvider } from './travel/provider';
import { travelTools } from './travel/tools';
import type { ToolContext, ToolDefinition } from './types';

export interface ToolCallRecord {
  toolCallId?: string;
  toolKey: string;
  /** The MCP server that executed the call (an organization's server); absent for built-in and catalog tools. */
  mcpServerId?: string | null;
  input: unknown;
  output?: unknown;
  success: boolean;
  error?: string;
  startedAt: Date;
  durationMs: number;
}

export type ToolCallListener = (record: ToolCallRecord) => void;
/** Called before a tool executes; throwing refuses the call (the tool is not run). */
export type ToolCallGate = (toolKey: string) => void;

/** A tool as `GET /api/agents/tools` shows it, with its input's JSON Schema. */
export const toolCatalogEntrySchema = z.object({
  id: z.string(),
  description: z.string(),
  category: z.enum(['core', 'trip-planner']),
  sampleData: z.boolean(),
  inputSchema: z.record(z.string(), z.unknown()),
});
export type ToolCatalogEntry = z.output<typeof toolCatalogEntrySchema>;

export class ToolRegistry {
  private readonly byId = new Map<string, ToolDefinition>();
  private catalogCache?: ToolCatalogEntry[];

  constructor(travel: TravelProvider = sampleTravelProvider) {
    const all = [
      dateTimeTool,
      calculatorTool,
      generateIdTool,
      webFetchTool,
      memoryRecallTool,
      jsonParserTool,
      knowledgeSearchTool,
      ...travelTools(travel),
      tripNotesTool,
    ];
    for (const def of all) this.byId.set(def.id, def as ToolDefinition);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  get(id: string): ToolDefinition | undefined {
    return this.byId.get(id);
  }

  /** Throws VALIDATION_FAILED naming every unknown tool id. */
  assertKnown(ids: readonly string[]): void {
    const unknown = ids.filter((id) => !this.byId.has(id));
    if (unknown.length) {
      throw invalidInput(`Unknown tool${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`, {
        field: 'tools',
        unknown,
        known: [...this.byId.keys()],
      });
    }
  }

  /** Every tool with its JSON Schema, for `GET /api/agents/tools`. */
  catalog() {
    // Converting every schema is costly and the tools never change after construction: once per registry.
    const catalog =
      this.catalogCache ??
      [...this.byId.values()].map((def) => ({
        id: def.id,
        description: def.description,
        category: def.category,
        sampleData: def.sampleData ?? false,
        inputSchema: z.toJSONSchema(def.inputSchema, { io: 'input' }) as Record<string, unknown>,
      }));
    this.catalogCache = catalog;
    return catalog;
  }

  /** Mastra tools for `ids`, executing inside `ctx`, each call let through by `beforeCall` and reported to `onCall`. */
  bind(ids: readonly string[], ctx: ToolContext, onCall?: ToolCallListener, beforeCall?: ToolCallGate) {
    const tools: Record<string, ReturnType<typeof createTool>> = {};
    for (const id of ids) {
      const def = this.byId.get(id);
      if (!def) continue;
      tools[id] = createTool({
        id: def.id,
        description: def.description,
        inputSchema: def.inputSchema,
        execute: recordedExecute(
          id,
          null,
          (input, signal) => def.execute(input, { ...ctx, abortSignal: signal ?? ctx.abortSignal }),
          onCall,
          beforeCall,
        ),
      });
    }
    return tools;
  }
}

/** A tool from outside the registry (an MCP server's), with what executes it. */
export interface ExternalTool {
  name: string;
  description?: string;
  inputSchema: unknown;
  mcpServerId: string | null;
  execute(input: unknown, signal?: AbortSignal): Promise<unknown>;
}

/** Mastra tools for external tools, reported and gated like the built-in ones. */
export function bindExternal(tools: ExternalTool[], onCall?: ToolCallListener, beforeCall?: ToolCallGate) {
  const bound: Record<string, ReturnType<typeof createTool>> = {};
  for (const tool of tools) {
    bound[tool.name] = createTool({
      id: tool.name,
      description: tool.description ?? tool.name,
      inputSchema: tool.inputSchema as z.ZodType,
      execute: recordedExecute(tool.name, tool.mcpServerId, tool.execute, onCall, beforeCall),
    });
  }
  return bound;
}

/**
 * An execute function that asks `beforeCall`, runs `run`, and reports the call (input, output, timing, error) to
 * `onCall`. An output with an `error` field counts as a failed call; a thrown error too (and is rethrown).
 */
function recordedExecute(
  toolKey: string,
  mcpServerId: string | null,
  run: (input: unknown, signal?: AbortSignal) => Promise<unknown>,
  onCall?: ToolCallListener,
  beforeCall?: ToolCallGate,
) {
  return async (input: unknown, execCtx?: { abortSignal?: AbortSignal; agent?: { toolCallId?: string } }) => {
    beforeCall?.(toolKey);
    const startedAt = new Date();
    const t0 = performance.now();
    const toolCallId = execCtx?.agent?.toolCallId;
    try {
      const output = await run(input, execCtx?.abortSignal);
      const error = (output as { error?: unknown } | null)?.error;
      onCall?.({
        toolCallId,
        toolKey,
        mcpServerId,
        input,
        output,
        success: error === undefined,
        error: error === undefined ? undefined : String(error),
        startedAt,
        durationMs: performance.now() - t0,
      });
      return output;
    } catch (e) {
      onCall?.({
        toolCallId,
        toolKey,
        mcpServerId,
        input,
        success: false,
        error: (e as Error).message,
        startedAt,
        durationMs: performance.now() - t0,
      });
      throw e;
    }
  };
}
