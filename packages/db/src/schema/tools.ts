// Tool-owned data: notes persisted by the trip-notes tool, and the MCP servers a tenant connects (SPEC §7, §8).
import { boolean, index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createInsertSchema, createSelectSchema } from 'drizzle-zod';
import { createdAt, id, tenantId, tenantOwned, timestamptz, updatedAt } from './columns';

/** A note saved by the trip-notes tool for one trip of one conversation user. */
export const tripNote = pgTable(
  'trip_note',
  {
    id: id(),
    tenantId: tenantId(),
    /** User id of the conversation (RequestContext resource.userId); null when the run had none. */
    resourceId: text(),
    tripId: text().notNull(),
    title: text().notNull(),
    body: text().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index().on(t.tenantId, t.resourceId, t.tripId), ...tenantOwned(t)],
);

/** stdio: a command on the Trellis host; http: Streamable HTTP; sse: the older HTTP+SSE transport. */
export const mcpTransportValues = ['stdio', 'http', 'sse'] as const;
export type McpTransport = (typeof mcpTransportValues)[number];

/**
 * An MCP server of a tenant. Its tools are named `<name>_<tool>`, hence the unique name. Secrets (environment of a
 * stdio server, headers of an http server) are stored encrypted only.
 */
export const mcpServer = pgTable(
  'mcp_server',
  {
    id: id(),
    tenantId: tenantId(),
    name: text().notNull(),
    transport: text({ enum: mcpTransportValues }).notNull(),
    /** Executable of a stdio server. */
    command: text(),
    argsJson: jsonb().$type<string[]>(),
    /** Endpoint of an http server. */
    url: text(),
    envEncrypted: text(),
    headersEncrypted: text(),
    description: text(),
    enabled: boolean().notNull().default(true),
    /** An admin let this server's URL reach private addresses (web-fetch's rules refuse them otherwise). */
    allowPrivateNetwork: boolean().notNull().default(false),
    /** How long a connection, a tool listing or a tool call may take. */
    timeoutMs: integer().notNull().default(30_000),
    /** The last health check or use: `ok` or `error` (with `lastError`); null before the first. */
    status: text({ enum: ['ok', 'error'] }),
    lastError: text(),
    lastCheckedAt: timestamptz(),
    toolCount: integer(),
    createdBy: text(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex().on(t.tenantId, t.name), ...tenantOwned(t)],
);

export const tripNoteSelectSchema = createSelectSchema(tripNote);
export const tripNoteInsertSchema = createInsertSchema(tripNote);
export type TripNote = typeof tripNote.$inferSelect;
export type NewTripNote = typeof tripNote.$inferInsert;

export const mcpServerSelectSchema = createSelectSchema(mcpServer);
export const mcpServerInsertSchema = createInsertSchema(mcpServer);
export type McpServer = typeof mcpServer.$inferSelect;
export type NewMcpServer = typeof mcpServer.$inferInsert;
