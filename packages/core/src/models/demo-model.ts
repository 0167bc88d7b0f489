// The built-in offline demo model: a deterministic AI SDK LanguageModelV4 that needs no key or network.
// It calls an offered tool when the message asks for one, answers from tool results, fills JSON schemas,
// and reports token usage counted with a real tokenizer. Everything it says is labelled as the demo.
import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4Content,
  LanguageModelV4GenerateResult,
  LanguageModelV4Message,
  LanguageModelV4StreamPart,
} from '@ai-sdk/provider';
import { detectToolIntent, type ToolInputSchema } from './demo-intent';
import { countTokens } from './tokenizer';

export const DEMO_PROVIDER = 'demo';
export const DEMO_MODEL = 'demo-1';
export const DEMO_LABEL = 'demo (offline)';

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  required?: string[];
  minimum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  minItems?: number;
};

function messageText(message: LanguageModelV4Message): string {
  if (typeof message.content === 'string') return message.content;
  return message.content
    .map((part) => {
      if (part.type === 'text' || part.type === 'reasoning') return part.text;
      if (part.type === 'tool-call') return `${part.toolName}(${JSON.stringify(part.input)})`;
      if (part.type === 'tool-result') return JSON.stringify(part.output);
      return '';
    })
    .join('\n');
}

function lastUserText(prompt: LanguageModelV4Message[]): string {
  for (let i = prompt.length - 1; i >= 0; i--) {
    if (prompt[i].role === 'user') return messageText(prompt[i]).trim();
  }
  return '';
}

/** Tool results of the latest tool turn, if the conversation ends with one. */
function trailingToolResults(prompt: LanguageModelV4Message[]) {
  const last = prompt[prompt.length - 1];
  if (last?.role !== 'tool') return undefined;
  return last.content.flatMap((part) => (part.type === 'tool-result' ? [part] : []));
}

/** A short reading of a tool result: the value for calculators, a sentence for the built-in tools' shapes. */
function describeOutput(output: unknown): string {
  const value = (output as { type?: string; value?: unknown })?.value ?? output;
  if (typeof value === 'string') return value;
  const o = value as Record<string, unknown>;
  if (o && typeof o === 'object') {
    if ('error' in o) return `an error: ${String(o.error)}`;
    if (typeof o.result === 'number' || typeof o.result === 'string') return String(o.result);
    if (typeof o.time === 'string' && typeof o.date === 'string')
      return `${o.weekday ?? ''} ${o.date} ${o.time} (${o.timezone})`.trim();
    if (Array.isArray(o.ids)) return o.ids.join(', ');
    // An MCP tool's result: its text content.
    if (Array.isArray(o.content))
      return (o.content as { type?: string; text?: string }[]).flatMap((c) => (c.text ? [c.text] : [])).join(' ');
    // knowledge-search: the passages with their citations.
    if (Array.isArray(o.results))
      return (
        (o.results as { citation?: string; content?: string }[])
          .map((r) => `"${String(r.content ?? '').slice(0, 160)}" [${r.citation ?? ''}]`)
          .join('; ') || 'nothing'
      );
  }
  return JSON.stringify(value);
}

/** A value that satisfies the common keywords of `schema` (type, enum, const, lower bounds). */
function sampleFromSchema(schema: JsonSchema | undefined, key = 'value'): unknown {
  if (!schema) return {};
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum[0];
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object':
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, s]) => [k, sampleFromSchema(s, k)]));
    case 'array':
      return Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () => sampleFromSchema(schema.items, key));
    case 'number':
    case 'integer':
      return schema.minimum ?? (schema.exclusiveMinimum === undefined ? 1 : schema.exclusiveMinimum + 1);
    case 'boolean':
      return true;
    case 'string':
      return `demo ${key}`.padEnd(schema.minLength ?? 0, '.');
    default:
      return null;
  }
}

/** The images (file parts) of the last user message, as the demo can describe them: type and size, never contents. */
function lastUserImages(prompt: LanguageModelV4Message[]): string[] {
  const last = [...prompt].reverse().find((m) => m.role === 'user');
  if (!last || typeof last.content === 'string') return [];
  return last.content.flatMap((part) => {
    if (part.type !== 'file' || !part.mediaType.startsWith('image/')) return [];
    const file = part.data;
    const bytes =
      file.type !== 'data'
        ? undefined
        : typeof file.data === 'string'
          ? Buffer.from(file.data, 'base64').length
          : file.data.length;
    const size = bytes === undefined ? 'size unknown' : `${bytes} bytes`;
    return [`${part.mediaType}, ${size}`];
  });
}

