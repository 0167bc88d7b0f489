// The runtime shared by every request: model providers, the tool registry and the web-fetch policy,
// built once from the configuration.
import type { TrellisConfig } from './config';
import type { JobQueue } from './jobs/queue';
import { ModelRegistry } from './models/registry';
import { SecretBox } from './security/secret-box';
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
  /** The durable job queue (pg-boss), set once the job system has started; absent in tools and some tests. */
  jobs?: JobQueue;
  /** Encrypts credentials at rest; present when the runtime was given the deployment's secret. */
  secretBox?: SecretBox;
}

/** `secret` (the auth secret) keys the encryption of stored credentials. */
export function createRuntime(config: TrellisConfig, options: { secret?: string } = {}): Runtime {
  const env = config.env;
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
    inFlight: new Map(),
    inFlightGoals: new Set(),
    secretBox: options.secret ? new SecretBox(options.secret) : undefined,
  };
}
