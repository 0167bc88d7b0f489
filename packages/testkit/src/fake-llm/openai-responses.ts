// OpenAI Responses wire format (`POST /v1/responses`): `input` items in, a `response` object out,
// or when streaming the typed `response.*` SSE events ending in `response.completed` / `response.incomplete`.

import { openaiErrorBody } from './openai-error';
import { jsonPieces, textPieces } from './pieces';
import { type IdentifiedToolCall, identifyToolCalls, type Protocol, type ReplyContext } from './protocol';
import type { SseEvent } from './sse';
import { type JsonRecord, jsonText, records, stringField, textOf } from './transcript';
import type { FakeUsage, ResolvedTurn, TranscriptEntry } from './types';

type ResponseStatus = 'in_progress' | 'completed' | 'incomplete';

/** Ids and content of the output items one turn produces, fixed before rendering. */
interface OutputPlan {
  responseId: string;
  message?: { id: string; text: string };
  calls: { itemId: string; call: IdentifiedToolCall }[];
}

export const openaiResponses: Protocol = {
  provider: 'openai-responses',

  match(method, url) {
    return method === 'POST' && url.pathname === '/v1/responses' ? {} : undefined;
  },

  inspect(body) {
    return {
      model: stringField(body, 'model') ?? '',
      stream: body.stream === true,
      transcript: responsesTranscript(body),
    };
  },

  errorBody: openaiErrorBody,

  reply(turn, ctx) {
    const plan = planOutput(turn, ctx);
    const output: unknown[] = [];
    if (plan.message) output.push(messageItem(plan.message.id, plan.message.text));
    for (const { itemId, call } of plan.calls) output.push(functionCallItem(itemId, call, 'completed'));
    return responseObject(ctx, plan.responseId, finalStatus(turn), output, turn.usage);
  },

  events: responsesEvents,
};

function* responsesEvents(turn: ResolvedTurn, ctx: ReplyContext): Iterable<SseEvent> {
  const plan = planOutput(turn, ctx);
  let sequence = 0;
  const event = (type: string, fields: JsonRecord): SseEvent => ({
    event: type,
    data: { type, sequence_number: sequence++, ...fields },
  });
  const inProgress = responseObject(ctx, plan.responseId, 'in_progress', [], undefined);
  yield event('response.created', { response: inProgress });
  yield event('response.in_progress', { response: inProgress });

  const output: unknown[] = [];
  if (plan.message) {
    const { id, text } = plan.message;
    const at = { item_id: id, output_index: output.length, content_index: 0 };
    yield event('response.output_item.added', {
      output_index: at.output_index,
      item: { id, type: 'message', status: 'in_progress', content: [], role: 'assistant' },
    });
    yield event('response.content_part.added', { ...at, part: outputText('') });
    for (const delta of textPieces(text)) yield event('response.output_text.delta', { ...at, delta, logprobs: [] });
    yield event('response.output_text.done', { ...at, text, logprobs: [] });
    yield event('response.content_part.done', { ...at, part: outputText(text) });
    const item = messageItem(id, text);
    yield event('response.output_item.done', { output_index: at.output_index, item });
    output.push(item);
  }
  for (const { itemId, call } of plan.calls) {
    const at = { item_id: itemId, output_index: output.length };
    yield event('response.output_item.added', {
      output_index: at.output_index,
      item: { ...functionCallItem(itemId, call, 'in_progress'), arguments: '' },
    });
    const args = JSON.stringify(call.args);
    for (const delta of jsonPieces(args)) yield event('response.function_call_arguments.delta', { ...at, delta });
    yield event('response.function_call_arguments.done', { ...at, arguments: args });
    const item = functionCallItem(itemId, call, 'completed');
    yield event('response.output_item.done', { output_index: at.output_index, item });
    output.push(item);
  }

  const status = finalStatus(turn);
  yield event(status === 'incomplete' ? 'response.incomplete' : 'response.completed', {
    response: responseObject(ctx, plan.responseId, status, output, turn.usage),
  });
}

