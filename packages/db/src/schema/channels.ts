// Channel system (SPEC §4, §12, §13): per-channel conversation sessions, encrypted channel credentials, voice call
// logs and traces, and multi-turn conversations.
import { boolean, index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createInsertSchema, createSelectSchema } from 'drizzle-zod';
import { optionalAgentRef } from './agents';
import { agentEventOwned, counter, createdAt, id, tenantId, tenantOwned, timestamptz, updatedAt, usd } from './columns';
import { channelKind } from './enums';
import type { JsonObject, TranscriptEntry } from './json';

/** One conversation on a channel (a WhatsApp number, a Telegram chat, a phone line) and the agent handling it. */
export const channelSession = pgTable(
  'channel_session',
  {
    id: id(),
    tenantId: tenantId(),
    channel: channelKind().notNull(),
    /** Phone number or chat id on the channel. */
    channelId: text().notNull(),
    agentSlug: text().notNull(),
    /** Memory thread the conversation continues. */
    threadId: text(),
    metadata: jsonb().$type<JsonObject>(),
    lastMessageAt: timestamptz(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex().on(t.tenantId, t.channel, t.channelId), ...tenantOwned(t)],
);

/** A tenant's credentials for a channel (bot token, Twilio keys): ciphertext only, never plaintext. */
export const channelCredentials = pgTable(
  'channel_credentials',
  {
    id: id(),
    tenantId: tenantId(),
    channel: channelKind().notNull(),
    name: text().notNull(),
    credentialsEncrypted: text().notNull(),
    metadata: jsonb().$type<JsonObject>(),
    enabled: boolean().notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex().on(t.tenantId, t.channel, t.name), ...tenantOwned(t)],
);

export const callDirectionValues = ['inbound', 'outbound'] as const;
export type CallDirection = (typeof callDirectionValues)[number];

/**
 * One voice call. `externalId` is the provider's call id (Twilio CallSid, ElevenLabs conversation id), unique per
 * tenant and provider so webhook retries update the same row. Voice agents are code-defined, hence `agentSlug`.
 */
export const voiceCallLog = pgTable(
  'voice_call_log',
  {
    id: id(),
    tenantId: tenantId(),
    agentId: optionalAgentRef(),
    agentSlug: text(),
    provider: text().notNull(),
    externalId: text(),
    direction: text({ enum: callDirectionValues }).notNull(),
    fromNumber: text(),
    toNumber: text(),
    status: text().notNull(),
    durationMs: integer(),
    transcript: jsonb().$type<TranscriptEntry[]>(),
    costUsd: usd(),
    startedAt: timestamptz(),
    endedAt: timestamptz(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex().on(t.tenantId, t.provider, t.externalId), ...agentEventOwned(t)],
);

/** Events and latency breakdown of one voice call (speech-to-text, model, text-to-speech). */
export const voiceAgentTrace = pgTable(
  'voice_agent_trace',
  {
    id: id(),
    tenantId: tenantId(),
    callLogId: text()
      .notNull()
      .references(() => voiceCallLog.id, { onDelete: 'cascade' }),
    agentId: optionalAgentRef(),
    eventsJson: jsonb().$type<JsonObject[]>(),
    latencyJson: jsonb().$type<Record<string, number>>(),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.callLogId), ...agentEventOwned(t)],
);

/**
 * A multi-turn conversation with an agent, one per memory thread. The messages themselves live in Mastra Memory's
 * tables; this row is the listing entry (title, last activity, message count).
 */
export const agentConversation = pgTable(
  'agent_conversation',
  {
    id: id(),
    tenantId: tenantId(),
    agentId: optionalAgentRef(),
    agentSlug: text().notNull(),
    threadId: text().notNull(),
    /** User id of the conversation (memory resource). */
    resourceId: text(),
    title: text(),
    messageCount: counter(),
    lastMessageAt: timestamptz(),
    metadata: jsonb().$type<JsonObject>(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex().on(t.tenantId, t.threadId), index().on(t.tenantId, t.resourceId), ...agentEventOwned(t)],
);

export const channelSessionSelectSchema = createSelectSchema(channelSession);
export const channelSessionInsertSchema = createInsertSchema(channelSession);
export type ChannelSession = typeof channelSession.$inferSelect;
export type NewChannelSession = typeof channelSession.$inferInsert;

export const channelCredentialsSelectSchema = createSelectSchema(channelCredentials);
export const channelCredentialsInsertSchema = createInsertSchema(channelCredentials);
export type ChannelCredentials = typeof channelCredentials.$inferSelect;
export type NewChannelCredentials = typeof channelCredentials.$inferInsert;

export const voiceCallLogSelectSchema = createSelectSchema(voiceCallLog);
export const voiceCallLogInsertSchema = createInsertSchema(voiceCallLog);
export type VoiceCallLog = typeof voiceCallLog.$inferSelect;
export type NewVoiceCallLog = typeof voiceCallLog.$inferInsert;

export const voiceAgentTraceSelectSchema = createSelectSchema(voiceAgentTrace);
export const voiceAgentTraceInsertSchema = createInsertSchema(voiceAgentTrace);
export type VoiceAgentTrace = typeof voiceAgentTrace.$inferSelect;
export type NewVoiceAgentTrace = typeof voiceAgentTrace.$inferInsert;

export const agentConversationSelectSchema = createSelectSchema(agentConversation);
export const agentConversationInsertSchema = createInsertSchema(agentConversation);
export type AgentConversation = typeof agentConversation.$inferSelect;
export type NewAgentConversation = typeof agentConversation.$inferInsert;
