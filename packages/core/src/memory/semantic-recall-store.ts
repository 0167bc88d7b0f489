// Semantic recall's data access, bound to one tenant: the embeddings of remembered messages (a column that exists only
// with pgvector, so read and written with SQL of ours) and the search of a user's latest messages by similarity.
import { memoryMessage } from '@trellis/db';
import { sql } from 'drizzle-orm';
import { vectorLiteral } from '../knowledge/embedders';
import { TenantStore } from '../tenant-store';

export interface RecalledMessage {
  id: string;
  thread_id: string;
  role: string;
  text: string;
  created_at: Date | string;
  distance: number;
}

/** A message's text as memory keeps it: its plain-text copy, else its text parts joined. */
const messageText = sql`coalesce(nullif(m.content->>'content', ''), (
  select string_agg(p->>'text', ' ') from jsonb_array_elements(coalesce(m.content->'parts', '[]'::jsonb)) p
  where p->>'type' = 'text'))`;

export class SemanticRecallStore extends TenantStore {
  /** The thread's messages that have no embedding yet (with their text), oldest first. */
  async unembedded(threadId: string, limit = 200): Promise<{ id: string; text: string | null }[]> {
    const rows = await this.db.execute(sql`select m.id, ${messageText} as text from ${memoryMessage} m
      where m.tenant_id = ${this.tenantId} and m.thread_id = ${threadId} and m.embedding is null
      order by m.created_at limit ${limit}`);
    return (rows as unknown as { rows: { id: string; text: string | null }[] }).rows;
  }

  async setEmbedding(messageId: string, embedding: number[]): Promise<void> {
    await this.db.execute(sql`update ${memoryMessage} set embedding = ${vectorLiteral(embedding)}::vector
      where tenant_id = ${this.tenantId} and id = ${messageId}`);
  }

  /**
   * The `topK` messages most similar to `embedding` among the user's latest `messageRange` embedded messages (any of
   * their threads), leaving out `exclude` (the messages the turn already has).
   */
  async similar(
    resourceId: string,
    embedding: number[],
    { topK, messageRange, exclude }: { topK: number; messageRange: number; exclude: string[] },
  ): Promise<RecalledMessage[]> {
    const excluded = exclude.length
      ? sql`and not (m.id in (${sql.join(
          exclude.map((id) => sql`${id}`),
          sql`, `,
        )}))`
      : sql``;
    const rows = await this.db.execute(sql`select id, thread_id, role, text, created_at, distance from (
        select m.id, m.thread_id, m.role, ${messageText} as text, m.created_at,
          m.embedding::vector(512) <=> ${vectorLiteral(embedding)}::vector(512) as distance
        from ${memoryMessage} m
        where m.tenant_id = ${this.tenantId} and m.resource_id = ${resourceId} and m.embedding is not null ${excluded}
        order by m.created_at desc limit ${messageRange}) recent
      order by distance limit ${topK}`);
    return (rows as unknown as { rows: RecalledMessage[] }).rows;
  }
}
