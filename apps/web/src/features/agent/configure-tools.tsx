// Configure › Tools: the tool catalog grouped by category, each with its description, a "sample data" badge and its
// input JSON schema on demand; tools the agent has that the catalog lacks stay listed so they can be removed.
import { useQuery } from '@tanstack/react-query';
import { Search } from 'lucide-react';
import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { EmptyState, ErrorNotice, Skeleton } from '@/components/ui/feedback';
import { Input } from '@/components/ui/input';
import type { ToolInfo } from '@/lib/types';
import { prettyJson } from './agent-fields';
import { toolsQuery } from './api';
import { CheckRow, Section, type SectionProps, useIssue } from './configure-controls';
import { controlId } from './configure-form';

const categoryLabels: Record<ToolInfo['category'], string> = { core: 'Core', 'trip-planner': 'Trip planner' };

function ToolRow({ tool, checked, toggle }: { tool: ToolInfo; checked: boolean; toggle: (on: boolean) => void }) {
  return (
    <CheckRow
      id={`tool-${tool.id}`}
      checked={checked}
      onCheckedChange={toggle}
      title={
        <>
          <code className="font-mono">{tool.id}</code>
          {tool.sampleData && (
            <Badge variant="warning" title="Answers from built-in sample data, not a live service">
              sample data
            </Badge>
          )}
        </>
      }
      description={tool.description}
    >
      <details className="group text-xs">
        <summary className="w-fit cursor-pointer rounded text-muted-foreground hover:text-foreground">
          Input schema
        </summary>
        <pre className="mt-2 max-h-64 overflow-auto rounded-md border bg-muted/50 p-2 font-mono text-[11px] leading-relaxed">
          {prettyJson(tool.inputSchema)}
        </pre>
      </details>
    </CheckRow>
  );
}

export function ToolsSection({ form, set }: SectionProps) {
  const { data: tools, error, isPending } = useQuery(toolsQuery());
  const [filter, setFilter] = useState('');
  const issue = useIssue('tools');
  const selected = new Set(form.tools);
  const toggle = (id: string, on: boolean) =>
    set({ tools: on ? [...form.tools, id].sort() : form.tools.filter((t) => t !== id) });
  const q = filter.trim().toLowerCase();
  const shown = (tools ?? []).filter((t) => !q || `${t.id} ${t.description}`.toLowerCase().includes(q));
  const groups = Map.groupBy(shown, (t) => t.category);
  const unknown = form.tools.filter((id) => tools && !tools.some((t) => t.id === id));

  return (
    <Section
      id="tools"
      title="Tools"
      description={`${form.tools.length} selected. The agent may call these while answering.`}
    >
      <fieldset
        id={controlId('tools')}
        tabIndex={-1}
        className="grid gap-4"
        aria-describedby={issue ? 'tools-issue' : undefined}
      >
        <legend className="sr-only">Tools</legend>
        {issue && (
          <p id="tools-issue" role="alert" className="text-xs text-destructive">
            {issue}
          </p>
        )}
        <div className="relative">
          <Search className="absolute top-2.5 left-3 size-4 text-muted-foreground" aria-hidden />
          <Input
            aria-label="Filter tools"
            className="pl-9"
            placeholder="Filter by name or description"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            onKeyDown={(e) => e.key === 'Enter' && e.preventDefault()}
          />
        </div>
        {error ? (
          <ErrorNotice error={error} />
        ) : isPending ? (
          <Skeleton className="h-40" />
        ) : shown.length === 0 ? (
          <EmptyState title={tools.length ? 'No tool matches the filter' : 'No tools available'} />
        ) : (
          [...groups].map(([category, list]) => {
            const ids = list.map((t) => t.id);
            const allOn = ids.every((id) => selected.has(id));
            return (
              <div key={category} className="grid gap-2">
                <div className="flex items-center justify-between gap-2">
                  <h3 className="text-sm font-medium">
                    {categoryLabels[category] ?? category}{' '}
                    <span className="text-muted-foreground">
                      ({ids.filter((id) => selected.has(id)).length}/{ids.length})
                    </span>
                  </h3>
                  <Button
                    variant="ghost"
                    size="sm"
                    onClick={() =>
                      set({
                        tools: allOn
                          ? form.tools.filter((t) => !ids.includes(t))
                          : [...new Set([...form.tools, ...ids])].sort(),
                      })
                    }
                  >
                    {allOn ? 'Clear' : 'Select all'}
                    <span className="sr-only"> {categoryLabels[category] ?? category} tools</span>
                  </Button>
                </div>
                <div className="grid gap-2 xl:grid-cols-2">
                  {list.map((t) => (
                    <ToolRow key={t.id} tool={t} checked={selected.has(t.id)} toggle={(on) => toggle(t.id, on)} />
                  ))}
                </div>
              </div>
            );
          })
        )}
        {unknown.length > 0 && (
          <div className="grid gap-2">
            <h3 className="text-sm font-medium">Not in the catalog</h3>
            {unknown.map((id) => (
              <CheckRow
                key={id}
                id={`tool-${id}`}
                checked
                onCheckedChange={() => toggle(id, false)}
                title={<code className="font-mono">{id}</code>}
                description="This server does not offer this tool (an MCP tool, or one removed since). Uncheck to remove it."
              />
            ))}
          </div>
        )}
      </fieldset>
    </Section>
  );
}
