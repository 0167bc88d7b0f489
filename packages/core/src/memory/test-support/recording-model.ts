// Test support for memory: a tiny language model that records every prompt Mastra sends it, and readers of prompts.
import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4Content,
  LanguageModelV4GenerateResult,
  LanguageModelV4Message,
  LanguageModelV4StreamPart,
} from '@ai-sdk/provider';
import type { MastraModelConfig } from '@mastra/core/llm';

/** A tiny LanguageModelV4 that records every prompt it receives and answers with `reply` (default: an echo). */
export function recordingModel(
  reply: (prompt: LanguageModelV4Message[], tools: string[]) => LanguageModelV4Content[] = echo,
) {
  const prompts: LanguageModelV4Message[][] = [];
  const respond = (options: LanguageModelV4CallOptions): LanguageModelV4GenerateResult => {
    prompts.push(options.prompt);
    const content = reply(
      options.prompt,
      (options.tools ?? []).map((tool) => tool.name),
    );
    const calls = content.some((part) => part.type === 'tool-call');
    return {
      content,
      finishReason: calls ? { unified: 'tool-calls', raw: 'tool_calls' } : { unified: 'stop', raw: 'stop' },
      usage: {
        inputTokens: { total: 10, noCache: 10, cacheRead: 0, cacheWrite: 0 },
        outputTokens: { total: 5, text: 5, reasoning: 0 },
      },
      warnings: [],
    };
  };
  const model: LanguageModelV4 = {
    specificationVersion: 'v4',
    provider: 'test',
    modelId: 'recorder',
    supportedUrls: {},
    doGenerate: async (options) => respond(options),
    doStream: async (options) => {
      const { content, finishReason, usage } = respond(options);
      const parts: LanguageModelV4StreamPart[] = [
        { type: 'stream-start', warnings: [] },
        ...content.flatMap((part, i): LanguageModelV4StreamPart[] =>
          part.type === 'text'
            ? [
                { type: 'text-start', id: `t${i}` },
                { type: 'text-delta', id: `t${i}`, delta: part.text },
                { type: 'text-end', id: `t${i}` },
              ]
            : [part as LanguageModelV4StreamPart],
        ),
        { type: 'finish', finishReason, usage },
      ];
      const stream = new ReadableStream<LanguageModelV4StreamPart>({
        start(controller) {
          for (const part of parts) controller.enqueue(part);
          controller.close();
        },
      });
      return { stream };
    },
  };
  return { model: model as MastraModelConfig, prompts };
}

export const textOf = (msg: LanguageModelV4Message) =>
  typeof msg.content === 'string' ? msg.content : msg.content.map((part) => ('text' in part ? part.text : '')).join('');

export function echo(prompt: LanguageModelV4Message[]): LanguageModelV4Content[] {
  const lastUser = prompt.findLast((msg) => msg.role === 'user');
  return [{ type: 'text', text: `You said: ${lastUser ? textOf(lastUser) : ''}` }];
}

/** The conversation part of a prompt (no system messages) as `role: text` lines. */
export const conversation = (prompt: LanguageModelV4Message[]) =>
  prompt.filter((msg) => msg.role !== 'system').map((msg) => `${msg.role}: ${textOf(msg)}`);
export const systemText = (prompt: LanguageModelV4Message[]) =>
  prompt
    .filter((msg) => msg.role === 'system')
    .map(textOf)
    .join('\n');

/** The profile the working-memory model saves, and the options that make Mastra offer it the tool. */
export const PROFILE = '# User\n- **Name**: Ada';
export const workingMemoryOptions = {
  lastMessages: 10,
  workingMemory: { enabled: true, scope: 'resource' as const, template: '# User\n- **Name**:' },
};

/** A model that, told "My name is …" with the working-memory tool offered, saves PROFILE with it; otherwise echoes. */
export function workingMemoryModel() {
  return recordingModel((prompt, tools) => {
    const last = prompt.at(-1);
    if (last?.role === 'tool') return [{ type: 'text', text: 'Noted.' }];
    if (tools.includes('updateWorkingMemory') && last && textOf(last).startsWith('My name is')) {
      return [
        {
          type: 'tool-call',
          toolCallId: 'wm-1',
          toolName: 'updateWorkingMemory',
          input: JSON.stringify({ memory: PROFILE }),
        },
      ];
    }
    return echo(prompt);
  });
}
