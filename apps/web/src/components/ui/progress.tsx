// Progress: a labelled bar for a share done (0–1), with role="progressbar" and its value for screen readers.
import { cn } from '@/lib/utils';

export function Progress({
  value,
  label,
  className,
  tone = 'primary',
}: {
  /** 0–1. */
  value: number;
  label: string;
  className?: string;
  tone?: 'primary' | 'destructive';
}) {
  const pct = Math.round(Math.min(1, Math.max(0, value)) * 100);
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={pct}
      className={cn('h-1.5 w-full overflow-hidden rounded-full bg-muted', className)}
    >
      <div
        className={cn('h-full rounded-full transition-[width]', tone === 'primary' ? 'bg-primary' : 'bg-destructive')}
        style={{ width: `${pct}%` }}
      />
    </div>
  );
}
