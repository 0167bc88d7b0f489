// API shapes of an organization's MCP servers: create and update bodies (stdio command, or an HTTP/SSE URL with
// headers), and the public view — which names the environment variables and headers a server has, never their values.
import { mcpServerSelectSchema, mcpTransportValues } from '@trellis/db';
import { z } from 'zod';
import { catalogNames } from './catalog';

const secrets = z
  .record(
    z
      .string()
      .min(1)
      .max(200)
      .regex(/^[A-Za-z_][\w-]*$/, 'a name of letters, digits, _ and -'),
    z.string().max(10_000),
  )
  .refine((r) => Object.keys(r).length <= 50, 'at most 50 entries');

const fields = {
  name: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,39}$/, 'lowercase letters, digits and dashes (tools are named <name>_<tool>), up to 40')
    .refine((n) => !catalogNames.includes(n), { message: 'that name belongs to a catalog server' }),
  transport: z.enum(mcpTransportValues),
  description: z.string().max(500).nullish(),
  command: z.string().min(1).max(500).nullish(),
  args: z.array(z.string().max(2000)).max(50).nullish(),
  env: secrets.nullish(),
  url: z
    .url({ protocol: /^https?$/, error: 'an http(s) URL' })
    .max(2000)
    .nullish(),
  headers: secrets.nullish(),
  enabled: z.boolean().optional(),
  allowPrivateNetwork: z.boolean().optional(),
  timeoutMs: z.int().min(1000).max(300_000).optional(),
};

/** The fields a transport needs and refuses. */
function checkTransport(
  s: {
    transport?: string;
    command?: string | null;
    args?: unknown;
    env?: unknown;
    url?: string | null;
    headers?: unknown;
  },
  ctx: z.RefinementCtx,
) {
  if (s.transport === 'stdio') {
    if (!s.command) ctx.addIssue({ code: 'custom', path: ['command'], message: 'a stdio server needs a command' });
    for (const f of ['url', 'headers'] as const)
      if (s[f] != null) ctx.addIssue({ code: 'custom', path: [f], message: `a stdio server has no ${f}` });
  } else if (s.transport) {
    if (!s.url) ctx.addIssue({ code: 'custom', path: ['url'], message: `an ${s.transport} server needs a url` });
    for (const f of ['command', 'args', 'env'] as const)
      if (s[f] != null) ctx.addIssue({ code: 'custom', path: [f], message: `an ${s.transport} server has no ${f}` });
  }
}

export const mcpServerCreateSchema = z.strictObject(fields).superRefine(checkTransport);
export type McpServerCreateInput = z.input<typeof mcpServerCreateSchema>;

/**
 * Every field may change; `env` and `headers` replace the stored ones when given (null clears them) and are kept when
 * left out — they are never sent back, so an update need not repeat them.
 */
export const mcpServerUpdateSchema = z.strictObject(fields).partial();
export type McpServerUpdateInput = z.input<typeof mcpServerUpdateSchema>;

export const mcpServerViewSchema = mcpServerSelectSchema
  .omit({ envEncrypted: true, headersEncrypted: true, argsJson: true, tenantId: true })
  .extend({
    args: z.array(z.string()),
    /** Names of the stored environment variables (stdio) and headers (HTTP/SSE); their values are never returned. */
    envNames: z.array(z.string()),
    headerNames: z.array(z.string()),
  });
export type McpServerView = z.output<typeof mcpServerViewSchema>;

/** A tool an MCP server offers, as the API lists it. */
export const mcpToolViewSchema = z.object({
  name: z.string().describe('the name agents use: <server>_<tool>'),
  description: z.string().nullable(),
  inputSchema: z.record(z.string(), z.unknown()).nullable(),
});
export type McpToolView = z.output<typeof mcpToolViewSchema>;
