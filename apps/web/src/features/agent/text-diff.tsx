// Renders a side-by-side line diff: line numbers, removed lines on the left and added ones on the right (changed
// words marked), and folded unchanged runs that expand on demand.
import { ChevronsUpDown } from 'lucide-react';
import { Fragment, useMemo, useState } from 'react';
import { cn } from '@/lib/utils';
import { foldRows, type Line, lineDiff, type Row } from './line-diff';

const tint: Record<Line['kind'], string> = {
  same: '',
  removed: 'bg-destructive/10',
  added: 'bg-primary/10',
};
const mark: Record<Line['kind'], string> = { same: ' ', removed: '−', added: '+' };
const srKind: Record<Line['kind'], string> = { same: '', removed: 'removed: ', added: 'added: ' };

/** A replaced line with its changed words marked; keys are character offsets. */
function Parts({ parts, kind }: { parts: NonNullable<Line['parts']>; kind: Line['kind'] }) {
  let offset = 0;
  return parts.map((p) => {
    const key = offset;
    offset += p.text.length;
    return p.changed ? (
      <mark
        key={key}
        className={cn('rounded-sm text-foreground', kind === 'removed' ? 'bg-destructive/25' : 'bg-primary/25')}
      >
        {p.text}
      </mark>
    ) : (
      <Fragment key={key}>{p.text}</Fragment>
    );
  });
}

function Cell({ line }: { line: Line | null }) {
  if (!line) return <div className="col-span-2 bg-muted/40" aria-hidden />;
  return (
    <>
      <div className={cn('select-none px-1.5 text-right text-muted-foreground', tint[line.kind])} aria-hidden>
        {line.n}
      </div>
      <div className={cn('min-w-0 whitespace-pre-wrap break-words pr-2', tint[line.kind])}>
        <span className="select-none text-muted-foreground" aria-hidden>
          {mark[line.kind]}{' '}
        </span>
        <span className="sr-only">{srKind[line.kind]}</span>
        {line.parts ? <Parts parts={line.parts} kind={line.kind} /> : line.text || '\u00a0'}
      </div>
    </>
  );
}

function Rows({ rows }: { rows: Row[] }) {
  return rows.map((row) => (
    <Fragment key={`${row.left?.n ?? '-'}:${row.right?.n ?? '-'}`}>
      <Cell line={row.left} />
      <Cell line={row.right} />
    </Fragment>
  ));
}

function Fold({ rows }: { rows: Row[] }) {
  const [open, setOpen] = useState(false);
  if (open) return <Rows rows={rows} />;
  return (
    <button
      type="button"
      onClick={() => setOpen(true)}
      className="col-span-4 flex items-center justify-center gap-1.5 bg-muted/60 py-1 text-muted-foreground hover:bg-muted hover:text-foreground"
    >
      <ChevronsUpDown className="size-3" aria-hidden /> Show {rows.length} unchanged line{rows.length === 1 ? '' : 's'}
    </button>
  );
}

/** `before` and `after` side by side, aligned line by line. */
export function TextDiff({ before, after, label }: { before: string; after: string; label: string }) {
  const blocks = useMemo(() => foldRows(lineDiff(before, after)), [before, after]);
  if (!blocks.length) return <p className="text-xs text-muted-foreground">(empty on both sides)</p>;
  return (
    <figure
      aria-label={`${label}: line differences`}
      className="grid grid-cols-[2.25rem_minmax(0,1fr)_2.25rem_minmax(0,1fr)] overflow-hidden rounded-md border font-mono text-xs leading-5"
    >
      {blocks.map((b) =>
        b.type === 'fold' ? (
          <Fold key={`fold-${b.rows[0].left?.n}`} rows={b.rows} />
        ) : (
          <Rows key={`rows-${b.rows[0].left?.n ?? b.rows[0].right?.n}-${b.rows[0].right?.n}`} rows={b.rows} />
        ),
      )}
    </figure>
  );
}
