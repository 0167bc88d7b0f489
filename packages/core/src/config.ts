// Runtime configuration read once from the environment and validated; everything else receives this object.
import { z } from 'zod';

const optionalUrl = z.url().optional();
const optional = z.string().min(1).optional();

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./.data'),
  DATABASE_URL: optional,
  BETTER_AUTH_SECRET: z.string().min(32, 'BETTER_AUTH_SECRET must be at least 32 characters').optional(),
  BETTER_AUTH_URL: optionalUrl,
  OPENAI_API_KEY: optional,
  OPENAI_BASE_URL: optionalUrl,
  ANTHROPIC_API_KEY: optional,
  ANTHROPIC_BASE_URL: optionalUrl,
  GOOGLE_GENERATIVE_AI_API_KEY: optional,
  GOOGLE_BASE_URL: optionalUrl,
  OPENAI_COMPATIBLE_BASE_URL: optionalUrl,
  OPENAI_COMPATIBLE_API_KEY: optional,
  OPENAI_COMPATIBLE_MODELS: optional,
  MASTRA_TELEMETRY_DISABLED: z.string().default('1'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  WEB_FETCH_ALLOWLIST: z.string().default(''),
  TRACE_SAMPLE_RATE: z.coerce.number().min(0).max(1).default(1),
  /** Share of finished runs scored by their agent's scorers, decided per run (the same runs at the same rate). */
  EVAL_SAMPLE_RATE: z.coerce.number().min(0).max(1).default(1),
  /** An EVAL alert when an agent's mean quality of a day falls below this (0–1) over EVAL_ALERT_MIN_RUNS scored runs. */
  EVAL_ALERT_THRESHOLD: z.coerce.number().min(0).max(1).default(0.5),
  EVAL_ALERT_MIN_RUNS: z.coerce.number().int().min(1).max(100_000).default(5),
  /** `provider/model` of the LLM-judged guardrail tier (input injection, answer toxicity); unset: rules only. */
  GUARDRAIL_JUDGE_MODEL: z
    .string()
    .regex(/^[a-z0-9-]+\/\S+$/, 'provider/model, e.g. openai/gpt-4o-mini')
    .optional(),
  /** `provider/model` that judges relevancy and toxicity (LLM scorers); unset: the code methods score them. */
  EVAL_JUDGE_MODEL: z
    .string()
    .regex(/^[a-z0-9-]+\/\S+$/, 'provider/model, e.g. openai/gpt-4o-mini')
    .optional(),
  /** `provider/model` that writes learning proposals; unset: the offline demo proposer (rule-based, labelled). */
  LEARNING_PROPOSER_MODEL: z
    .string()
    .regex(/^[a-z0-9-]+\/\S+$/, 'provider/model, e.g. openai/gpt-4o')
    .optional(),
  /** Learning alerts (regression, auto-promotion, timeout) also go to this Slack channel with this bot token. */
  SLACK_BOT_TOKEN: optional,
  SLACK_ALERTS_CHANNEL: optional,
  /** The Slack Web API's base URL (default Slack's own; tests point it at a fake). */
  SLACK_API_URL: optionalUrl,
  TRELLIS_GOAL_RETRY_BASE_MS: z.coerce.number().int().min(1).max(3_600_000).default(1000),
  WEB_FETCH_MAX_BYTES: z.coerce.number().int().min(1024).max(50_000_000).default(1_000_000),
  WEB_FETCH_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  /**
   * Executables an organization's stdio MCP servers may run (comma-separated names or absolute paths, e.g. `npx,uvx`).
   * Unset: organizations may add only HTTP and SSE servers. A stdio server runs with this process's privileges.
   */
  MCP_STDIO_COMMANDS: z.string().default(''),
  /** The catalog MCP servers (SPEC §8), each configured when its variables are set; shared by every organization. */
  MCP_PLAYWRIGHT_ENABLED: z.enum(['true', 'false']).default('false'),
  FIRECRAWL_API_KEY: optional,
  HUBSPOT_ACCESS_TOKEN: optional,
  JIRA_URL: optionalUrl,
  JIRA_USERNAME: optional,
  JIRA_API_TOKEN: optional,
  JUSTCALL_AUTH_TOKEN: optional,
  JUSTCALL_MCP_URL: optionalUrl,
  ATLAS_N8N_SSE_URL: optionalUrl,
  /** The largest image a run accepts, fetched by URL or sent inline as a data URL (inline ones also within the body limit). */
  IMAGE_MAX_BYTES: z.coerce.number().int().min(1024).max(50_000_000).default(5_000_000),
  /** inline: this process works the job queues; off: only sends jobs (run `trellis worker` elsewhere). */
  TRELLIS_WORKER: z.enum(['inline', 'off']).default('inline'),
  /** A run in flight whose owner stopped renewing its lease for this long is failed as INTERRUPTED. */
  TRELLIS_RUN_LEASE_SECONDS: z.coerce.number().int().min(2).max(3600).default(60),
  /** On SIGTERM/SIGINT, how long runs in flight may take to finish before they are cancelled. */
  TRELLIS_DRAIN_SECONDS: z.coerce.number().min(0).max(3600).default(30),
  /** The key stored credentials are encrypted with (any string of at least 32 characters; a 256-bit key is derived
   * from it). Unset: derived from the auth secret. */
  TRELLIS_ENCRYPTION_KEY: z.string().min(32, 'TRELLIS_ENCRYPTION_KEY must be at least 32 characters').optional(),
  /** Earlier keys, comma-separated: they still decrypt while `trellis rotate-secrets` re-encrypts under the new one. */
  TRELLIS_ENCRYPTION_KEY_PREVIOUS: z.string().optional(),
  /** Sign-in with GitHub (an OAuth app's id and secret; callback URL <public URL>/api/auth/callback/github). */
  GITHUB_CLIENT_ID: optional,
  GITHUB_CLIENT_SECRET: optional,
  /** Sign-in with Google (an OAuth client's id and secret; callback URL <public URL>/api/auth/callback/google). */
  GOOGLE_CLIENT_ID: optional,
  GOOGLE_CLIENT_SECRET: optional,
  /** Sign-in with any OpenID Connect provider (discovery at <issuer>/.well-known/openid-configuration; callback URL
   * <public URL>/api/auth/callback/oidc), and the name its button shows. */
  OIDC_ISSUER_URL: optionalUrl,
  OIDC_CLIENT_ID: optional,
  OIDC_CLIENT_SECRET: optional,
  OIDC_NAME: z.string().min(1).max(60).default('single sign-on'),
  /** How email leaves: `log` prints each message (with its links) to the server's output; `smtp` sends via SMTP_URL. */
  MAIL_TRANSPORT: z.enum(['log', 'smtp']).default('log'),
  /** smtp://user:password@host:port (or smtps://) when MAIL_TRANSPORT=smtp. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'expected smtp://… or smtps://…')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Trellis <no-reply@localhost>'),
  /** Sign-in needs a verified email address (a verification link is sent at sign-up). */
  REQUIRE_EMAIL_VERIFICATION: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** Requests per minute one API key may make (per process; 0: no limit). */
  RATE_LIMIT_API_KEY_PER_MINUTE: z.coerce.number().int().min(0).default(3000),
  /** Requests per minute to /api from one client address (per process; 0: no limit). */
  RATE_LIMIT_IP_PER_MINUTE: z.coerce.number().int().min(0).default(6000),
  /** Failed sign-ins per account in 15 minutes before further attempts wait (four times as many per address). */
  SIGN_IN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  /** Behind a reverse proxy: take the client address from X-Forwarded-For (its first entry). */
  TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** OTLP/HTTP trace export (observability/otlp.ts): the collector's base URL (`/v1/traces` is appended)… */
  OTEL_EXPORTER_OTLP_ENDPOINT: optionalUrl,
  /** …or the full traces URL, used as written; wins over the base URL. */
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: optionalUrl,
  /** Headers sent to the collector, `k=v,k2=v2` (values may be percent-encoded). */
  OTEL_EXPORTER_OTLP_HEADERS: z
    .string()
    .regex(/^\s*[^=,\s]+\s*=[^,]*(,\s*[^=,\s]+\s*=[^,]*)*$/, 'expected k=v,k2=v2')
    .optional(),
  OTEL_SERVICE_NAME: z.string().min(1).default('trellis'),
});

