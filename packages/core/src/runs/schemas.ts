// API shapes of runs: the run request body (text, or messages whose content may carry image parts; an optional
// output schema) and the list filters (status, type, date range, cursor).
import { requestContextSchema, runStatusValues, runTypeValues } from '@trellis/db';
import { z } from 'zod';
import { outputSchemaOf } from '../agents/schemas';
import { isoDateParam, pageParams } from '../pagination';
import type { RunImage, RunMessage } from './extensions';

const textPartSchema = z.strictObject({ type: z.literal('text'), text: z.string().max(200_000) });

/** An image in a user message: an http(s) URL (fetched by Trellis under web-fetch's rules) or a data URL. */
export const imagePartSchema = z.strictObject({
  type: z.literal('image'),
  image: z
    .string()
    .max(8_000_000)
    .refine((s) => /^https?:\/\//i.test(s) || /^data:image\/[\w.+-]+;base64,/i.test(s), {
      message: 'give an http(s) URL or a data:image/…;base64, URL',
    }),
  mediaType: z
    .string()
    .regex(/^image\/[\w.+-]+$/, 'an image media type such as image/png')
    .optional(),
});

const messageContentSchema = z.union([
  z.string().max(200_000),
  z
    .array(z.discriminatedUnion('type', [textPartSchema, imagePartSchema]))
    .min(1)
    .max(40),
]);

/** A message as runs take it: text content, or parts (text and, in a user message, images). */
export const chatMessageSchema = z
  .strictObject({ role: z.enum(['user', 'assistant', 'system']), content: messageContentSchema })
  .refine((m) => m.role === 'user' || typeof m.content === 'string' || m.content.every((p) => p.type === 'text'), {
    message: 'only user messages may carry images',
    path: ['content'],
  });
type ChatMessage = z.output<typeof chatMessageSchema>;

/** The run pipeline's messages: each message's text parts joined by newlines, its images after. */
export function toRunMessages(input: string | ChatMessage[]): RunMessage[] {
  if (typeof input === 'string') return [{ role: 'user', content: input }];
  return input.map((m) => {
    if (typeof m.content === 'string') return { role: m.role, content: m.content };
    const images: RunImage[] = m.content.flatMap((p) =>
      p.type === 'image' ? [p.mediaType ? { source: p.image, mediaType: p.mediaType } : { source: p.image }] : [],
    );
    const content = m.content.flatMap((p) => (p.type === 'text' ? [p.text] : [])).join('\n');
    return images.length ? { role: m.role, content, images } : { role: m.role, content };
  });
}

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
    outputSchema: outputSchemaOf('this run').optional(),
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

/**
 * A message as the AI SDK `useChat` hook sends it: text parts are read, and a user's image file parts (`type:
 * 'file'`, an image media type and a URL or data URL); other parts are ignored.
 */
const uiMessageSchema = z.object({
  id: z.string().max(200).optional(),
  role: z.enum(['user', 'assistant', 'system']),
  parts: z
    .array(
      z.looseObject({
        type: z.string(),
        text: z.string().optional(),
        mediaType: z.string().max(100).optional(),
        url: z.string().max(8_000_000).optional(),
      }),
    )
    .max(1000),
});

/** A useChat message as a run message: its text, and a user's image file parts as image parts (none: dropped). */
function fromUiMessage(m: z.output<typeof uiMessageSchema>): ChatMessage | null {
  const text = m.parts.flatMap((p) => (p.type === 'text' && p.text ? [p.text] : [])).join('\n');
  const images =
    m.role === 'user'
      ? m.parts.flatMap((p) =>
          p.type === 'file' && p.url && p.mediaType?.startsWith('image/')
            ? [{ type: 'image' as const, image: p.url, mediaType: p.mediaType }]
            : [],
        )
      : [];
  if (!images.length) return text ? { role: m.role, content: text } : null;
  return { role: m.role, content: [...(text ? [{ type: 'text' as const, text }] : []), ...images] };
}

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
    outputSchema: outputSchemaOf('this run').optional(),
  })
  .refine((b) => b.input !== undefined || b.messages !== undefined, {
    message: 'give input or messages',
    path: ['input'],
  })
  .transform(({ input, messages, threadId, requestContext, runType, outputSchema }) => ({
    input: input ?? (messages ?? []).flatMap((m) => fromUiMessage(m) ?? []),
    threadId,
    requestContext,
    runType,
    outputSchema,
  }));
export type StreamCreateInput = z.input<typeof streamCreateSchema>;
