// One tool in Configure › Tools: a checkbox row with its name, a badge when it needs one, its description and its
// input JSON Schema on demand — for built-in and MCP tools alike.
import type { ReactNode } from 'react';
import { prettyJson } from './agent-fields';
import { CheckRow } from './configure-controls';

export function ToolCheckRow({
  name,
  description,
  inputSchema,
  badge,
  checked,
  toggle,
}: {
  name: string;
  description: ReactNode;
  inputSchema?: unknown;
  badge?: ReactNode;
  checked: boolean;
  toggle: (on: boolean) => void;
}) {
  return (
    <CheckRow
      id={`tool-${name}`}
      checked={checked}
      onCheckedChange={toggle}
      title={
        <>
          <code className="min-w-0 font-mono break-all">{name}</code>
          {badge}
        </>
      }
      description={description}
    >
      {inputSchema != null && (
        <details className="group text-xs">
          <summary className="w-fit cursor-pointer rounded text-muted-foreground hover:text-foreground">
            Input schema
          </summary>
          <pre className="mt-2 max-h-64 overflow-auto rounded-md border bg-muted/50 p-2 font-mono text-[11px] leading-relaxed">
            {prettyJson(inputSchema)}
          </pre>
        </details>
      )}
    </CheckRow>
  );
}
