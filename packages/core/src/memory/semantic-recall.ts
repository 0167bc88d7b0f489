// Semantic recall (SPEC §5, MemoryConfig.semanticRecall): when an agent with memory has it on and the database has
// pgvector, a turn also gets the `topK` messages most similar to the new one among the user's latest `messageRange`
// remembered messages — from any of their threads, beyond the recent messages the turn already has — added to the
// instructions as earlier context. Remembered messages are embedded (offline embedder) by the memory-embed job after
// each turn. The memory-recall tool searches the same embeddings.
import type { ServiceContext } from '../context';
import { embedderFor, OFFLINE_EMBEDDER } from '../knowledge/embedders';
import { type RecalledMessage, SemanticRecallStore } from './semantic-recall-store';

const when = (d: Date | string) => new Date(d).toISOString().slice(0, 16).replace('T', ' ');

async function embedOne(ctx: ServiceContext, text: string): Promise<number[]> {
  return (await embedderFor(ctx, OFFLINE_EMBEDDER).embed([text]))[0];
}

/** The similar earlier messages of the user, or [] (no pgvector, nothing to compare, nothing similar). */
export async function recallSimilar(
  ctx: ServiceContext,
  args: { resourceId: string; text: string; topK: number; messageRange: number; exclude?: string[] },
): Promise<RecalledMessage[]> {
  if (!ctx.runtime.vectorSearch || !args.text.trim()) return [];
  const embedding = await embedOne(ctx, args.text.slice(0, 4000));
  return SemanticRecallStore.of(ctx).similar(args.resourceId, embedding, {
    topK: args.topK,
    messageRange: args.messageRange,
    exclude: args.exclude ?? [],
  });
}

/** What a turn's instructions get from recall: the recalled messages, oldest first, as earlier context. */
export function recallBlock(messages: RecalledMessage[]): string | null {
  if (!messages.length) return null;
  const lines = [...messages]
    .sort((a, b) => new Date(a.created_at).getTime() - new Date(b.created_at).getTime())
    .map((m) => `- [${when(m.created_at)}, ${m.role}] ${m.text.replace(/\s+/g, ' ').slice(0, 500)}`);
  return `Earlier messages from your conversations with this user that may be relevant (semantic recall):\n${lines.join('\n')}`;
}

/** The memory-embed job: embeds the thread's remembered messages that have no embedding yet. */
export async function embedThreadMessages(ctx: ServiceContext, threadId: string) {
  if (!ctx.runtime.vectorSearch) return { handled: true, embedded: 0 };
  const store = SemanticRecallStore.of(ctx);
  const pending = (await store.unembedded(threadId)).filter((m) => m.text?.trim());
  if (!pending.length) return { handled: true, embedded: 0 };
  const vectors = await embedderFor(ctx, OFFLINE_EMBEDDER).embed(pending.map((m) => (m.text ?? '').slice(0, 4000)));
  for (const [i, m] of pending.entries()) await store.setEmbedding(m.id, vectors[i]);
  return { handled: true, embedded: pending.length };
}
