// The offline demo model: tool calls for offered tools, answers from tool results, JSON that fits the schema,
// labelled text, usage counted with the real tokenizer, and a stream that matches the generated reply.
import type {
  LanguageModelV4CallOptions,
  LanguageModelV4FunctionTool,
  LanguageModelV4Message,
  LanguageModelV4StreamPart,
} from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { createDemoModel, DEMO_LABEL, DEMO_MODEL, DEMO_PROVIDER, demoReply } from './demo-model';
import { countTokens } from './tokenizer';

const tool = (name: string): LanguageModelV4FunctionTool => ({
  type: 'function',
  name,
  inputSchema: { type: 'object', properties: {} },
});
const user = (text: string): LanguageModelV4Message => ({ role: 'user', content: [{ type: 'text', text }] });
const call = (text: string, tools: string[] = [], extra: Partial<LanguageModelV4CallOptions> = {}) =>
  ({ prompt: [user(text)], tools: tools.map(tool), ...extra }) as LanguageModelV4CallOptions;

const textOf = (result: ReturnType<typeof demoReply>) =>
  result.content.flatMap((p) => (p.type === 'text' ? [p.text] : [])).join('');

async function collect(stream: ReadableStream<LanguageModelV4StreamPart>) {
  const parts: LanguageModelV4StreamPart[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return parts;
    parts.push(value);
  }
}

describe('demoReply', () => {
  it('calls the calculator for arithmetic', () => {
    const r = demoReply(call('12*7', ['calculator', 'date-time']));
    expect(r.finishReason).toEqual({ unified: 'tool-calls', raw: 'tool_calls' });
    expect(r.content).toEqual([
      { type: 'tool-call', toolCallId: 'demo-call-1', toolName: 'calculator', input: '{"expression":"12*7"}' },
    ]);
  });

  it.each([
    ['what time is it', ['calculator', 'date-time'], 'date-time', {}],
    [
      'read https://example.com/2024/12*7',
      ['calculator', 'web-fetch'],
      'web-fetch',
      { url: 'https://example.com/2024/12*7' },
    ],
    ['weather in Lisbon', ['weather-lookup'], 'weather-lookup', { location: 'Lisbon' }],
    [
      'any flights from London to Paris?',
      ['flight-search'],
      'flight-search',
      { origin: 'London', destination: 'Paris' },
    ],
  ])('for %j calls %s', (text, tools, toolName, input) => {
    const [part] = demoReply(call(text, tools)).content;
    expect(part).toMatchObject({ type: 'tool-call', toolName });
    expect(JSON.parse((part as { input: string }).input)).toEqual(input);
  });

  it('only calls tools it was offered', () => {
    const r = demoReply(call('12*7', ['date-time']));
    expect(r.content.map((p) => p.type)).toEqual(['text']);
    expect(r.finishReason.unified).toBe('stop');
    expect(demoReply(call('12*7')).content[0].type).toBe('text');
  });

  it("calls no tool when toolChoice is 'none'", () => {
    const r = demoReply(call('12*7', ['calculator'], { toolChoice: { type: 'none' } }));
    expect(r.content[0].type).toBe('text');
  });

  it('answers from a trailing tool result', () => {
    const prompt: LanguageModelV4Message[] = [
      user('12*7'),
      {
        role: 'assistant',
        content: [{ type: 'tool-call', toolCallId: 'c1', toolName: 'calculator', input: { expression: '12*7' } }],
      },
      {
        role: 'tool',
        content: [
          {
            type: 'tool-result',
            toolCallId: 'c1',
            toolName: 'calculator',
            output: { type: 'json', value: { expression: '12*7', result: 84 } },
          },
        ],
      },
    ];
    const r = demoReply({ prompt, tools: [tool('calculator')] } as LanguageModelV4CallOptions);
    expect(r.finishReason.unified).toBe('stop');
    expect(r.content).toHaveLength(1);
    expect(textOf(r)).toBe(`[${DEMO_LABEL}] calculator returned 84.`);
  });

  it('reports a tool error from the result', () => {
    const prompt: LanguageModelV4Message[] = [
      user('1/0'),
      {
        role: 'tool',
        content: [
          {
            type: 'tool-result',
            toolCallId: 'c1',
            toolName: 'calculator',
            output: { type: 'json', value: { expression: '1/0', error: 'the result is not a finite number' } },
          },
        ],
      },
    ];
    expect(textOf(demoReply({ prompt } as LanguageModelV4CallOptions))).toContain(
      'calculator returned an error: the result is not a finite number',
    );
  });

  it('fills a JSON response format with the shape of its schema', () => {
    const schema = {
      type: 'object',
      properties: {
        title: { type: 'string' },
        count: { type: 'integer' },
        ratio: { type: 'number' },
        ok: { type: 'boolean' },
        tags: { type: 'array', items: { type: 'string' } },
        mood: { type: 'string', enum: ['happy', 'sad'] },
        nested: { type: 'object', properties: { note: { type: ['string', 'null'] } } },
      },
      required: ['title'],
    };
    const r = demoReply(call('describe Lisbon', ['calculator'], { responseFormat: { type: 'json', schema } as never }));
    expect(r.content.map((p) => p.type)).toEqual(['text']);
    expect(JSON.parse(textOf(r))).toEqual({
      title: 'demo title',
      count: 1,
      ratio: 1,
      ok: true,
      tags: ['demo tags'],
      mood: 'happy',
      nested: { note: 'demo note' },
    });
  });

  it('labels text replies as the demo', () => {
    const r = demoReply(call('hello there'));
    expect(textOf(r)).toContain('demo (offline)');
    expect(textOf(r)).toContain('You said: "hello there" (2 words)');
  });

  it('counts usage with the tokenizer over prompt and output', () => {
    const prompt: LanguageModelV4Message[] = [
      { role: 'system', content: 'You are a helpful travel assistant.' },
      user('Tell me something about Porto and its bridges.'),
    ];
    const r = demoReply({ prompt } as LanguageModelV4CallOptions);
    const promptText = 'You are a helpful travel assistant.\nTell me something about Porto and its bridges.';
    expect(r.usage.inputTokens.total).toBe(countTokens(promptText));
    expect(r.usage.inputTokens.noCache).toBe(countTokens(promptText));
    expect(r.usage.outputTokens.total).toBe(countTokens(textOf(r)));
    expect(r.usage.outputTokens.total).toBeGreaterThan(10);

    const toolCall = demoReply(call('12*7', ['calculator']));
    expect(toolCall.usage.inputTokens.total).toBe(countTokens('12*7'));
    expect(toolCall.usage.outputTokens.total).toBe(countTokens('{"expression":"12*7"}'));
  });

  it('is deterministic', () => {
    for (const options of [
      call('hello'),
      call('12*7', ['calculator']),
      call('weather in Lisbon', ['weather-lookup']),
    ]) {
      expect(demoReply(options)).toEqual(demoReply(structuredClone(options)));
    }
  });
});

