// The add/edit form's state for an MCP server and what it sends: a create body, or an update with only what changed.
// Environment variables and headers are write-only: an existing server shows their names, and sends them only when
// the user replaced them (every value entered again), or null when they cleared them.
import type { McpServer, McpServerInput, McpServerUpdate } from '@/lib/types';

export type Transport = McpServer['transport'];
export const transports: { value: Transport; label: string; hint: string }[] = [
  { value: 'stdio', label: 'stdio', hint: 'A command run here' },
  { value: 'http', label: 'Streamable HTTP', hint: 'A URL' },
  { value: 'sse', label: 'SSE', hint: 'A URL (older servers)' },
];

export interface SecretRow {
  key: number;
  name: string;
  value: string;
}

/** Stored secrets are kept as they are until the user chooses to replace (or clear) them. */
export interface SecretsDraft {
  replacing: boolean;
  /** Names stored on the server now (values are never returned). */
  stored: string[];
  rows: SecretRow[];
}

export interface ServerDraft {
  name: string;
  description: string;
  transport: Transport;
  command: string;
  /** One argument per line. */
  args: string;
  env: SecretsDraft;
  url: string;
  headers: SecretsDraft;
  allowPrivateNetwork: boolean;
  /** In seconds (the API takes milliseconds). */
  timeout: string;
}

let nextKey = 0;
export const secretRow = (name = ''): SecretRow => ({ key: nextKey++, name, value: '' });

const secretsOf = (stored: string[]): SecretsDraft => ({ replacing: stored.length === 0, stored, rows: [] });

export function toDraft(server?: McpServer): ServerDraft {
  return {
    name: server?.name ?? '',
    description: server?.description ?? '',
    transport: server?.transport ?? 'stdio',
    command: server?.command ?? '',
    args: (server?.args ?? []).join('\n'),
    env: secretsOf(server?.envNames ?? []),
    url: server?.url ?? '',
    headers: secretsOf(server?.headerNames ?? []),
    allowPrivateNetwork: server?.allowPrivateNetwork ?? false,
    timeout: String((server?.timeoutMs ?? 30_000) / 1000),
  };
}

const argsOf = (text: string) =>
  text
    .split('\n')
    .map((a) => a.trim())
    .filter(Boolean);

/** The rows as a record (nameless rows left out); null when the user removed every one of the stored ones. */
function secretsPayload(s: SecretsDraft): Record<string, string> | null | undefined {
  if (!s.replacing) return undefined;
  const named = s.rows.filter((r) => r.name.trim());
  if (!named.length) return s.stored.length ? null : undefined;
  return Object.fromEntries(named.map((r) => [r.name.trim(), r.value]));
}

const timeoutMs = (d: ServerDraft) => {
  const seconds = Number(d.timeout);
  return d.timeout.trim() && Number.isFinite(seconds) ? Math.round(seconds * 1000) : undefined;
};

export function toCreate(d: ServerDraft): McpServerInput {
  const common = {
    name: d.name.trim(),
    transport: d.transport,
    description: d.description.trim() || undefined,
    timeoutMs: timeoutMs(d),
  };
  if (d.transport === 'stdio')
    return { ...common, command: d.command.trim(), args: argsOf(d.args), env: secretsPayload(d.env) ?? undefined };
  return {
    ...common,
    url: d.url.trim(),
    headers: secretsPayload(d.headers) ?? undefined,
    allowPrivateNetwork: d.allowPrivateNetwork,
  };
}

/** What changed against the stored server (the transport's own fields only). */
export function toUpdate(server: McpServer, d: ServerDraft): McpServerUpdate {
  const out: McpServerUpdate = {};
  const switching = d.transport !== server.transport;
  if (d.name.trim() !== server.name) out.name = d.name.trim();
  if (d.description.trim() !== (server.description ?? '')) out.description = d.description.trim() || null;
  if (switching) out.transport = d.transport;
  const ms = timeoutMs(d);
  if (ms !== undefined && ms !== server.timeoutMs) out.timeoutMs = ms;
  if (d.transport === 'stdio') {
    if (switching || d.command.trim() !== (server.command ?? '')) out.command = d.command.trim();
    const args = argsOf(d.args);
    if (switching || args.join('\n') !== server.args.join('\n')) out.args = args;
    const env = secretsPayload(d.env);
    if (env !== undefined) out.env = env;
  } else {
    if (switching || d.url.trim() !== (server.url ?? '')) out.url = d.url.trim();
    const headers = secretsPayload(d.headers);
    if (headers !== undefined) out.headers = headers;
    if (d.allowPrivateNetwork !== server.allowPrivateNetwork) out.allowPrivateNetwork = d.allowPrivateNetwork;
  }
  return out;
}
