// The agent's suite runs, newest first (version, status, passed of total, when): "Show" follows one above, and two
// radio columns pick the pair to compare — left the earlier, right the later by default.
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import type { SuiteRun } from '@/lib/types';
import { cn, formatDateTime, timeAgo } from '@/lib/utils';
import { SuiteStatus } from './suite-results';

export type Pick = { left?: string; right?: string };

export function SuiteHistory({
  runs,
  shown,
  pick,
  onShow,
  onPick,
}: {
  runs: SuiteRun[];
  shown: string | undefined;
  pick: Pick;
  onShow: (id: string) => void;
  onPick: (side: keyof Pick, id: string) => void;
}) {
  return (
    <Table aria-label="Suite runs, newest first">
      <THead>
        <TR>
          <TH className="w-0 text-center">Left</TH>
          <TH className="w-0 text-center">Right</TH>
          <TH>Version</TH>
          <TH>Status</TH>
          <TH>Passed</TH>
          <TH>Tags</TH>
          <TH>When</TH>
          <TH>
            <span className="sr-only">Show</span>
          </TH>
        </TR>
      </THead>
      <TBody>
        {runs.map((s) => {
          const label = `v${s.version} at ${formatDateTime(s.createdAt)}`;
          return (
            <TR key={s.id} className={cn(s.id === shown && 'bg-muted/60')}>
              {(['left', 'right'] as const).map((side) => (
                <TD key={side} className="text-center">
                  <input
                    type="radio"
                    name={`suite-${side}`}
                    className="size-4 accent-primary"
                    aria-label={`Compare ${side}: ${label}`}
                    checked={pick[side] === s.id}
                    onChange={() => onPick(side, s.id)}
                  />
                </TD>
              ))}
              <TD className="font-medium">v{s.version}</TD>
              <TD>
                <SuiteStatus status={s.status} />
              </TD>
              <TD className="whitespace-nowrap tabular-nums">
                {s.passed} / {s.total}
                {s.failed > 0 && <span className="ml-1 text-destructive">({s.failed} failed)</span>}
              </TD>
              <TD>
                <div className="flex flex-wrap gap-1">
                  {s.tags.length === 0 ? (
                    <span className="text-muted-foreground">all</span>
                  ) : (
                    s.tags.map((t) => (
                      <Badge key={t} variant="secondary">
                        {t}
                      </Badge>
                    ))
                  )}
                </div>
              </TD>
              <TD className="whitespace-nowrap text-muted-foreground">
                <time dateTime={s.createdAt} title={formatDateTime(s.createdAt)}>
                  {timeAgo(s.createdAt)}
                </time>
              </TD>
              <TD>
                <Button variant="ghost" size="sm" disabled={s.id === shown} onClick={() => onShow(s.id)}>
                  {s.id === shown ? 'Shown' : 'Show'}
                </Button>
              </TD>
            </TR>
          );
        })}
      </TBody>
    </Table>
  );
}
