// createMemory: a Mastra Memory for one tenant whose threads, messages and working memory live in our database
// (DrizzleMemoryStorage). Our migrations own the tables, so the store never initialises anything.
import type { MastraDBMessage, MessageList } from '@mastra/core/agent';
import { MessageHistory, type OutputResult } from '@mastra/core/processors';
import { MastraCompositeStore } from '@mastra/core/storage';
import { Memory } from '@mastra/memory';
import type { Db } from '@trellis/db';
import { DrizzleMemoryStorage } from './drizzle-memory-storage';

export { DrizzleMemoryStorage, type DrizzleMemoryStorageOptions } from './drizzle-memory-storage';
export { loadTurn, TurnMemoryStorage, type TurnSnapshot } from './turn-storage';

type MastraMemoryOptions = NonNullable<NonNullable<ConstructorParameters<typeof Memory>[0]>['options']>;

/** Mastra's memory options minus semantic recall (Trellis's own, memory/semantic-recall.ts) and observational memory. */
export type MemoryOptions = Omit<MastraMemoryOptions, 'semanticRecall' | 'observationalMemory'>;

export type CreateMemoryOptions = {
  /** Mastra's defaults apply: lastMessages 10, working memory off, no title generation. */
  options?: MemoryOptions;
} & ({ db: Db; tenantId: string } | { storage: DrizzleMemoryStorage });

export function createMemory(args: CreateMemoryOptions): Memory {
  const { options } = args;
  const memory = 'storage' in args ? args.storage : new DrizzleMemoryStorage({ db: args.db, tenantId: args.tenantId });
  const storage = new MastraCompositeStore({
    id: 'trellis-memory',
    disableInit: true,
    // Only the memory domain: no in-process thread-state store either.
    domains: { memory, threadState: false },
  });
  return new Memory({ storage, options: { ...options, semanticRecall: false, observationalMemory: false } });
}

/**
 * Mastra's message history with its saving step replaced: it saves the turn's new input and response messages (a
 * failed call with no response keeps nothing, as Mastra's does) and returns, where Mastra's own pauses 10 ms after
 * every save. Given to the agent as an output processor with the same id, so Memory does not add its own.
 */
export class TurnHistory extends MessageHistory {
  readonly #turn: { threadId: string; resourceId: string };
  readonly #rewrite?: (text: string) => string;

  /** `rewrite` changes the text of the response before it is kept (the output guardrails' redaction). */
  constructor(
    storage: DrizzleMemoryStorage,
    turn: { threadId: string; resourceId: string; rewrite?: (text: string) => string },
  ) {
    super({ storage });
    const { rewrite, ...key } = turn;
    this.#turn = key;
    this.#rewrite = rewrite;
  }

  override async processOutputResult(args: { messageList: MessageList; result?: OutputResult }) {
    const { messageList, result } = args;
    let response = messageList.get.response.db();
    if (result?.finishReason === 'error' && response.length === 0) return messageList;
    const rewrite = this.#rewrite;
    if (rewrite) response = response.map((m) => rewriteText(m, rewrite));
    await this.persistMessages({ messages: [...messageList.get.input.db(), ...response], ...this.#turn });
    return messageList;
  }
}

/** A stored message with `rewrite` applied to its text: the text parts and the plain-text copy. */
function rewriteText(message: MastraDBMessage, rewrite: (text: string) => string): MastraDBMessage {
  const { content } = message;
  return {
    ...message,
    content: {
      ...content,
      parts: content.parts.map((p) => (p.type === 'text' ? { ...p, text: rewrite(p.text) } : p)),
      ...(typeof content.content === 'string' ? { content: rewrite(content.content) } : {}),
    },
  };
}
