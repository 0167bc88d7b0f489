// createMemory: a Mastra Memory for one tenant whose threads, messages and working memory live in our database
// (DrizzleMemoryStorage). Our migrations own the tables, so the store never initialises anything.
import { MastraCompositeStore } from '@mastra/core/storage';
import { Memory } from '@mastra/memory';
import type { Db } from '@trellis/db';
import { DrizzleMemoryStorage } from './drizzle-memory-storage';

export { DrizzleMemoryStorage, type DrizzleMemoryStorageOptions } from './drizzle-memory-storage';

type MastraMemoryOptions = NonNullable<NonNullable<ConstructorParameters<typeof Memory>[0]>['options']>;

/** Mastra's memory options minus what needs a vector store or an observer model, which Trellis does not wire yet. */
export type MemoryOptions = Omit<MastraMemoryOptions, 'semanticRecall' | 'observationalMemory'>;

export interface CreateMemoryOptions {
  db: Db;
  tenantId: string;
  /** Mastra's defaults apply: lastMessages 10, working memory off, no title generation. */
  options?: MemoryOptions;
}

export function createMemory({ db, tenantId, options }: CreateMemoryOptions): Memory {
  const storage = new MastraCompositeStore({
    id: 'trellis-memory',
    disableInit: true,
    // Only the memory domain: no in-process thread-state store either.
    domains: { memory: new DrizzleMemoryStorage({ db, tenantId }), threadState: false },
  });
  return new Memory({ storage, options: { ...options, semanticRecall: false, observationalMemory: false } });
}