function planOutput(turn: ResolvedTurn, ctx: ReplyContext): OutputPlan {
  const calls = identifyToolCalls(turn.toolCalls, ctx, 'call_').map((call) => ({ itemId: ctx.newId('fc_'), call }));
  const hasMessage = turn.text !== '' || calls.length === 0;
  return {
    responseId: ctx.newId('resp_'),
    message: hasMessage ? { id: ctx.newId('msg_'), text: turn.text } : undefined,
    calls,
  };
}

function finalStatus(turn: ResolvedTurn): ResponseStatus {
  return turn.finishReason === 'length' ? 'incomplete' : 'completed';
}

function outputText(text: string): JsonRecord {
  return { type: 'output_text', annotations: [], logprobs: [], text };
}

function messageItem(id: string, text: string): JsonRecord {
  return { id, type: 'message', status: 'completed', content: [outputText(text)], role: 'assistant' };
}

function functionCallItem(id: string, call: IdentifiedToolCall, status: ResponseStatus): JsonRecord {
  return { id, type: 'function_call', status, arguments: JSON.stringify(call.args), call_id: call.id, name: call.name };
}

function responseObject(
  ctx: ReplyContext,
  id: string,
  status: ResponseStatus,
  output: unknown[],
  usage: Required<FakeUsage> | undefined,
): JsonRecord {
  const { body } = ctx;
  return {
    id,
    object: 'response',
    created_at: ctx.createdAt,
    status,
    background: false,
    error: null,
    incomplete_details: status === 'incomplete' ? { reason: 'max_output_tokens' } : null,
    instructions: body.instructions ?? null,
    max_output_tokens: body.max_output_tokens ?? null,
    model: ctx.facts.model,
    output,
    parallel_tool_calls: body.parallel_tool_calls ?? true,
    previous_response_id: body.previous_response_id ?? null,
    reasoning: { effort: null, summary: null },
    service_tier: 'default',
    store: body.store ?? true,
    temperature: body.temperature ?? 1,
    text: { format: { type: 'text' } },
    tool_choice: body.tool_choice ?? 'auto',
    tools: body.tools ?? [],
    top_p: body.top_p ?? 1,
    truncation: 'disabled',
    usage: usage === undefined ? null : responsesUsage(usage),
    user: null,
    metadata: {},
  };
}

function responsesUsage(usage: Required<FakeUsage>): JsonRecord {
  return {
    input_tokens: usage.inputTokens,
    input_tokens_details: { cached_tokens: usage.cachedInputTokens },
    output_tokens: usage.outputTokens,
    output_tokens_details: { reasoning_tokens: usage.reasoningTokens },
    total_tokens: usage.inputTokens + usage.outputTokens,
  };
}

function responsesTranscript(body: JsonRecord): TranscriptEntry[] {
  const entries: TranscriptEntry[] = [];
  const instructions = stringField(body, 'instructions');
  if (instructions !== undefined) entries.push({ role: 'system', text: instructions });
  if (typeof body.input === 'string') {
    entries.push({ role: 'user', text: body.input });
    return entries;
  }
  for (const item of records(body.input)) {
    const type = stringField(item, 'type');
    const role = stringField(item, 'role');
    if (type === 'function_call') entries.push({ role: 'assistant', text: jsonText(item.arguments ?? '') });
    else if (type === 'function_call_output') {
      entries.push({ role: 'tool', text: typeof item.output === 'string' ? item.output : jsonText(item.output) });
    } else if (role !== undefined && (type === undefined || type === 'message')) {
      const neutralRole = role === 'system' || role === 'developer' ? 'system' : role === 'assistant' ? role : 'user';
      entries.push({ role: neutralRole, text: textOf(item.content) });
    }
  }
  return entries;
}
