// The OpenAI Chat Completions wire format, as far as Trellis speaks it: the request body (validated with zod), its
// translation into a run request, and a recorded run turned into a completion, a streamed chunk or an error body.
// An agent is a model (its slug); its tools run inside it, so a request's own tools are refused, not ignored.
import type { RunCreateInput, RunDetail } from '@trellis/core';
import { z } from 'zod';

const textPart = z.object({ type: z.literal('text'), text: z.string().max(200_000) });
const imagePart = z.object({
  type: z.literal('image_url'),
  image_url: z.object({ url: z.string().max(8_000_000), detail: z.enum(['auto', 'low', 'high']).optional() }),
});
const textContent = z.union([z.string().max(200_000), z.array(textPart).max(40)]);

const message = z.discriminatedUnion('role', [
  z.object({ role: z.enum(['system', 'developer']), content: textContent, name: z.string().optional() }),
  z.object({
    role: z.literal('user'),
    content: z.union([z.string().max(200_000), z.array(z.discriminatedUnion('type', [textPart, imagePart])).max(40)]),
    name: z.string().optional(),
  }),
  z.object({
    role: z.literal('assistant'),
    content: textContent.nullish(),
    tool_calls: z
      .array(z.unknown())
      .max(0, "tool calls happen inside the agent: send the conversation's text only")
      .optional(),
    name: z.string().optional(),
  }),
  z.object({ role: z.literal('tool'), content: z.unknown(), tool_call_id: z.string().optional() }).refine(() => false, {
    message: "tool results are not accepted: the agent's tools run inside Trellis",
  }),
]);

const responseFormat = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text') }),
  z.object({ type: z.literal('json_object') }),
  z.object({
    type: z.literal('json_schema'),
    json_schema: z.object({
      name: z.string().max(64),
      description: z.string().optional(),
      schema: z.record(z.string(), z.unknown()).optional(),
      strict: z.boolean().nullish(),
    }),
  }),
]);

/** Request fields an agent decides for itself (its saved model settings): accepted, and named in a response header. */
export const agentDecidedParams = [
  'temperature',
  'top_p',
  'max_tokens',
  'max_completion_tokens',
  'frequency_penalty',
  'presence_penalty',
  'stop',
  'seed',
  'logit_bias',
  'reasoning_effort',
  'parallel_tool_calls',
] as const;

export const chatCompletionRequestSchema = z.looseObject({
  model: z.string().min(1, 'model is required: the slug of one of the organization’s agents').max(200),
  messages: z.array(message).min(1, 'messages must hold at least one message').max(200),
  stream: z.boolean().nullish(),
  stream_options: z.object({ include_usage: z.boolean().optional() }).nullish(),
  response_format: responseFormat.optional(),
  n: z.literal(1, 'n must be 1: an agent gives one answer per run').nullish(),
  tools: z.array(z.unknown()).max(0, "tools are the agent's own: configure them on the agent").nullish(),
  functions: z.array(z.unknown()).max(0, "functions are the agent's own: configure them on the agent").nullish(),
  tool_choice: z.unknown().optional(),
  logprobs: z.literal(false, 'logprobs are not available').nullish(),
  user: z.string().max(200).optional(),
  metadata: z.record(z.string(), z.string()).nullish(),
});
export type ChatCompletionRequest = z.output<typeof chatCompletionRequestSchema>;

const textOf = (content: string | { type: string; text?: string }[] | null | undefined) =>
  typeof content === 'string'
    ? content
    : (content ?? []).flatMap((p) => (p.text === undefined ? [] : [p.text])).join('\n');

/**
 * The run request for a completion request: the messages (developer as system, image_url parts as images), the
 * response format as an output schema, `user` as the run's user, and the thread the caller named (if any).
 */
export function runRequestOf(body: ChatCompletionRequest, threadId: string | undefined): RunCreateInput {
  const input = body.messages.map((m) => {
    if (m.role === 'tool') throw new Error('unreachable: tool messages fail validation');
    const role = m.role === 'developer' ? 'system' : m.role;
    if (m.role !== 'user' || typeof m.content === 'string') return { role, content: textOf(m.content) };
    return {
      role,
      content: m.content.map((p) => (p.type === 'text' ? p : { type: 'image' as const, image: p.image_url.url })),
    };
  });
  const format = body.response_format;
  const outputSchema =
    format?.type === 'json_schema'
      ? (format.json_schema.schema ?? { type: 'object' })
      : format?.type === 'json_object'
        ? { type: 'object' }
        : undefined;
  return {
    input,
    ...(threadId ? { threadId } : {}),
    ...(body.user ? { requestContext: { resource: { userId: body.user } } } : {}),
    ...(outputSchema ? { outputSchema } : {}),
    runType: 'PROD',
  };
}

/** The request fields that were sent but are the agent's to decide. */
export function ignoredParams(raw: Record<string, unknown>): string[] {
  return agentDecidedParams.filter((p) => raw[p] !== undefined && raw[p] !== null);
}

export const completionId = (runId: string) => `chatcmpl-${runId}`;
const unix = (d: Date | string) => Math.floor(new Date(d).getTime() / 1000);

export function usageOf(run: Pick<RunDetail, 'promptTokens' | 'completionTokens' | 'totalTokens'>) {
  return {
    prompt_tokens: run.promptTokens,
    completion_tokens: run.completionTokens,
    total_tokens: run.totalTokens,
  };
}

/** A finished run as a chat completion (a run a guardrail stopped after the input ends `content_filter`). */
export function completionOf(run: RunDetail, model: string, filtered: string | null) {
  return {
    id: completionId(run.id),
    object: 'chat.completion' as const,
    created: unix(run.createdAt),
    model,
    system_fingerprint: null,
    choices: [
      {
        index: 0,
        message: { role: 'assistant' as const, content: filtered ? null : (run.outputText ?? ''), refusal: filtered },
        finish_reason: filtered ? ('content_filter' as const) : ('stop' as const),
        logprobs: null,
      },
    ],
    usage: usageOf(run),
  };
}

/** One streamed chunk of a completion. */
export function chunkOf(
  id: string,
  created: number,
  model: string,
  delta: { role?: 'assistant'; content?: string; refusal?: string },
  finishReason: 'stop' | 'content_filter' | null,
  withUsage: boolean,
) {
  return {
    id,
    object: 'chat.completion.chunk' as const,
    created,
    model,
    system_fingerprint: null,
    choices: [{ index: 0, delta, finish_reason: finishReason, logprobs: null }],
    ...(withUsage ? { usage: null } : {}),
  };
}

/** OpenAI's error object: a message, its type, the parameter at fault and a code. */
export interface OpenAiError {
  message: string;
  type:
    | 'invalid_request_error'
    | 'authentication_error'
    | 'permission_error'
    | 'rate_limit_error'
    | 'insufficient_quota'
    | 'api_error';
  param: string | null;
  code: string | null;
}
