// An organization's MCP servers: CRUD (environment and headers encrypted at rest, never returned; stdio commands only
// from the operator's MCP_STDIO_COMMANDS; URLs under web-fetch's private-address rules unless an admin allows them),
// a health check that connects and lists the tools (status, last error, tool count kept on the row), the tool list,
// and the specs connections are opened from. Every write is audited and announced to every process.
import { basename } from 'node:path';
import type { McpServer } from '@trellis/db';
import { recordAudit } from '../audit/audit-store';
import { announce } from '../cache/changes';
import type { Executor, ServiceContext } from '../context';
import { conflict, invalidInput, isUniqueViolation, notFound, TrellisError } from '../errors';
import type { SecretBox } from '../security/secret-box';
import { BlockedAddressError } from '../tools/builtin/safe-fetch';
import { catalogServers } from './catalog';
import { type McpServerSpec, type McpTool, McpUnavailable, reasonOf } from './connections';
import { checkMcpUrl, guardedFetch } from './guarded-fetch';
import { McpServerStore } from './mcp-server-store';
import {
  type McpServerCreateInput,
  type McpServerUpdateInput,
  type McpServerView,
  type McpToolView,
  mcpServerCreateSchema,
  mcpServerUpdateSchema,
} from './schemas';

function boxOf(ctx: ServiceContext): SecretBox {
  const box = ctx.runtime.secretBox;
  if (!box)
    throw new TrellisError('ENCRYPTION_UNAVAILABLE', 'Credentials cannot be stored: no encryption key is configured', {
      category: 'system',
    });
  return box;
}

const secretsOf = (box: SecretBox, enc: string | null): Record<string, string> =>
  enc ? (JSON.parse(box.decrypt(enc)) as Record<string, string>) : {};

/** The server as the API shows it: the names of its environment variables and headers, never their values. */
export function publicServer(box: SecretBox, row: McpServer): McpServerView {
  const { envEncrypted, headersEncrypted, argsJson, tenantId, ...rest } = row;
  return {
    ...rest,
    args: argsJson ?? [],
    envNames: Object.keys(secretsOf(box, envEncrypted)).sort(),
    headerNames: Object.keys(secretsOf(box, headersEncrypted)).sort(),
  };
}

/** Refuses a stdio command the operator did not allow. */
function checkCommand(ctx: ServiceContext, command: string) {
  const allowed = ctx.runtime.config.env.MCP_STDIO_COMMANDS.split(',')
    .map((c) => c.trim())
    .filter(Boolean);
  if (!allowed.length)
    throw invalidInput(
      'stdio MCP servers are disabled on this deployment (the operator allows commands with MCP_STDIO_COMMANDS); add an HTTP or SSE server',
      { field: 'command' },
    );
  if (!allowed.includes(command) && !allowed.includes(basename(command)))
    throw invalidInput(`The command '${command}' is not allowed here; allowed: ${allowed.join(', ')}`, {
      field: 'command',
    });
}

/** Refuses a URL web-fetch's rules refuse (a private address literal, credentials) unless private access is allowed. */
function checkUrl(ctx: ServiceContext, url: string, allowPrivate: boolean) {
  if (allowPrivate) return;
  try {
    checkMcpUrl(url, ctx.runtime.webFetch.allowlist);
  } catch (e) {
    if (e instanceof BlockedAddressError)
      throw invalidInput(`The url is refused: ${e.message} (an admin may allow private addresses for this server)`, {
        field: 'url',
      });
    throw e;
  }
}

