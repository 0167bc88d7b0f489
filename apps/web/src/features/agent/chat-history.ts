// The Test page's chat messages: their type (AI SDK UI messages carrying the run's metadata) and how a thread's
// recorded runs become such messages, so an earlier conversation shows as if it had just been streamed. A run keeps
// its images' type and size (and URL, when they had one) but not their bytes: those become `data-stored-image` parts.
import type { RunMessageMetadata } from '@trellis/core';
import type { UIMessage } from 'ai';
import type { ThreadRun, ToolCall } from '@/lib/types';

export type { RunMessageMetadata };
export type ChatMessage = UIMessage<RunMessageMetadata>;
type Part = ChatMessage['parts'][number];

function toolPart(call: ToolCall): Part {
  const common = { type: `tool-${call.toolKey}`, toolCallId: call.toolCallId ?? call.id, input: call.inputJson };
  return (
    call.success
      ? { ...common, state: 'output-available', output: call.outputJson }
      : { ...common, state: 'output-error', errorText: call.error ?? 'The tool failed.' }
  ) as Part;
}

/** An image as a run keeps it (runs/images.ts): its URL unless it was sent inline, its type and size. */
export interface StoredImage {
  url?: string;
  mediaType: string;
  bytes: number;
}

/** The images of the run's last user message, from the message list its metadata keeps. */
function storedImages(run: ThreadRun): StoredImage[] {
  const input = (run.metadata as { input?: { role: string; images?: StoredImage[] }[] } | null)?.input;
  return input?.findLast((m) => m.role === 'user')?.images ?? [];
}

/** One user message and one assistant message (tool calls, then the answer) per run of the thread. */
export function threadMessages(runs: ThreadRun[]): ChatMessage[] {
  return runs.flatMap((run): ChatMessage[] => {
    const asked: Part[] = [
      ...(run.inputText ? [{ type: 'text' as const, text: run.inputText }] : []),
      ...storedImages(run).map((data) => ({ type: 'data-stored-image' as const, data })),
    ];
    const user: ChatMessage[] = asked.length ? [{ id: `${run.id}-input`, role: 'user', parts: asked }] : [];
    const parts: Part[] = run.toolCalls.map(toolPart);
    if (run.outputText) parts.push({ type: 'text', text: run.outputText, state: 'done' });
    return [...user, { id: run.id, role: 'assistant', parts, metadata: run.messageMetadata }];
  });
}
