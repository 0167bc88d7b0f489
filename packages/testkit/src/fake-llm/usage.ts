// Deterministic default token counts for turns that script no usage: input = ceil(message text characters / 4),
// output = reply words + ceil(tool-call JSON argument characters / 4); cached and reasoning default to 0.

import type { FakeToolCall, FakeUsage, TranscriptEntry } from './types';

export function countInputTokens(transcript: TranscriptEntry[]): number {
  const characters = transcript.reduce((sum, entry) => sum + entry.text.length, 0);
  return Math.ceil(characters / 4);
}

export function countOutputTokens(text: string, toolCalls: FakeToolCall[]): number {
  const words = text.split(/\s+/).filter((word) => word.length > 0).length;
  const argumentTokens = toolCalls.reduce((sum, call) => sum + Math.ceil(JSON.stringify(call.args).length / 4), 0);
  return words + argumentTokens;
}

export function resolveUsage(
  scripted: FakeUsage | undefined,
  transcript: TranscriptEntry[],
  text: string,
  toolCalls: FakeToolCall[],
): Required<FakeUsage> {
  return {
    inputTokens: scripted?.inputTokens ?? countInputTokens(transcript),
    outputTokens: scripted?.outputTokens ?? countOutputTokens(text, toolCalls),
    cachedInputTokens: scripted?.cachedInputTokens ?? 0,
    reasoningTokens: scripted?.reasoningTokens ?? 0,
  };
}
