// The runtime shared by every request: model providers, the tool registry, the web-fetch policy, the definition
// caches and the run pipeline's extension points, built once from the configuration.
import type { Change, ChangeSink } from './cache/changes';
import { DefinitionCaches } from './cache/definitions';
import type { TrellisConfig } from './config';
import type { JobQueue } from './jobs/queue';
import { McpConnections } from './mcp/connections';
import { ModelRegistry } from './models/registry';
import { type PipelineExtensions, pipelineExtensions } from './runs/extensions';
import { secretBoxFor } from './security/keys';
import type { SecretBox } from './security/secret-box';
import { ToolRegistry } from './tools/registry';
import type { WebFetchPolicy } from './tools/types';

export interface Runtime {
  config: TrellisConfig;
  models: ModelRegistry;
  tools: ToolRegistry;
  webFetch: WebFetchPolicy;
  /** In-flight runs by id, so a cancel can abort the model call. */
  inFlight: Map<string, AbortController>;
  /** Goals this process is executing (their leases are renewed by the supervisor). */
  inFlightGoals: Set<string>;
  /** Workflow runs this process is executing (their leases are renewed by the supervisor). */
  inFlightWorkflows: Set<string>;
  /** The durable job queue (pg-boss), set once the job system has started; absent in tools and some tests. */
  jobs?: JobQueue;
  /** Encrypts credentials at rest; present when the runtime was given the deployment's secret. */
  secretBox?: SecretBox;
  /** Agents, prices, budget policies and API keys as last read, dropped when a change is announced. */
  caches: DefinitionCaches;
  /** Whether knowledge bases can search by embedding (pgvector present; set at start); false: full text alone. */
  vectorSearch: boolean;
  /** MCP server connections and their tool lists (mcp/connections.ts); closed with the runtime. */
  mcp: McpConnections;
  /** Applies a change announced by any process (cache invalidation, a run cancelled elsewhere). */
  applyChange: ChangeSink;
  /** Processors and observers every run passes through (runs/pipeline.ts). */
  pipeline: PipelineExtensions;
  /** Starts tracking work that must not delay a request (a job send after a run); `settled` awaits it all. */
  background: (work: Promise<unknown>) => void;
  /** Resolves once every piece of background work started so far has finished (before shutting down). */
  settled: () => Promise<void>;
}

/** `secret` (the auth secret) keys the encryption of stored credentials. */
export function createRuntime(config: TrellisConfig, options: { secret?: string } = {}): Runtime {
  const env = config.env;
  const inFlight = new Map<string, AbortController>();
  const caches = new DefinitionCaches();
  const pending = new Set<Promise<unknown>>();
  const mcp = new McpConnections();
  return {
    config,
    models: new ModelRegistry(config.providers),
    tools: new ToolRegistry(),
    webFetch: {
      allowlist: env.WEB_FETCH_ALLOWLIST.split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      maxBytes: env.WEB_FETCH_MAX_BYTES,
      timeoutMs: env.WEB_FETCH_TIMEOUT_MS,
      maxRedirects: 5,
    },
    inFlight,
    inFlightGoals: new Set(),
    inFlightWorkflows: new Set(),
    secretBox: secretBoxFor(env, options.secret),
    caches,
    vectorSearch: false,
    mcp,
    applyChange: (change: Change) => {
      if (caches.apply(change)) return;
      if (change.kind === 'mcp') mcp.invalidate(change.tenantId);
      if (change.kind === 'cancel') for (const id of change.runIds) inFlight.get(id)?.abort();
    },
    pipeline: pipelineExtensions(),
    background: (work) => {
      const tracked = work.catch(() => undefined).finally(() => pending.delete(tracked));
      pending.add(tracked);
    },
    settled: async () => {
      while (pending.size) await Promise.all([...pending]);
    },
  };
}