describe('createDemoModel', () => {
  it('is the demo provider and generates the same reply as demoReply', async () => {
    const model = createDemoModel();
    expect(model.provider).toBe(DEMO_PROVIDER);
    expect(model.modelId).toBe(DEMO_MODEL);
    expect(await model.doGenerate(call('hello'))).toEqual(demoReply(call('hello')));
  });

  it('streams text deltas that join to the generated text, then a finish with usage', async () => {
    const model = createDemoModel();
    const options = call('Tell me about Lisbon in spring, please.');
    const generated = await model.doGenerate(options);
    const parts = await collect((await model.doStream(options)).stream);
    expect(parts[0]).toEqual({ type: 'stream-start', warnings: [] });
    const deltas = parts.flatMap((p) => (p.type === 'text-delta' ? [p.delta] : []));
    expect(deltas.length).toBeGreaterThan(5);
    expect(deltas.join('')).toBe(textOf(generated));
    const types = parts.map((p) => p.type);
    expect(types.indexOf('text-start')).toBeLessThan(types.indexOf('text-delta'));
    expect(types.lastIndexOf('text-delta')).toBeLessThan(types.indexOf('text-end'));
    const finish = parts.at(-1);
    expect(finish).toEqual({ type: 'finish', usage: generated.usage, finishReason: { unified: 'stop', raw: 'stop' } });
  });

  it('streams a tool call as one part', async () => {
    const parts = await collect((await createDemoModel().doStream(call('12*7', ['calculator']))).stream);
    expect(parts.map((p) => p.type)).toEqual(['stream-start', 'tool-call', 'finish']);
    expect(parts[1]).toMatchObject({ toolName: 'calculator', input: '{"expression":"12*7"}' });
    expect(parts[2]).toMatchObject({ finishReason: { unified: 'tool-calls' } });
  });

  it('stops streaming when aborted', async () => {
    const controller = new AbortController();
    const { stream } = await createDemoModel().doStream({
      ...call('one two three four five'),
      abortSignal: controller.signal,
    });
    const reader = stream.getReader();
    await reader.read();
    controller.abort();
    const rest: unknown[] = [];
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      rest.push(value);
    }
    expect(rest.some((p) => (p as { type: string }).type === 'finish')).toBe(false);
  });
});
