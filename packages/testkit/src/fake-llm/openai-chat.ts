// OpenAI Chat Completions wire format (`POST /v1/chat/completions`), also what OpenAI-compatible clients speak:
// request messages in, `chat.completion` JSON or `chat.completion.chunk` SSE (+ `[DONE]`) out.

import { openaiErrorBody } from './openai-error';
import { jsonPieces, textPieces } from './pieces';
import { identifyToolCalls, type Protocol, type ReplyContext } from './protocol';
import type { SseEvent } from './sse';
import { isRecord, type JsonRecord, jsonText, records, stringField, textOf } from './transcript';
import type { FakeUsage, ResolvedTurn, TranscriptEntry, TranscriptRole } from './types';

const SYSTEM_FINGERPRINT = 'fp_trellis_fake';

export const openaiChat: Protocol = {
  provider: 'openai-chat',

  match(method, url) {
    return method === 'POST' && url.pathname === '/v1/chat/completions' ? {} : undefined;
  },

  inspect(body) {
    return { model: stringField(body, 'model') ?? '', stream: body.stream === true, transcript: chatTranscript(body) };
  },

  errorBody: openaiErrorBody,

  reply(turn, ctx) {
    const calls = identifyToolCalls(turn.toolCalls, ctx, 'call_');
    const message: JsonRecord = {
      role: 'assistant',
      content: turn.text === '' && calls.length > 0 ? null : turn.text,
      refusal: null,
      annotations: [],
    };
    if (calls.length > 0) {
      message.tool_calls = calls.map((call) => ({
        id: call.id,
        type: 'function',
        function: { name: call.name, arguments: JSON.stringify(call.args) },
      }));
    }
    return {
      id: ctx.newId('chatcmpl-'),
      object: 'chat.completion',
      created: ctx.createdAt,
      model: ctx.facts.model,
      choices: [{ index: 0, message, logprobs: null, finish_reason: turn.finishReason }],
      usage: chatUsage(turn.usage),
      service_tier: 'default',
      system_fingerprint: SYSTEM_FINGERPRINT,
    };
  },

  events: chatEvents,
};

function* chatEvents(turn: ResolvedTurn, ctx: ReplyContext): Iterable<SseEvent> {
  const includeUsage = isRecord(ctx.body.stream_options) && ctx.body.stream_options.include_usage === true;
  const id = ctx.newId('chatcmpl-');
  const chunk = (choices: unknown[], usage: unknown = null): SseEvent => ({
    data: {
      id,
      object: 'chat.completion.chunk',
      created: ctx.createdAt,
      model: ctx.facts.model,
      service_tier: 'default',
      system_fingerprint: SYSTEM_FINGERPRINT,
      choices,
      // With include_usage the real API puts `usage: null` on every chunk but the last one.
      ...(includeUsage ? { usage } : {}),
    },
  });
  const delta = (content: JsonRecord, finishReason: string | null = null): SseEvent =>
    chunk([{ index: 0, delta: content, logprobs: null, finish_reason: finishReason }]);

  // Like the real API: an opening role delta, with `content: ''` for text replies and `null` for pure tool calls.
  yield delta({ role: 'assistant', content: turn.text === '' && turn.toolCalls.length > 0 ? null : '', refusal: null });
  for (const piece of textPieces(turn.text)) yield delta({ content: piece });
  const calls = identifyToolCalls(turn.toolCalls, ctx, 'call_');
  for (const [index, call] of calls.entries()) {
    yield delta({
      tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } }],
    });
    for (const piece of jsonPieces(JSON.stringify(call.args))) {
      yield delta({ tool_calls: [{ index, function: { arguments: piece } }] });
    }
  }
  yield delta({}, turn.finishReason);
  if (includeUsage) yield chunk([], chatUsage(turn.usage));
  yield { data: '[DONE]' };
}

function chatUsage(usage: Required<FakeUsage>): JsonRecord {
  return {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.inputTokens + usage.outputTokens,
    prompt_tokens_details: { cached_tokens: usage.cachedInputTokens, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: usage.reasoningTokens,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

function chatTranscript(body: JsonRecord): TranscriptEntry[] {
  const entries: TranscriptEntry[] = [];
  for (const message of records(body.messages)) {
    entries.push({ role: chatRole(stringField(message, 'role')), text: textOf(message.content) });
    for (const call of records(message.tool_calls)) {
      const fn = isRecord(call.function) ? call.function : {};
      entries.push({ role: 'assistant', text: jsonText(fn.arguments ?? '') });
    }
  }
  return entries;
}

function chatRole(role: string | undefined): TranscriptRole {
  if (role === 'system' || role === 'developer') return 'system';
  if (role === 'assistant' || role === 'tool') return role;
  return 'user';
}
