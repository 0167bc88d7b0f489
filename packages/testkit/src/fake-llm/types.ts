// Public types of the fake LLM server: scripted turns, recorded requests and the handle returned by startFakeLlm.
// Internal modules build on the resolved forms at the bottom of this file.

export type FakeProvider = 'openai-chat' | 'openai-responses' | 'anthropic' | 'google' | 'openai-embeddings';

export type FakeFinishReason = 'stop' | 'length' | 'tool_calls';

export interface FakeUsage {
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens?: number;
  reasoningTokens?: number;
}

export interface FakeToolCall {
  name: string;
  args: Record<string, unknown>;
  id?: string;
}

/** One scripted reply. Every field is optional; an empty turn answers with empty text. */
export interface FakeTurn {
  text?: string;
  toolCalls?: FakeToolCall[];
  usage?: FakeUsage;
  /** Defaults to 'tool_calls' when the turn has tool calls, otherwise 'stop'. */
  finishReason?: FakeFinishReason;
  /** Wait this long before answering at all (time to first byte). */
  delayMs?: number;
  /** Streaming only: wait this long between two SSE events. */
  chunkDelayMs?: number;
  /** Answer with this HTTP status and the provider's own error JSON instead of a reply. */
  error?: { status: number; message: string };
  /** Answer a streaming request with the plain JSON reply instead of events (a misbehaving proxy or gateway). */
  ignoreStream?: boolean;
}

/** Headers as node:http gives them: lower-case names. */
export type RecordedHeaders = Record<string, string | string[] | undefined>;

export interface RecordedRequest {
  provider: FakeProvider;
  method: string;
  /** Request target as sent, query string included (e.g. `/v1beta/models/x:streamGenerateContent?alt=sse`). */
  path: string;
  headers: RecordedHeaders;
  /** Parsed JSON body. */
  body: unknown;
  model: string;
  stream: boolean;
}

export interface StartFakeLlmOptions {
  /** Port to listen on; 0 (default) picks a free one. Always bound to 127.0.0.1. */
  port?: number;
  /** Model ids listed by `GET /v1/models`. */
  models?: string[];
  /** Replaces the built-in `echo: <last user text>` responder used when the queue is empty. */
  defaultReply?: (lastUserText: string, request: RecordedRequest) => FakeTurn;
}

export interface FakeLlm {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  /** `${url}/v1` */
  readonly openaiBaseURL: string;
  /** `${url}/v1` */
  readonly anthropicBaseURL: string;
  /** `${url}/v1beta` */
  readonly googleBaseURL: string;
  /** Every provider call received, in arrival order. */
  readonly requests: RecordedRequest[];
  /** Streaming responses the client hung up on before the last event was written. */
  readonly abortedStreams: number;
  /** Scripted turns not consumed yet. */
  readonly pendingTurns: number;
  enqueue(...turns: FakeTurn[]): void;
  /** Drops queued turns, recorded requests and the aborted-stream counter. */
  reset(): void;
  close(): Promise<void>;
}

/** A turn with every default filled in; what the protocol modules render. */
export interface ResolvedTurn {
  text: string;
  toolCalls: FakeToolCall[];
  usage: Required<FakeUsage>;
  finishReason: FakeFinishReason;
  chunkDelayMs: number;
}

export type TranscriptRole = 'system' | 'user' | 'assistant' | 'tool';

/** The textual content of one message (or message part) of a request, provider-neutral. */
export interface TranscriptEntry {
  role: TranscriptRole;
  text: string;
}
