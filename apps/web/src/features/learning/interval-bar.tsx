// The difference candidate − baseline with its always-valid interval, drawn on a small axis centred on zero: the bar
// is green when the whole interval lies above zero, red when it lies below, grey while it straddles zero.
import { cn } from '@/lib/utils';
import { formatSigned } from './labels';

/** The axis's half-width: the interval's farthest end, rounded up to a tenth (at least ±0.1, at most ±1). */
function halfWidth(low: number, high: number) {
  const far = Math.max(Math.abs(low), Math.abs(high), 0.1);
  return Math.min(Math.ceil(far * 10) / 10, 1);
}

export function IntervalBar({ estimate, low, high }: { estimate: number; low: number; high: number }) {
  const r = halfWidth(low, high);
  const at = (x: number) => `${((Math.max(-r, Math.min(r, x)) + r) / (2 * r)) * 100}%`;
  const tone = low > 0 ? 'bg-primary' : high < 0 ? 'bg-destructive' : 'bg-muted-foreground/60';
  const verdict = low > 0 ? 'lies wholly above zero' : high < 0 ? 'lies wholly below zero' : 'includes zero';
  return (
    <figure className="grid gap-1">
      <div
        role="img"
        aria-label={`Difference ${formatSigned(estimate)}, interval ${formatSigned(low)} to ${formatSigned(high)}: it ${verdict}`}
        className="relative h-6"
      >
        <div className="absolute inset-x-0 top-1/2 h-px bg-border" />
        <div className="absolute top-0 bottom-0 w-px bg-foreground/50" style={{ left: '50%' }} />
        <div
          className={cn('absolute top-1/2 h-2 -translate-y-1/2 rounded-full', tone)}
          style={{ left: at(low), width: `calc(${at(high)} - ${at(low)})` }}
        />
        <div
          className="absolute top-1/2 size-3 -translate-x-1/2 -translate-y-1/2 rounded-full border-2 border-background bg-foreground"
          style={{ left: at(estimate) }}
        />
      </div>
      <figcaption className="flex justify-between text-xs tabular-nums text-muted-foreground" aria-hidden>
        <span>{formatSigned(-r, 1)}</span>
        <span>0</span>
        <span>{formatSigned(r, 1)}</span>
      </figcaption>
    </figure>
  );
}
