// Configure › Tools: the built-in tool catalog grouped by category (each with its description, a "sample data" badge
// and its input JSON schema on demand), then each enabled MCP server's tools; tools the agent has that nothing offers
// right now stay listed, marked unavailable, so they can be kept or removed.
import { useQuery } from '@tanstack/react-query';
import { Search } from 'lucide-react';
import { type ReactNode, useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { EmptyState, ErrorNotice, Skeleton } from '@/components/ui/feedback';
import { Input } from '@/components/ui/input';
import type { ToolInfo } from '@/lib/types';
import { toolsQuery } from './api';
import { Section, type SectionProps, useIssue } from './configure-controls';
import { controlId } from './configure-form';
import { McpToolGroups, UnavailableTools, useMcpTools } from './configure-mcp-tools';
import { ToolCheckRow } from './tool-check-row';

const categoryLabels: Record<ToolInfo['category'], string> = { core: 'Core', 'trip-planner': 'Trip planner' };

export function ToolsSection({ form, set }: SectionProps) {
  const { data: tools, error, isPending } = useQuery(toolsQuery());
  const mcp = useMcpTools();
  const [filter, setFilter] = useState('');
  const issue = useIssue('tools');
  const selected = new Set(form.tools);
  const toggle = (id: string, on: boolean) =>
    set({ tools: on ? [...form.tools, id].sort() : form.tools.filter((t) => t !== id) });
  const q = filter.trim().toLowerCase();
  const shown = (tools ?? []).filter((t) => !q || `${t.id} ${t.description}`.toLowerCase().includes(q));
  const groups = Map.groupBy(shown, (t) => t.category);
  const unavailable = form.tools.filter((id) => tools && !tools.some((t) => t.id === id) && !mcp.offered.has(id));

  /** A group's heading: its title, how many of its tools are on, and Select all / Clear for the shown ones. */
  const heading = (title: ReactNode, ids: string[], label: string) => {
    const allOn = ids.length > 0 && ids.every((id) => selected.has(id));
    return (
      <div className="flex items-center justify-between gap-2">
        <h3 className="text-sm font-medium">
          {title}{' '}
          <span className="font-normal text-muted-foreground">
            ({ids.filter((id) => selected.has(id)).length}/{ids.length})
          </span>
        </h3>
        {ids.length > 0 && (
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
            <span className="sr-only"> {label} tools</span>
          </Button>
        )}
      </div>
    );
  };

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
          <EmptyState title={tools.length ? 'No built-in tool matches the filter' : 'No tools available'} />
        ) : (
          [...groups].map(([category, list]) => {
            const label = categoryLabels[category] ?? category;
            return (
              <div key={category} className="grid gap-2">
                {heading(
                  label,
                  list.map((t) => t.id),
                  label,
                )}
                <div className="grid gap-2 xl:grid-cols-2">
                  {list.map((t) => (
                    <ToolCheckRow
                      key={t.id}
                      name={t.id}
                      description={t.description}
                      inputSchema={t.inputSchema}
                      badge={
                        t.sampleData && (
                          <Badge variant="warning" title="Answers from built-in sample data, not a live service">
                            sample data
                          </Badge>
                        )
                      }
                      checked={selected.has(t.id)}
                      toggle={(on) => toggle(t.id, on)}
                    />
                  ))}
                </div>
              </div>
            );
          })
        )}
        <McpToolGroups
          mcp={mcp}
          filter={q}
          selected={selected}
          toggle={toggle}
          heading={(title, names) => heading(title, names, 'MCP server')}
        />
        <UnavailableTools names={unavailable} mcp={mcp} remove={(id) => toggle(id, false)} />
      </fieldset>
    </Section>
  );
}