const usageOf = (promptText: string, outputText: string) => {
  const input = countTokens(promptText);
  const output = countTokens(outputText);
  return {
    inputTokens: { total: input, noCache: input, cacheRead: 0, cacheWrite: 0 },
    outputTokens: { total: output, text: output, reasoning: 0 },
  };
};

/** Decides the demo's reply to a call: a tool call, a JSON object, or text. Pure and deterministic. */
export function demoReply(options: LanguageModelV4CallOptions): LanguageModelV4GenerateResult {
  const prompt = options.prompt;
  const promptText = prompt.map(messageText).join('\n');
  const offered = (options.tools ?? []).flatMap((t) => (t.type === 'function' ? [t.name] : []));
  const results = trailingToolResults(prompt);
  const userText = lastUserText(prompt);
  let content: LanguageModelV4Content[];
  let finish: LanguageModelV4GenerateResult['finishReason'] = { unified: 'stop', raw: 'stop' };
  let outputText: string;

  if (options.responseFormat?.type === 'json') {
    outputText = JSON.stringify(sampleFromSchema(options.responseFormat.schema as JsonSchema));
    content = [{ type: 'text', text: outputText }];
  } else if (results?.length) {
    const parts = results.map((r) => `${r.toolName} returned ${describeOutput(r.output)}`);
    outputText = `[${DEMO_LABEL}] ${parts.join('; ')}.`;
    content = [{ type: 'text', text: outputText }];
  } else {
    const schemas = Object.fromEntries(
      (options.tools ?? []).flatMap((t) => (t.type === 'function' ? [[t.name, t.inputSchema as ToolInputSchema]] : [])),
    );
    const intent = options.toolChoice?.type === 'none' ? undefined : detectToolIntent(userText, offered, schemas);
    if (intent) {
      outputText = JSON.stringify(intent.input);
      const toolCallId = `demo-call-${prompt.length}`;
      content = [{ type: 'tool-call', toolCallId, toolName: intent.toolName, input: outputText }];
      finish = { unified: 'tool-calls', raw: 'tool_calls' };
    } else {
      const words = userText ? userText.split(/\s+/).length : 0;
      const images = lastUserImages(prompt);
      const seen = images.length
        ? ` You sent ${images.length} image${images.length > 1 ? 's' : ''} (${images.join('; ')}); the demo model cannot look inside images.`
        : '';
      outputText =
        `[${DEMO_LABEL}] You said: "${userText.slice(0, 200)}" (${words} words).${seen} ` +
        'This reply comes from the built-in demo model; configure a provider key to get real answers.';
      content = [{ type: 'text', text: outputText }];
    }
  }
  return { content, finishReason: finish, usage: usageOf(promptText, outputText), warnings: [] };
}

function toStreamParts(result: LanguageModelV4GenerateResult): LanguageModelV4StreamPart[] {
  const parts: LanguageModelV4StreamPart[] = [{ type: 'stream-start', warnings: [] }];
  result.content.forEach((part, i) => {
    if (part.type === 'text') {
      const id = `text-${i}`;
      parts.push({ type: 'text-start', id });
      for (const piece of part.text.match(/\S+\s*|\s+/g) ?? []) parts.push({ type: 'text-delta', id, delta: piece });
      parts.push({ type: 'text-end', id });
    } else {
      parts.push(part as LanguageModelV4StreamPart);
    }
  });
  parts.push({ type: 'finish', usage: result.usage, finishReason: result.finishReason });
  return parts;
}

/** Creates the demo model; `chunkDelayMs` (default 0) spaces out streamed pieces for a visible stream. */
export function createDemoModel(options: { chunkDelayMs?: number } = {}): LanguageModelV4 {
  const delay = options.chunkDelayMs ?? 0;
  return {
    specificationVersion: 'v4',
    provider: DEMO_PROVIDER,
    modelId: DEMO_MODEL,
    supportedUrls: {},
    async doGenerate(callOptions) {
      return demoReply(callOptions);
    },
    async doStream(callOptions) {
      const parts = toStreamParts(demoReply(callOptions));
      const signal = callOptions.abortSignal;
      const stream = new ReadableStream<LanguageModelV4StreamPart>({
        async pull(controller) {
          const next = parts.shift();
          if (!next || signal?.aborted) return controller.close();
          if (delay && next.type === 'text-delta') await new Promise((r) => setTimeout(r, delay));
          controller.enqueue(next);
        },
      });
      return { stream };
    },
  };
}
