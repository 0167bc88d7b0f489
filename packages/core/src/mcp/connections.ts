// The MCP connections of this process: one Mastra MCPClient per server (an organization's, or a catalog server),
// opened on first use and kept; its tool list cached for a minute (a refresh drops it at once). A server whose
// configuration changed gets a new connection (its version is part of the key); a server that fails — cannot connect,
// crashed, timed out — has its connection dropped, so the next use connects again. Failures are thrown as
// McpUnavailable with a one-line reason: the caller reports them, never crashes on them.
import { noopLogger } from '@mastra/core/logger';
import { type MastraMCPServerDefinition, MCPClient } from '@mastra/mcp';
import type { McpServer } from '@trellis/db';
import { TenantCache } from '../cache/tenant-cache';
import { LegacySseClient, type LegacySseDefinition } from './legacy-sse';
import type { McpTool } from './tool';

export type { McpTool } from './tool';

/** What a connection needs to know of a server. */
export interface McpServerSpec {
  /** The organization's server id; null for a catalog server. */
  serverId: string | null;
  tenantId: string | null;
  name: string;
  definition: MastraMCPServerDefinition;
  /** The older HTTP+SSE transport (legacy-sse.ts) rather than stdio or Streamable HTTP. */
  legacySse?: boolean;
  timeoutMs: number;
  /** Changes when the server's configuration changes (its `updatedAt`). */
  version: string;
}

export class McpUnavailable extends Error {
  constructor(
    readonly server: string,
    reason: string,
  ) {
    super(reason);
    this.name = 'McpUnavailable';
  }
}

/** What a connection is asked: its tools (or the error by server name), and to close. */
type McpClientLike = Pick<MCPClient, 'disconnect'> & {
  listToolsWithErrors(): Promise<{ tools: Record<string, McpTool>; errors: Record<string, string> }>;
};

interface Connection {
  client: McpClientLike;
  tools?: { at: number; value: Record<string, McpTool> };
  listing?: Promise<Record<string, McpTool>>;
}

/** The first line of an error's message (MCP errors carry whole stack traces in their text). */
export function reasonOf(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return message
    .split('\n')[0]
    .replace(/^Failed to connect to MCP server [\w-]+: /, '')
    .slice(0, 500);
}

const keyOf = (spec: McpServerSpec) => `${spec.tenantId ?? 'catalog'}:${spec.serverId ?? spec.name}:${spec.version}`;

export class McpConnections {
  private readonly connections = new Map<string, Connection>();
  /** Each organization's server rows (decrypted on use), until a change is announced or a minute passes. */
  readonly servers = new TenantCache<McpServer[]>({ ttlMs: 60_000 });
  private closed = false;

  constructor(
    /** How long a tool list is trusted (SPEC §8: one minute). */
    private readonly ttlMs = 60_000,
    /** The clock the list cache is judged by (a test may move it). */
    public now: () => number = Date.now,
  ) {}

  /** The server's tools, from the cache when listed within the last minute. */
  async tools(spec: McpServerSpec): Promise<Record<string, McpTool>> {
    const key = keyOf(spec);
    const conn = this.connection(key, spec);
    if (conn.tools && this.now() - conn.tools.at < this.ttlMs) return conn.tools.value;
    conn.listing ??= this.list(key, spec, conn).finally(() => {
      conn.listing = undefined;
    });
    return conn.listing;
  }

  /** Lists the server's tools now (the cache is dropped first). */
  async refresh(spec: McpServerSpec): Promise<Record<string, McpTool>> {
    const conn = this.connections.get(keyOf(spec));
    if (conn) conn.tools = undefined;
    return this.tools(spec);
  }

  /** Closes the connection of a server that failed, so its next use connects again. */
  async fail(spec: McpServerSpec): Promise<void> {
    await this.drop(keyOf(spec));
  }

  /** Drops an organization's cached servers and closes their connections (a server changed); all without a tenant. */
  invalidate(tenantId?: string): void {
    this.servers.invalidate(tenantId);
    for (const key of [...this.connections.keys()]) {
      if (tenantId === undefined || key.startsWith(`${tenantId}:`)) void this.drop(key);
    }
  }

  /** Closes every connection (stdio servers' processes end with them). */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.connections.keys()].map((key) => this.drop(key)));
  }

  private connection(key: string, spec: McpServerSpec): Connection {
    if (this.closed) throw new McpUnavailable(spec.name, 'the server is shutting down');
    let conn = this.connections.get(key);
    if (!conn) {
      // An older version of the same server (changed since) is closed.
      const prefix = `${spec.tenantId ?? 'catalog'}:${spec.serverId ?? spec.name}:`;
      for (const other of this.connections.keys()) if (other.startsWith(prefix)) void this.drop(other);
      conn = { client: this.clientFor(key, spec) };
      this.connections.set(key, conn);
    }
    return conn;
  }

  private clientFor(key: string, spec: McpServerSpec): McpClientLike {
    if (spec.legacySse && 'url' in spec.definition && spec.definition.url)
      return new LegacySseClient(spec.name, spec.definition as LegacySseDefinition, spec.timeoutMs);
    const client = new MCPClient({
      id: key,
      servers: { [spec.name]: { ...spec.definition, timeout: spec.timeoutMs } },
      timeout: spec.timeoutMs,
    });
    // Connection failures are reported to the caller (and the server's health); Mastra's own log is noise.
    client.__setLogger(noopLogger);
    return client as unknown as McpClientLike;
  }

  private async list(key: string, spec: McpServerSpec, conn: Connection): Promise<Record<string, McpTool>> {
    let result: Awaited<ReturnType<McpClientLike['listToolsWithErrors']>>;
    try {
      result = await withTimeout(conn.client.listToolsWithErrors(), spec.timeoutMs, spec.name);
    } catch (e) {
      await this.drop(key);
      throw e instanceof McpUnavailable ? e : new McpUnavailable(spec.name, reasonOf(e));
    }
    const error = result.errors[spec.name] as unknown;
    if (error) {
      await this.drop(key);
      throw new McpUnavailable(spec.name, reasonOf(error));
    }
    conn.tools = { at: this.now(), value: result.tools };
    return conn.tools.value;
  }

  private async drop(key: string): Promise<void> {
    const conn = this.connections.get(key);
    if (!conn) return;
    this.connections.delete(key);
    await conn.client.disconnect().catch(() => undefined);
  }
}

/** `work`, or McpUnavailable once `ms` have passed (a server that never answers). */
export async function withTimeout<T>(work: Promise<T>, ms: number, server: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new McpUnavailable(server, `no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
