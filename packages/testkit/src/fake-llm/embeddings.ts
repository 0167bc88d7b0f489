// OpenAI's embeddings endpoint (`POST /v1/embeddings`), as OpenAI, OpenAI-compatible servers and Ollama speak it: each
// input string becomes a deterministic vector — its words hashed into `dimensions` buckets (default 64), normalised —
// so texts that share words are close and a test can predict the ranking.

import { openaiErrorBody } from './openai-error';

export const EMBEDDINGS_ROUTE = '/v1/embeddings';
const DEFAULT_DIMENSIONS = 64;

function hash(word: string): number {
  let h = 2166136261;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** The fake's embedding of `text`. */
export function fakeEmbedding(text: string, dimensions = DEFAULT_DIMENSIONS): number[] {
  const v = new Array<number>(dimensions).fill(0);
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) v[hash(word) % dimensions] += 1;
  const norm = Math.hypot(...v) || 1;
  return v.map((x) => x / norm);
}

/** The answer to an embeddings request body: `{ object: 'list', data, model, usage }`, or a 400. */
export function answerEmbeddings(body: unknown): { status: number; body: unknown } {
  const b = (body ?? {}) as { input?: unknown; model?: unknown; dimensions?: unknown };
  const inputs = typeof b.input === 'string' ? [b.input] : b.input;
  if (!Array.isArray(inputs) || !inputs.every((i) => typeof i === 'string'))
    return { status: 400, body: openaiErrorBody(400, "'input' must be a string or an array of strings") };
  const dimensions = typeof b.dimensions === 'number' ? b.dimensions : DEFAULT_DIMENSIONS;
  const tokens = inputs.reduce((n, s) => n + (s.match(/\S+/g)?.length ?? 0), 0);
  return {
    status: 200,
    body: {
      object: 'list',
      data: inputs.map((text, index) => ({ object: 'embedding', index, embedding: fakeEmbedding(text, dimensions) })),
      model: typeof b.model === 'string' ? b.model : 'fake-embedding',
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    },
  };
}