async function write<T>(ctx: ServiceContext, fn: (store: McpServerStore, tx: Executor) => Promise<T>) {
  try {
    return await ctx.db.transaction(async (tx) => {
      const result = await fn(McpServerStore.of(ctx, tx), tx);
      await announce(tx, ctx.runtime.applyChange, { kind: 'mcp', tenantId: ctx.tenantId });
      return result;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict('An MCP server with that name already exists', { field: 'name' });
    throw e;
  }
}

export async function listMcpServers(ctx: ServiceContext) {
  const box = boxOf(ctx);
  const servers = (await McpServerStore.of(ctx).list()).map((row) => publicServer(box, row));
  const catalog = catalogServers(ctx.runtime.config.env).map(({ definition, ...c }) => ({
    ...c,
    configured: definition !== null,
  }));
  return { servers, catalog };
}

export async function getMcpServer(ctx: ServiceContext, idOrName: string): Promise<McpServerView> {
  const box = boxOf(ctx);
  const row = await McpServerStore.of(ctx).find(idOrName);
  if (!row) throw notFound('MCP server', idOrName);
  return publicServer(box, row);
}

export async function createMcpServer(ctx: ServiceContext, raw: McpServerCreateInput): Promise<McpServerView> {
  const input = mcpServerCreateSchema.parse(raw);
  const box = boxOf(ctx);
  if (input.transport === 'stdio' && input.command) checkCommand(ctx, input.command);
  if (input.url) checkUrl(ctx, input.url, input.allowPrivateNetwork ?? false);
  return write(ctx, async (store, tx) => {
    const row = await store.insert({
      name: input.name,
      transport: input.transport,
      description: input.description ?? null,
      command: input.command ?? null,
      argsJson: input.args ?? null,
      url: input.url ?? null,
      envEncrypted: input.env ? box.encrypt(JSON.stringify(input.env)) : null,
      headersEncrypted: input.headers ? box.encrypt(JSON.stringify(input.headers)) : null,
      enabled: input.enabled ?? true,
      allowPrivateNetwork: input.allowPrivateNetwork ?? false,
      timeoutMs: input.timeoutMs ?? 30_000,
      createdBy: ctx.actor.type === 'system' ? null : ctx.actor.id,
    });
    const after = publicServer(box, row);
    await recordAudit(tx, ctx, { action: 'mcpServer.create', entityType: 'mcpServer', entityId: row.id, after });
    return after;
  });
}

export async function updateMcpServer(
  ctx: ServiceContext,
  idOrName: string,
  raw: McpServerUpdateInput,
): Promise<McpServerView> {
  const input = mcpServerUpdateSchema.parse(raw);
  const box = boxOf(ctx);
  const current = await McpServerStore.of(ctx).find(idOrName);
  if (!current) throw notFound('MCP server', idOrName);
  const transport = input.transport ?? current.transport;
  // A change of transport leaves the other transport's fields behind unless they are given.
  const switching = transport !== current.transport;
  const keep = <T>(given: T | undefined, stored: T | null) =>
    given === undefined ? (switching ? null : stored) : given;
  const command = keep(input.command, current.command);
  const args = keep(input.args, current.argsJson);
  const url = keep(input.url, current.url);
  const checked = mcpServerCreateSchema.safeParse({ name: input.name ?? current.name, transport, command, args, url });
  if (!checked.success) throw checked.error;
  if (transport === 'stdio' && command && (input.command !== undefined || switching)) checkCommand(ctx, command);
  const allowPrivate = input.allowPrivateNetwork ?? current.allowPrivateNetwork;
  if (url) checkUrl(ctx, url, allowPrivate);
  const encrypted = (given: Record<string, string> | null | undefined, stored: string | null) =>
    given === undefined ? (switching ? null : stored) : given ? box.encrypt(JSON.stringify(given)) : null;
  return write(ctx, async (store, tx) => {
    const row = await store.update(current.id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      transport,
      ...(input.description !== undefined ? { description: input.description } : {}),
      command,
      argsJson: args,
      url,
      envEncrypted: transport === 'stdio' ? encrypted(input.env, current.envEncrypted) : null,
      headersEncrypted: transport === 'stdio' ? null : encrypted(input.headers, current.headersEncrypted),
      ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
      allowPrivateNetwork: allowPrivate,
      ...(input.timeoutMs !== undefined ? { timeoutMs: input.timeoutMs } : {}),
      // A changed server is checked again.
      status: null,
      lastError: null,
    });
    if (!row) throw notFound('MCP server', idOrName);
    const after = publicServer(box, row);
    await recordAudit(tx, ctx, {
      action: 'mcpServer.update',
      entityType: 'mcpServer',
      entityId: row.id,
      before: publicServer(box, current),
      after,
    });
    return after;
  });
}

export async function deleteMcpServer(ctx: ServiceContext, idOrName: string) {
  const box = boxOf(ctx);
  return write(ctx, async (store, tx) => {
    const row = await store.delete(idOrName);
    if (!row) throw notFound('MCP server', idOrName);
    await recordAudit(tx, ctx, {
      action: 'mcpServer.delete',
      entityType: 'mcpServer',
      entityId: row.id,
      before: publicServer(box, row),
    });
    return { id: row.id, name: row.name, deleted: true as const };
  });
}

/** How a stored server is connected to: its decrypted environment or headers, and the guarded fetch for URLs. */
export function specOf(ctx: ServiceContext, row: McpServer): McpServerSpec {
  const box = boxOf(ctx);
  const secrets = (enc: string | null) => secretsOf(box, enc);
  const base = { serverId: row.id, tenantId: ctx.tenantId, name: row.name, timeoutMs: row.timeoutMs };
  const version = row.updatedAt.toISOString();
  if (row.transport === 'stdio')
    return {
      ...base,
      version,
      definition: {
        command: row.command ?? '',
        args: row.argsJson ?? [],
        env: secrets(row.envEncrypted),
        stderr: 'ignore',
      },
    };
  const allowlist = ctx.runtime.webFetch.allowlist;
  return {
    ...base,
    version,
    legacySse: row.transport === 'sse',
    definition: {
      url: new URL(row.url ?? ''),
      requestInit: { headers: secrets(row.headersEncrypted) },
      ...(row.allowPrivateNetwork ? {} : { fetch: guardedFetch(allowlist) }),
      connectTimeout: row.timeoutMs,
    },
  };
}

/** The specs of every server the organization's agents may use: its enabled servers and the configured catalog. */
export async function serverSpecsOf(ctx: ServiceContext): Promise<McpServerSpec[]> {
  const rows = await ctx.runtime.mcp.servers.get(ctx.tenantId, 'all', () => McpServerStore.of(ctx).list());
  const catalog = catalogServers(ctx.runtime.config.env).flatMap((c) =>
    c.definition
      ? [
          {
            serverId: null,
            tenantId: null,
            name: c.name,
            definition: c.definition,
            legacySse: c.name === 'atlas',
            timeoutMs: 60_000,
            version: '1',
          },
        ]
      : [],
  );
  return [...rows.filter((r) => r.enabled).map((r) => specOf(ctx, r)), ...catalog];
}

/** Records the outcome of a health check or a failed use on the server's row. */
async function recordHealth(ctx: ServiceContext, serverId: string, outcome: { toolCount: number } | { error: string }) {
  await McpServerStore.of(ctx).update(serverId, {
    status: 'error' in outcome ? 'error' : 'ok',
    lastError: 'error' in outcome ? outcome.error : null,
    lastCheckedAt: ctx.clock(),
    ...('toolCount' in outcome ? { toolCount: outcome.toolCount } : {}),
  });
}

/** Notes, in the background, that a server failed while a run used it (its health shows it). */
export function reportFailure(ctx: ServiceContext, spec: McpServerSpec, error: string) {
  void ctx.runtime.mcp.fail(spec);
  if (spec.serverId)
    ctx.runtime.background(
      recordHealth(ctx, spec.serverId, { error }).catch((e) =>
        console.error(`[mcp] could not record the health of ${spec.name}: ${String(e)}`),
      ),
    );
}

function toolViews(tools: Record<string, McpTool>): McpToolView[] {
  return Object.entries(tools)
    .map(([name, tool]) => ({
      name,
      description: tool.description ?? null,
      inputSchema: jsonSchemaOf(tool),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

function jsonSchemaOf(tool: McpTool): Record<string, unknown> | null {
  const schema = tool.inputSchema as { '~standard'?: { jsonSchema?: { input?: (o: object) => unknown } } } | undefined;
  try {
    return (schema?.['~standard']?.jsonSchema?.input?.({ target: 'draft-07' }) as Record<string, unknown>) ?? null;
  } catch {
    return null;
  }
}

/**
 * Connects (or reuses the connection), lists the tools afresh and records the server's health: `{ ok, tools }` or
 * `{ ok: false, error }` — a server that fails is reported, never thrown.
 */
export async function checkMcpServer(ctx: ServiceContext, idOrName: string) {
  const row = await McpServerStore.of(ctx).find(idOrName);
  if (!row) throw notFound('MCP server', idOrName);
  const spec = specOf(ctx, row);
  const t0 = performance.now();
  try {
    const tools = await ctx.runtime.mcp.refresh(spec);
    const views = toolViews(tools);
    await recordHealth(ctx, row.id, { toolCount: views.length });
    return { ok: true as const, durationMs: Math.round(performance.now() - t0), tools: views };
  } catch (e) {
    const error = e instanceof McpUnavailable ? e.message : reasonOf(e);
    await recordHealth(ctx, row.id, { error });
    return { ok: false as const, durationMs: Math.round(performance.now() - t0), error };
  }
}

/** The server's tools (from the minute-long cache), or 502 MCP_UNAVAILABLE naming why. */
export async function listMcpServerTools(ctx: ServiceContext, idOrName: string): Promise<McpToolView[]> {
  const row = await McpServerStore.of(ctx).find(idOrName);
  if (!row) throw notFound('MCP server', idOrName);
  const spec = specOf(ctx, row);
  try {
    return toolViews(await ctx.runtime.mcp.tools(spec));
  } catch (e) {
    const error = e instanceof McpUnavailable ? e.message : reasonOf(e);
    reportFailure(ctx, spec, error);
    throw new TrellisError('MCP_UNAVAILABLE', `MCP server '${row.name}' is unavailable: ${error}`, {
      category: 'provider',
      details: { server: row.name },
    });
  }
}
