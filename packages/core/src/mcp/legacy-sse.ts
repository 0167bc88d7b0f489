// The older HTTP+SSE MCP transport (a `GET` event stream plus `POST`ed messages), which Mastra's MCPClient 2 no longer
// speaks: servers configured with `transport: 'sse'` (and the atlas catalog server, an n8n SSE trigger) are reached
// with the MCP SDK's own client and SSE transport, their tools offered as Mastra tools named `<server>_<tool>`.

import { createTool } from '@mastra/core/tools';
import { Client, SSEClientTransport } from '@modelcontextprotocol/client';
import type { McpTool } from './tool';

export interface LegacySseDefinition {
  url: URL;
  requestInit?: RequestInit;
  fetch?: typeof fetch;
}

/** One SSE connection, with the same two calls the connection manager uses of an MCPClient. */
export class LegacySseClient {
  private client?: Client;

  constructor(
    private readonly name: string,
    private readonly definition: LegacySseDefinition,
    private readonly timeoutMs: number,
  ) {}

  private async connected(): Promise<Client> {
    if (this.client) return this.client;
    const client = new Client({ name: 'trellis', version: '1.0.0' });
    const { url, requestInit, fetch } = this.definition;
    await client.connect(new SSEClientTransport(url, { requestInit, ...(fetch ? { fetch } : {}) }));
    this.client = client;
    return client;
  }

  /** The server's tools as Mastra tools, or the connection's error by server name (MCPClient's shape). */
  async listToolsWithErrors(): Promise<{ tools: Record<string, McpTool>; errors: Record<string, string> }> {
    try {
      const client = await this.connected();
      const { tools } = await client.listTools(undefined, { timeout: this.timeoutMs });
      const named: Record<string, McpTool> = {};
      for (const tool of tools) {
        const id = `${this.name}_${tool.name}`;
        named[id] = createTool({
          id,
          description: tool.description ?? tool.name,
          inputSchema: tool.inputSchema as never,
          execute: async (input: unknown) =>
            client.callTool(
              { name: tool.name, arguments: (input ?? {}) as Record<string, unknown> },
              { timeout: this.timeoutMs },
            ),
        }) as unknown as McpTool;
      }
      return { tools: named, errors: {} };
    } catch (e) {
      return { tools: {}, errors: { [this.name]: e instanceof Error ? e.message : String(e) } };
    }
  }

  async disconnect(): Promise<void> {
    await this.client?.close();
    this.client = undefined;
  }
}
