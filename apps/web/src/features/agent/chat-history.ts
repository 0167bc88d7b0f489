// The Test page's chat messages: their type (AI SDK UI messages carrying the run's metadata) and how a thread's
// recorded runs become such messages, so an earlier conversation shows as if it had just been streamed.
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

/** One user message and one assistant message (tool calls, then the answer) per run of the thread. */
export function threadMessages(runs: ThreadRun[]): ChatMessage[] {
  return runs.flatMap((run): ChatMessage[] => {
    const user: ChatMessage[] = run.inputText
      ? [{ id: `${run.id}-input`, role: 'user', parts: [{ type: 'text', text: run.inputText }] }]
      : [];
    const parts: Part[] = run.toolCalls.map(toolPart);
    if (run.outputText) parts.push({ type: 'text', text: run.outputText, state: 'done' });
    return [...user, { id: run.id, role: 'assistant', parts, metadata: run.messageMetadata }];
  });
}
