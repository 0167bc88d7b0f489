// A pretty-printed JSON block with a copy button, collapsible under its label.
import { ChevronRight } from 'lucide-react';
import { useId, useState } from 'react';
import { CopyButton } from '@/components/ui/copy-button';
import { cn } from '@/lib/utils';

/** JSON text for display: strings stay as they are, `undefined` shows as a dash. */
export function toJsonText(value: unknown): string {
  if (value === undefined) return '—';
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value, null, 2);
  } catch {
    return String(value);
  }
}

export function JsonView({
  value,
  label,
  defaultOpen = true,
  className,
}: {
  value: unknown;
  label: string;
  defaultOpen?: boolean;
  className?: string;
}) {
  const [open, setOpen] = useState(defaultOpen);
  const id = useId();
  const text = toJsonText(value);
  return (
    <div className={cn('min-w-0 rounded-md border bg-background', className)}>
      <div className="flex items-center gap-1 pr-1">
        <button
          type="button"
          className="flex min-w-0 flex-1 cursor-pointer items-center gap-1 rounded-md px-2 py-1 text-left text-xs font-medium text-muted-foreground hover:text-foreground"
          aria-expanded={open}
          aria-controls={id}
          onClick={() => setOpen(!open)}
        >
          <ChevronRight className={cn('size-3.5 shrink-0 transition-transform', open && 'rotate-90')} aria-hidden />
          {label}
          {!open && <span className="truncate font-mono font-normal opacity-70">{text.replace(/\s+/g, ' ')}</span>}
        </button>
        <CopyButton text={text} label={`Copy ${label.toLowerCase()}`} className="size-6" />
      </div>
      <pre
        id={id}
        hidden={!open}
        className="max-h-80 overflow-auto border-t px-3 py-2 font-mono text-xs leading-relaxed whitespace-pre-wrap break-words"
      >
        {text}
      </pre>
    </div>
  );
}
