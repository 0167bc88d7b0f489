// Anthropic Messages wire format (`POST /v1/messages`): a `message` object with text / tool_use blocks,
// or the message_start … content_block_* … message_delta / message_stop SSE sequence.

import { jsonPieces, textPieces } from './pieces';
import { identifyToolCalls, type Protocol, type ReplyContext } from './protocol';
import type { SseEvent } from './sse';
import { type JsonRecord, jsonText, records, stringField, textOf } from './transcript';
import type { FakeFinishReason, FakeUsage, ResolvedTurn, TranscriptEntry } from './types';

const STOP_REASONS: Record<FakeFinishReason, string> = {
  stop: 'end_turn',
  length: 'max_tokens',
  tool_calls: 'tool_use',
};

export const anthropic: Protocol = {
  provider: 'anthropic',

  match(method, url) {
    return method === 'POST' && url.pathname === '/v1/messages' ? {} : undefined;
  },

  inspect(body) {
    return {
      model: stringField(body, 'model') ?? '',
      stream: body.stream === true,
      transcript: anthropicTranscript(body),
    };
  },

  errorBody(status, message) {
    return { type: 'error', error: { type: anthropicErrorType(status), message }, request_id: 'req_trellis_fake' };
  },

  reply(turn, ctx) {
    return {
      ...messageShell(ctx),
      content: contentBlocks(turn, ctx),
      stop_reason: STOP_REASONS[turn.finishReason],
      usage: anthropicUsage(turn.usage),
    };
  },

  events: anthropicEvents,
};

function* anthropicEvents(turn: ResolvedTurn, ctx: ReplyContext): Iterable<SseEvent> {
  const event = (type: string, fields: JsonRecord = {}): SseEvent => ({ event: type, data: { type, ...fields } });
  const usage = anthropicUsage(turn.usage);
  yield event('message_start', {
    message: {
      ...messageShell(ctx),
      content: [],
      stop_reason: null,
      usage: { ...usage, output_tokens: Math.min(1, turn.usage.outputTokens) },
    },
  });
  yield event('ping');
  for (const [index, block] of contentBlocks(turn, ctx).entries()) {
    if (block.type === 'text') {
      yield event('content_block_start', { index, content_block: { type: 'text', text: '' } });
      for (const text of textPieces(String(block.text))) {
        yield event('content_block_delta', { index, delta: { type: 'text_delta', text } });
      }
    } else {
      yield event('content_block_start', { index, content_block: { ...block, input: {} } });
      // The real API opens every tool_use block with an empty partial_json.
      for (const partial_json of ['', ...jsonPieces(JSON.stringify(block.input))]) {
        yield event('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json } });
      }
    }
    yield event('content_block_stop', { index });
  }
  yield event('message_delta', {
    delta: { stop_reason: STOP_REASONS[turn.finishReason], stop_sequence: null },
    usage,
  });
  yield event('message_stop');
}

function messageShell(ctx: ReplyContext): JsonRecord {
  return {
    id: ctx.newId('msg_'),
    type: 'message',
    role: 'assistant',
    model: ctx.facts.model,
    stop_sequence: null,
  };
}

function contentBlocks(turn: ResolvedTurn, ctx: ReplyContext): JsonRecord[] {
  const calls = identifyToolCalls(turn.toolCalls, ctx, 'toolu_');
  const blocks: JsonRecord[] = [];
  if (turn.text !== '' || calls.length === 0) blocks.push({ type: 'text', text: turn.text });
  for (const call of calls) blocks.push({ type: 'tool_use', id: call.id, name: call.name, input: call.args });
  return blocks;
}

/** Anthropic's input_tokens exclude cache reads, which are reported separately. */
function anthropicUsage(usage: Required<FakeUsage>): JsonRecord {
  return {
    input_tokens: Math.max(0, usage.inputTokens - usage.cachedInputTokens),
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: usage.cachedInputTokens,
    output_tokens: usage.outputTokens,
    service_tier: 'standard',
    ...(usage.reasoningTokens > 0 ? { output_tokens_details: { thinking_tokens: usage.reasoningTokens } } : {}),
  };
}

function anthropicErrorType(status: number): string {
  switch (status) {
    case 401:
      return 'authentication_error';
    case 403:
      return 'permission_error';
    case 404:
      return 'not_found_error';
    case 413:
      return 'request_too_large';
    case 429:
      return 'rate_limit_error';
    case 529:
      return 'overloaded_error';
    default:
      return status >= 500 ? 'api_error' : 'invalid_request_error';
  }
}

function anthropicTranscript(body: JsonRecord): TranscriptEntry[] {
  const entries: TranscriptEntry[] = [];
  const system = textOf(body.system);
  if (system !== '') entries.push({ role: 'system', text: system });
  for (const message of records(body.messages)) {
    const role = stringField(message, 'role') === 'assistant' ? 'assistant' : 'user';
    if (typeof message.content === 'string') {
      entries.push({ role, text: message.content });
      continue;
    }
    for (const block of records(message.content)) {
      const type = stringField(block, 'type');
      if (type === 'text') entries.push({ role, text: textOf(block) });
      else if (type === 'tool_use') entries.push({ role: 'assistant', text: jsonText(block.input) });
      else if (type === 'tool_result') entries.push({ role: 'tool', text: textOf(block.content) });
    }
  }
  return entries;
}
