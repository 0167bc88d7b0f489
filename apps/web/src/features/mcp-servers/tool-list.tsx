// A server's tools as agents will see them (`<server>_<tool>`): name, description and the input schema on demand.
import type { McpTool } from '@/lib/types';

export function McpToolList({ tools, label }: { tools: McpTool[]; label: string }) {
  if (!tools.length) return <p className="text-sm text-muted-foreground">The server offers no tools.</p>;
  return (
    <ul className="grid items-start gap-2 md:grid-cols-2" aria-label={label}>
      {tools.map((t) => (
        <li key={t.name} className="grid min-w-0 content-start gap-1 rounded-lg border bg-background p-3">
          <code className="truncate font-mono text-sm font-medium" title={t.name}>
            {t.name}
          </code>
          {t.description && <p className="line-clamp-3 text-xs text-muted-foreground">{t.description}</p>}
          {t.inputSchema && (
            <details className="text-xs">
              <summary className="w-fit cursor-pointer rounded text-muted-foreground hover:text-foreground">
                Input schema
              </summary>
              <pre className="mt-2 max-h-64 overflow-auto rounded-md border bg-muted/50 p-2 font-mono text-[11px] leading-relaxed">
                {JSON.stringify(t.inputSchema, null, 2)}
              </pre>
            </details>
          )}
        </li>
      ))}
    </ul>
  );
}
