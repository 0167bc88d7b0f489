// The figures of one experiment: both arms (runs, mean score), the difference with its always-valid interval, win
// rate and confidence, the guard metrics against their non-inferiority margins, and the stopping rule's progress.
import { ShareBar } from '@/components/chart';
import { Badge } from '@/components/ui/badge';
import { Stat } from '@/components/ui/facts';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import type { ExperimentStats, ExperimentProgress as Progress } from '@/lib/types';
import { formatMs, formatPercent, formatUsd } from '@/lib/utils';
import { IntervalBar } from './interval-bar';
import { formatMinutes, formatRatio, formatSigned } from './labels';

export const VALIDITY_NOTE =
  'The interval stays valid however often it is checked: a candidate is promoted only when the whole interval lies above zero.';

type Guard = ExperimentStats['guards'][number];
export const guardInfo: Record<Guard['name'], { label: string; format: (n: number) => string }> = {
  costUsd: { label: 'Cost per run', format: formatUsd },
  latencyMs: { label: 'Latency', format: formatMs },
  guardrailBlockRate: { label: 'Guardrail block rate', format: formatPercent },
};
const plain = (g: Guard['name'], n: number | null) => (n == null ? '—' : guardInfo[g].format(n));
const signed = (g: Guard['name'], n: number) => `${n > 0 ? '+' : n < 0 ? '−' : ''}${guardInfo[g].format(Math.abs(n))}`;

export function Arms({ stats }: { stats: ExperimentStats }) {
  return (
    <div className="grid gap-3">
      <Table aria-label="Arms">
        <THead>
          <TR>
            <TH>Arm</TH>
            <TH className="text-right">Scored runs</TH>
            <TH className="text-right">Mean score</TH>
          </TR>
        </THead>
        <TBody>
          <TR>
            <TD className="font-medium">Baseline</TD>
            <TD className="text-right tabular-nums">{stats.baseline.runs}</TD>
            <TD className="text-right tabular-nums">{formatRatio(stats.baseline.mean)}</TD>
          </TR>
          <TR>
            <TD className="font-medium">Candidate</TD>
            <TD className="text-right tabular-nums">{stats.candidate.runs}</TD>
            <TD className="text-right tabular-nums">{formatRatio(stats.candidate.mean)}</TD>
          </TR>
        </TBody>
      </Table>
      <dl className="grid grid-cols-2 gap-2">
        <Stat label="Win rate (candidate run beats baseline run)" value={formatRatio(stats.winRate)} />
        <Stat label="Confidence (1 − always-valid p)" value={formatRatio(stats.confidence)} />
      </dl>
    </div>
  );
}

export function Difference({ stats }: { stats: ExperimentStats }) {
  const d = stats.difference;
  const level = Math.round((1 - stats.alpha) * 100);
  return (
    <div className="grid gap-2">
      {d ? (
        <>
          <p className="text-sm">
            Candidate − baseline: <strong className="tabular-nums">{formatSigned(d.estimate)}</strong>{' '}
            <span className="text-muted-foreground tabular-nums">
              ({level} % interval {formatSigned(d.low)} … {formatSigned(d.high)})
            </span>
          </p>
          <IntervalBar estimate={d.estimate} low={d.low} high={d.high} />
        </>
      ) : (
        <p className="text-sm text-muted-foreground">No difference yet: each arm needs at least one scored run.</p>
      )}
      <p className="text-xs text-muted-foreground">
        <span className="font-medium text-foreground">Method:</span> {stats.method}. {VALIDITY_NOTE}
      </p>
    </div>
  );
}

function GuardState({ guard }: { guard: Guard }) {
  if (guard.breached) return <Badge variant="destructive">breached</Badge>;
  if (!guard.withinMargin) return <Badge variant="warning">outside margin so far</Badge>;
  return <Badge variant="secondary">within margin</Badge>;
}

export function Guards({ guards }: { guards: Guard[] }) {
  return (
    <Table aria-label="Guard metrics" className="min-w-[40rem]">
      <THead>
        <TR>
          <TH>Guard</TH>
          <TH className="text-right">Baseline</TH>
          <TH className="text-right">Candidate</TH>
          <TH className="text-right" title="How much worse the candidate may be before the experiment stops">
            Tolerated increase
          </TH>
          <TH className="text-right">Difference (interval)</TH>
          <TH>State</TH>
        </TR>
      </THead>
      <TBody>
        {guards.map((g) => (
          <TR key={g.name}>
            <TD className="font-medium whitespace-nowrap">{guardInfo[g.name].label}</TD>
            <TD className="text-right tabular-nums">{plain(g.name, g.baseline)}</TD>
            <TD className="text-right tabular-nums">{plain(g.name, g.candidate)}</TD>
            <TD className="text-right tabular-nums">{plain(g.name, g.margin)}</TD>
            <TD className="text-right tabular-nums whitespace-nowrap">
              {g.difference ? (
                <>
                  {signed(g.name, g.difference.estimate)}{' '}
                  <span className="text-xs text-muted-foreground">
                    ({signed(g.name, g.difference.low)} … {signed(g.name, g.difference.high)})
                  </span>
                </>
              ) : (
                '—'
              )}
            </TD>
            <TD>
              <GuardState guard={g} />
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}

function ProgressRow({ label, value, of }: { label: string; value: number; of: number }) {
  return (
    <div className="grid grid-cols-[minmax(0,1fr)_auto] items-center gap-x-3 gap-y-1 text-sm sm:grid-cols-[10rem_6rem_minmax(0,1fr)]">
      <span>{label}</span>
      <span className="text-right tabular-nums text-muted-foreground">
        {value} of {of}
      </span>
      <div className="col-span-2 sm:col-span-1">
        <ShareBar value={of ? value / of : 0} label={formatPercent(of ? Math.min(value / of, 1) : 0)} />
      </div>
    </div>
  );
}

/** Runs per arm against the minimum, all runs against the cap, and the time left before the duration cap. */
export function StoppingRule({
  stats,
  progress,
  running,
}: {
  stats: ExperimentStats;
  progress: Progress;
  running: boolean;
}) {
  const left = (new Date(progress.endsAt).getTime() - Date.now()) / 60_000;
  return (
    <div className="grid gap-2">
      <ProgressRow label="Baseline runs" value={stats.baseline.runs} of={progress.minRunsPerGroup} />
      <ProgressRow label="Candidate runs" value={stats.candidate.runs} of={progress.minRunsPerGroup} />
      <ProgressRow label="All runs (cap)" value={progress.totalRuns} of={progress.maxRunsPerExperiment} />
      <p className="text-xs text-muted-foreground">
        No decision before each arm has {progress.minRunsPerGroup} scored runs; inconclusive at{' '}
        {progress.maxRunsPerExperiment} runs or at the time cap.{' '}
        {running && (left > 0 ? `${formatMinutes(left)} left until the time cap.` : 'The time cap is reached.')}
        {progress.pending > 0 && ` ${progress.pending} finished run(s) wait for their scores.`}
      </p>
    </div>
  );
}
