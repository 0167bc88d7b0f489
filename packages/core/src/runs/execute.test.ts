import { describe, expect, it } from 'vitest';
import { outcomeOfAnswer } from './execute';

const step = (over: Record<string, unknown> = {}) => ({
  text: '',
  finishReason: 'other',
  usage: { inputTokens: 0, outputTokens: 0 },
  toolCalls: [],
  elapsedMs: 1,
  startedAt: new Date(),
  ...over,
});

describe('outcomeOfAnswer', () => {
  it('fails an answer with no text, no tool call and no usage, naming the finish reasons', () => {
    const outcome = outcomeOfAnswer('', {}, { steps: [step(), step({ finishReason: 'unknown' })], calls: [] }, 5);
    expect(outcome.status).toBe('FAILED');
    expect(outcome.error?.code).toBe('PROVIDER_EMPTY_ANSWER');
    expect(outcome.error?.message).toContain('finish reason: other, unknown');
  });

  it('keeps an empty reply that reports usage, or one that called a tool', () => {
    expect(outcomeOfAnswer('', { inputTokens: 3, outputTokens: 0 }, { steps: [step()], calls: [] }, 1).status).toBe(
      'COMPLETED',
    );
    const toolStep = step({ toolCalls: [{ toolName: 'calculator', args: {} }] });
    expect(outcomeOfAnswer('', {}, { steps: [toolStep], calls: [] }, 1).status).toBe('COMPLETED');
    expect(outcomeOfAnswer('hi', {}, { steps: [step()], calls: [] }, 1)).toMatchObject({
      status: 'COMPLETED',
      outputText: 'hi',
    });
  });
});