export type Env = z.infer<typeof envSchema>;

export interface ProviderSettings {
  openai?: { apiKey: string; baseURL?: string };
  anthropic?: { apiKey: string; baseURL?: string };
  google?: { apiKey: string; baseURL?: string };
  openaiCompatible?: { baseURL: string; apiKey?: string; models: string[] };
}

export interface TrellisConfig {
  env: Env;
  providers: ProviderSettings;
}

/** Parses and validates `source` (default `process.env`); throws one readable error listing every bad variable. */
export function loadConfig(source: Record<string, string | undefined> = process.env): TrellisConfig {
  // An empty variable (`DATABASE_URL=`) means unset, as in most tools.
  const present = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const env = parsed.data;
  if (env.DATABASE_URL && !env.BETTER_AUTH_SECRET) {
    throw new Error('Invalid configuration:\n  BETTER_AUTH_SECRET is required when DATABASE_URL is set');
  }
  for (const [id, secret] of [
    ['GITHUB_CLIENT_ID', 'GITHUB_CLIENT_SECRET'],
    ['GOOGLE_CLIENT_ID', 'GOOGLE_CLIENT_SECRET'],
    ['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'],
  ] as const) {
    if (Boolean(env[id]) !== Boolean(env[secret])) {
      throw new Error(`Invalid configuration:\n  ${id} and ${secret} are set together`);
    }
  }
  if (Boolean(env.OIDC_ISSUER_URL) !== Boolean(env.OIDC_CLIENT_ID)) {
    throw new Error('Invalid configuration:\n  OIDC_ISSUER_URL and OIDC_CLIENT_ID are set together');
  }
  if (env.MAIL_TRANSPORT === 'smtp' && !env.SMTP_URL) {
    throw new Error('Invalid configuration:\n  SMTP_URL is required when MAIL_TRANSPORT=smtp');
  }
  return { env, providers: providerSettings(env) };
}

function providerSettings(env: Env): ProviderSettings {
  const p: ProviderSettings = {};
  if (env.OPENAI_API_KEY) p.openai = { apiKey: env.OPENAI_API_KEY, baseURL: env.OPENAI_BASE_URL };
  if (env.ANTHROPIC_API_KEY) p.anthropic = { apiKey: env.ANTHROPIC_API_KEY, baseURL: env.ANTHROPIC_BASE_URL };
  if (env.GOOGLE_GENERATIVE_AI_API_KEY) {
    p.google = { apiKey: env.GOOGLE_GENERATIVE_AI_API_KEY, baseURL: env.GOOGLE_BASE_URL };
  }
  if (env.OPENAI_COMPATIBLE_BASE_URL) {
    p.openaiCompatible = {
      baseURL: env.OPENAI_COMPATIBLE_BASE_URL,
      apiKey: env.OPENAI_COMPATIBLE_API_KEY,
      models: (env.OPENAI_COMPATIBLE_MODELS ?? '')
        .split(',')
        .map((m) => m.trim())
        .filter(Boolean),
    };
  }
  return p;
}
