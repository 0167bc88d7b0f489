// API shapes of runs: the run request body and the list filters (status, type, date range, cursor).
import { requestContextSchema, runStatusValues, runTypeValues } from '@trellis/db';
import { z } from 'zod';
import { isoDateParam, pageParams } from '../pagination';

export const chatMessageSchema = z
  .object({ role: z.enum(['user', 'assistant', 'system']), content: z.string().max(200_000) })
  .strict();

export const runInputSchema = z.union([
  z.string().trim().min(1, 'input must not be empty').max(200_000),
  z.array(chatMessageSchema).min(1).max(200),
]);

export const runCreateSchema = z
  .object({
    input: runInputSchema,
    threadId: z.string().min(1).max(200).optional(),
    requestContext: requestContextSchema.optional(),
    runType: z.enum(runTypeValues).default('PROD'),
  })
  .strict();
export type RunCreateInput = z.input<typeof runCreateSchema>;

export const runListQuerySchema = z.object({
  status: z.enum(runStatusValues).optional(),
  runType: z.enum(runTypeValues).optional(),
  from: isoDateParam.optional(),
  to: isoDateParam.optional(),
  ...pageParams,
});
/** The parsed list query (dates as Date); routes validate with `runListQuerySchema` first. */
export type RunListQuery = Partial<z.output<typeof runListQuerySchema>>;

/** A message as the AI SDK `useChat` hook sends it: text parts are read, other parts are ignored. */
const uiMessageSchema = z.object({
  id: z.string().max(200).optional(),
  role: z.enum(['user', 'assistant', 'system']),
  parts: z.array(z.looseObject({ type: z.string(), text: z.string().optional() })).max(1000),
});

/**
 * The body of the streaming endpoint: our run body (`input`), or what `useChat` sends (`messages`, plus its `id`
 * and `trigger`), with the same optional thread, context and run type.
 */
export const streamCreateSchema = z
  .looseObject({
    input: runInputSchema.optional(),
    messages: z.array(uiMessageSchema).min(1).max(500).optional(),
    threadId: z.string().min(1).max(200).optional(),
    requestContext: requestContextSchema.optional(),
    runType: z.enum(runTypeValues).default('PROD'),
  })
  .refine((b) => b.input !== undefined || b.messages !== undefined, {
    message: 'give input or messages',
    path: ['input'],
  })
  .transform(({ input, messages, threadId, requestContext, runType }) => ({
    input:
      input ??
      (messages ?? [])
        .map((m) => ({
          role: m.role,
          content: m.parts.flatMap((p) => (p.type === 'text' && p.text ? [p.text] : [])).join('\n'),
        }))
        .filter((m) => m.content.length > 0),
    threadId,
    requestContext,
    runType,
  }));
export type StreamCreateInput = z.input<typeof streamCreateSchema>;
