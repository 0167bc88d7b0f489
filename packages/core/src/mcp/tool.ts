// What an MCP server's tool is to Trellis: a Mastra tool named `<server>_<tool>` (from Mastra's MCPClient, or built
// by legacy-sse.ts for the older transport).
import type { Tool } from '@mastra/core/tools';

// biome-ignore lint/suspicious/noExplicitAny: Mastra's tool type is generic over schemas we do not know
export type McpTool = Tool<any, any, any, any>;
