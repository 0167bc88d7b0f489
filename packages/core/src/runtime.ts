// The runtime shared by every request: model providers, the tool registry and the web-fetch policy,
// built once from the configuration.
import type { TrellisConfig } from './config';
import { ModelRegistry } from './models/registry';
import { ToolRegistry } from './tools/registry';
import type { WebFetchPolicy } from './tools/types';

export interface Runtime {
  config: TrellisConfig;
  models: ModelRegistry;
  tools: ToolRegistry;
  webFetch: WebFetchPolicy;
  /** In-flight runs by id, so a cancel can abort the model call. */
  inFlight: Map<string, AbortController>;
}

export function createRuntime(config: TrellisConfig): Runtime {
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
  };
}
