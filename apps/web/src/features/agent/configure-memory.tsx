// Configure › Memory: whether runs remember the conversation, and how (last messages, semantic recall, working
// memory with its Markdown template). Empty numbers use the memory module's defaults.
import { useQuery } from '@tanstack/react-query';
import { get } from '@/lib/api';
import { Section, type SectionProps, SwitchField, TextAreaField, TextField } from './configure-controls';

/** Whether this server can search by embedding (pgvector), as its health says. */
function useVectorSearch(): boolean | undefined {
  const health = useQuery({
    queryKey: ['health', 'knowledge'],
    queryFn: () => get<{ knowledge?: { search: 'hybrid' | 'text' } }>('/api/health'),
    staleTime: 60_000,
  });
  return health.data?.knowledge ? health.data.knowledge.search === 'hybrid' : undefined;
}

const numberProps = { type: 'number', inputMode: 'numeric', min: 1, step: 1 } as const;

export function MemorySection({ form, set }: SectionProps) {
  const m = form.memory;
  const vectors = useVectorSearch();
  const setMemory = (patch: Partial<typeof m>) => set({ memory: { ...m, ...patch } });
  return (
    <Section id="memory" title="Memory" description="What the agent remembers between the messages of a thread.">
      <SwitchField
        path="memoryEnabled"
        label="Conversation memory"
        description="Runs in the same thread see the earlier messages. Off: every run starts fresh."
        checked={form.memoryEnabled}
        onCheckedChange={(memoryEnabled) => set({ memoryEnabled })}
      />
      {form.memoryEnabled && (
        <div className="ml-2 grid gap-4 border-l-2 pl-4">
          <TextField
            path="memoryConfig.lastMessages"
            label="Last messages"
            hint="Recent messages each run sees. Empty = 10."
            placeholder="10"
            className="sm:max-w-xs"
            {...numberProps}
            value={m.lastMessages}
            onValueChange={(lastMessages) => setMemory({ lastMessages })}
          />
          <SwitchField
            path="memoryConfig.semanticRecall"
            label="Semantic recall"
            description={
              vectors === false
                ? 'Needs pgvector, which this server’s PostgreSQL lacks: saved, but no older messages are retrieved until it is installed.'
                : "Also retrieve the user's older messages (any of their threads) that are similar to the new one."
            }
            checked={m.semanticRecall}
            onCheckedChange={(semanticRecall) => setMemory({ semanticRecall })}
          />
          {m.semanticRecall && (
            <div className="ml-2 grid gap-4 border-l-2 pl-4 sm:grid-cols-2">
              <TextField
                path="memoryConfig.semanticRecall.topK"
                label="Recall top K"
                hint="Similar messages to retrieve. Empty = 5."
                placeholder="5"
                {...numberProps}
                value={m.topK}
                onValueChange={(topK) => setMemory({ topK })}
              />
              <TextField
                path="memoryConfig.semanticRecall.messageRange"
                label="Recall message range"
                hint="Messages to search. Empty = 100."
                placeholder="100"
                {...numberProps}
                value={m.messageRange}
                onValueChange={(messageRange) => setMemory({ messageRange })}
              />
            </div>
          )}
          <SwitchField
            path="memoryConfig.workingMemory.enabled"
            label="Working memory"
            description="A persistent Markdown note the agent keeps up to date about the user."
            checked={m.workingMemory}
            onCheckedChange={(workingMemory) => setMemory({ workingMemory })}
          />
          {m.workingMemory && (
            <TextAreaField
              path="memoryConfig.workingMemory.template"
              label="Working memory template (Markdown)"
              className="ml-2 border-l-2 pl-4 [&_textarea]:font-mono [&_textarea]:text-xs"
              hint="The shape of the note. Empty = the default template."
              rows={5}
              placeholder={'# User\n- Name:\n- Preferences:'}
              value={m.template}
              onValueChange={(template) => setMemory({ template })}
            />
          )}
        </div>
      )}
    </Section>
  );
}
