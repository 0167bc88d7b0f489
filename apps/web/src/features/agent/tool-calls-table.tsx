// A run's tool calls as a table: step, tool, result, duration, and the input and output (or error) on one line each,
// the whole JSON in the cell's title (the Run and Traces pages).
import { Badge } from '@/components/ui/badge';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import type { ToolCall } from '@/lib/types';
import { formatMs } from '@/lib/utils';
import { toJsonText } from './json-view';

const oneLine = (value: unknown) => toJsonText(value).replace(/\s+/g, ' ');

export function ToolCallsTable({ calls }: { calls: ToolCall[] }) {
  return (
    <Table className="table-fixed">
      <THead>
        <TR>
          <TH className="w-14">Step</TH>
          <TH className="w-40">Tool</TH>
          <TH className="w-24">Result</TH>
          <TH className="w-24 text-right">Duration</TH>
          <TH>Input</TH>
          <TH>Output or error</TH>
        </TR>
      </THead>
      <TBody>
        {calls.map((c) => (
          <TR key={c.id}>
            <TD className="tabular-nums text-muted-foreground">{c.stepNumber ?? '—'}</TD>
            <TD className="truncate font-mono text-xs">{c.toolKey}</TD>
            <TD>
              <Badge variant={c.success ? 'default' : 'destructive'}>{c.success ? 'success' : 'error'}</Badge>
            </TD>
            <TD className="text-right tabular-nums">{formatMs(c.durationMs)}</TD>
            <TD className="truncate font-mono text-xs" title={toJsonText(c.inputJson)}>
              {oneLine(c.inputJson)}
            </TD>
            <TD
              className={c.success ? 'truncate font-mono text-xs' : 'truncate text-xs text-destructive'}
              title={c.success ? toJsonText(c.outputJson) : (c.error ?? undefined)}
            >
              {c.success ? oneLine(c.outputJson) : c.error || 'failed'}
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
