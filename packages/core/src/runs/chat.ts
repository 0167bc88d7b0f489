// Chat: a streamed run with conversation memory. The thread (given, or new) and the user (the RequestContext's
// resource.userId, else the caller) key Mastra Memory inside the tenant, so only the newest user message is sent:
// earlier turns come from memory, per the agent's MemoryConfig (lastMessages, working memory).
import { randomUUID } from 'node:crypto';
import type { ServiceContext } from '../context';
import { invalidInput } from '../errors';
import { streamRun } from './pipeline';
import { type StreamCreateInput, streamCreateSchema } from './schemas';

export async function chatRun(
  ctx: ServiceContext,
  idOrSlug: string,
  raw: StreamCreateInput,
  options: { signal?: AbortSignal } = {},
) {
  const body = streamCreateSchema.parse(raw);
  // The newest user message, whole: its text and any images.
  const latest = typeof body.input === 'string' ? body.input : body.input.filter((m) => m.role === 'user').at(-1);
  if (!latest) throw invalidInput('send a user message to chat', { field: 'messages' });
  const threadId = body.threadId ?? randomUUID();
  const userId = body.requestContext?.resource?.userId ?? ctx.actor.id;
  const requestContext = {
    ...body.requestContext,
    resource: { ...body.requestContext?.resource, userId },
    thread: { ...body.requestContext?.thread, id: threadId },
  };
  const result = await streamRun(
    ctx,
    idOrSlug,
    {
      input: typeof latest === 'string' ? latest : [latest],
      threadId,
      requestContext,
      runType: body.runType,
      outputSchema: body.outputSchema,
    },
    { signal: options.signal, memory: 'always', entry: 'chat' },
  );
  return { ...result, threadId };
}
