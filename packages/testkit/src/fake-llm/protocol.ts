// The contract every wire-protocol module implements, and the per-request context the server hands it.
// A protocol only translates: request JSON -> facts, resolved turn -> JSON body or SSE events, error -> error JSON.

import type { SseEvent } from './sse';
import type { JsonRecord } from './transcript';
import type { FakeProvider, FakeToolCall, ResolvedTurn, TranscriptEntry } from './types';

/** What the URL alone says about a request (Gemini carries model and streaming in the path). */
export interface RouteMatch {
  model?: string;
  stream?: boolean;
}

/** What the server needs to know about a request, read from its body (and route). */
export interface RequestFacts {
  model: string;
  stream: boolean;
  transcript: TranscriptEntry[];
}

export interface ReplyContext {
  facts: RequestFacts;
  body: JsonRecord;
  /** Unix seconds at which the request was answered. */
  createdAt: number;
  /** A fresh id such as `chatcmpl_fake_3`, unique within one server. */
  newId(prefix: string): string;
}

export interface Protocol {
  provider: FakeProvider;
  match(method: string, url: URL): RouteMatch | undefined;
  inspect(body: JsonRecord, route: RouteMatch): RequestFacts;
  errorBody(status: number, message: string): unknown;
  /** The non-streaming response body. */
  reply(turn: ResolvedTurn, ctx: ReplyContext): unknown;
  /** The streaming response, event by event. */
  events(turn: ResolvedTurn, ctx: ReplyContext): Iterable<SseEvent>;
}

export type IdentifiedToolCall = FakeToolCall & { id: string };

/** Tool calls with scripted ids kept and missing ones generated with the provider's prefix. */
export function identifyToolCalls(calls: FakeToolCall[], ctx: ReplyContext, prefix: string): IdentifiedToolCall[] {
  return calls.map((call) => ({ ...call, id: call.id ?? ctx.newId(prefix) }));
}
