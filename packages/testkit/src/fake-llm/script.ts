// The script queue: scripted turns handed out in order to whichever endpoint asks next,
// and the resolution of a turn (or the default echo responder) into a fully specified reply.

import type { FakeTurn, ResolvedTurn, TranscriptEntry } from './types';
import { resolveUsage } from './usage';

export class ScriptQueue {
  private turns: FakeTurn[] = [];

  enqueue(turns: FakeTurn[]): void {
    this.turns.push(...turns);
  }

  /** Next scripted turn, or undefined when the script has run out. */
  take(): FakeTurn | undefined {
    return this.turns.shift();
  }

  get size(): number {
    return this.turns.length;
  }

  clear(): void {
    this.turns = [];
  }
}

export function lastUserText(transcript: TranscriptEntry[]): string {
  for (let i = transcript.length - 1; i >= 0; i--) {
    if (transcript[i].role === 'user') return transcript[i].text;
  }
  return '';
}

export function echoTurn(userText: string): FakeTurn {
  return { text: `echo: ${userText}` };
}

export function resolveTurn(turn: FakeTurn, transcript: TranscriptEntry[]): ResolvedTurn {
  const text = turn.text ?? '';
  const toolCalls = turn.toolCalls ?? [];
  return {
    text,
    toolCalls,
    usage: resolveUsage(turn.usage, transcript, text, toolCalls),
    finishReason: turn.finishReason ?? (toolCalls.length > 0 ? 'tool_calls' : 'stop'),
    chunkDelayMs: turn.chunkDelayMs ?? 0,
  };
}
