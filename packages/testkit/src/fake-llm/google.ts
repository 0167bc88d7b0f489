// Google Gemini wire format (`POST /v1beta/models/{model}:generateContent` and `:streamGenerateContent?alt=sse`):
// a GenerateContentResponse with text / functionCall parts, streamed as one `data:` response per part.

import { textPieces } from './pieces';
import { identifyToolCalls, type Protocol, type ReplyContext } from './protocol';
import type { SseEvent } from './sse';
import { isRecord, type JsonRecord, jsonText, records, stringField, textOf } from './transcript';
import type { FakeUsage, ResolvedTurn, TranscriptEntry } from './types';

const ROUTE = /^\/v1(?:beta)?\/models\/([^/:]+):(generateContent|streamGenerateContent)$/;

const THOUGHT_SIGNATURE = Buffer.from('trellis-testkit-thought-signature').toString('base64');

const STATUS_NAMES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ABORTED',
  429: 'RESOURCE_EXHAUSTED',
  499: 'CANCELLED',
  500: 'INTERNAL',
  501: 'UNIMPLEMENTED',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

export const google: Protocol = {
  provider: 'google',

  match(method, url) {
    const found = method === 'POST' ? ROUTE.exec(url.pathname) : null;
    if (!found) return undefined;
    return { model: decodeURIComponent(found[1]), stream: found[2] === 'streamGenerateContent' };
  },

  inspect(body, route) {
    return { model: route.model ?? '', stream: route.stream === true, transcript: googleTranscript(body) };
  },

  errorBody(status, message) {
    const name = STATUS_NAMES[status] ?? (status >= 500 ? 'INTERNAL' : 'FAILED_PRECONDITION');
    return { error: { code: status, message, status: name } };
  },

  reply(turn, ctx) {
    const parts = contentParts(turn, ctx, turn.text === '' ? [] : [turn.text]);
    return responseChunk(ctx, turn, parts, { responseId: ctx.newId('fake-resp-'), final: true });
  },

  events: googleEvents,
};

function* googleEvents(turn: ResolvedTurn, ctx: ReplyContext): Iterable<SseEvent> {
  const responseId = ctx.newId('fake-resp-');
  const parts = contentParts(turn, ctx, textPieces(turn.text));
  for (const [index, part] of parts.entries()) {
    // Intermediate chunks carry the prompt count only; the last one has the finish reason and full usage.
    yield { data: responseChunk(ctx, turn, [part], { responseId, final: index === parts.length - 1 }) };
  }
}

/** Text parts (one per given piece), then one functionCall part per tool call; never empty. */
function contentParts(turn: ResolvedTurn, ctx: ReplyContext, textParts: string[]): JsonRecord[] {
  const parts: JsonRecord[] = textParts.map((text) => ({ text }));
  for (const [index, call] of identifyToolCalls(turn.toolCalls, ctx, 'fc_').entries()) {
    const part: JsonRecord = { functionCall: { id: call.id, name: call.name, args: call.args } };
    // Gemini 3 signs the first function call of a turn; clients must echo the signature back.
    if (index === 0) part.thoughtSignature = THOUGHT_SIGNATURE;
    parts.push(part);
  }
  return parts.length > 0 ? parts : [{ text: '' }];
}

function responseChunk(
  ctx: ReplyContext,
  turn: ResolvedTurn,
  parts: JsonRecord[],
  { responseId, final }: { responseId: string; final: boolean },
): JsonRecord {
  const candidate: JsonRecord = { content: { parts, role: 'model' }, index: 0 };
  if (final) candidate.finishReason = turn.finishReason === 'length' ? 'MAX_TOKENS' : 'STOP';
  return {
    candidates: [candidate],
    usageMetadata: final ? googleUsage(turn.usage) : promptUsage(turn.usage),
    modelVersion: ctx.facts.model,
    responseId,
  };
}

function promptUsage(usage: Required<FakeUsage>): JsonRecord {
  const tokenCount = usage.inputTokens;
  return {
    promptTokenCount: tokenCount,
    totalTokenCount: tokenCount,
    promptTokensDetails: [{ modality: 'TEXT', tokenCount }],
  };
}

/** Gemini counts cached tokens inside promptTokenCount and thinking tokens outside candidatesTokenCount. */
function googleUsage(usage: Required<FakeUsage>): JsonRecord {
  return {
    promptTokenCount: usage.inputTokens,
    candidatesTokenCount: Math.max(0, usage.outputTokens - usage.reasoningTokens),
    totalTokenCount: usage.inputTokens + usage.outputTokens,
    promptTokensDetails: [{ modality: 'TEXT', tokenCount: usage.inputTokens }],
    ...(usage.cachedInputTokens > 0 ? { cachedContentTokenCount: usage.cachedInputTokens } : {}),
    ...(usage.reasoningTokens > 0 ? { thoughtsTokenCount: usage.reasoningTokens } : {}),
  };
}

function googleTranscript(body: JsonRecord): TranscriptEntry[] {
  const entries: TranscriptEntry[] = [];
  if (isRecord(body.systemInstruction)) {
    entries.push({ role: 'system', text: textOf(body.systemInstruction.parts) });
  }
  for (const content of records(body.contents)) {
    const role = stringField(content, 'role') === 'model' ? 'assistant' : 'user';
    for (const part of records(content.parts)) {
      if (typeof part.text === 'string') entries.push({ role, text: part.text });
      else if (isRecord(part.functionCall)) entries.push({ role: 'assistant', text: jsonText(part.functionCall.args) });
      else if (isRecord(part.functionResponse)) {
        entries.push({ role: 'tool', text: jsonText(part.functionResponse.response) });
      }
    }
  }
  return entries;
}
