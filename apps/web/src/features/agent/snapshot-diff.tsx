// Two version snapshots side by side, field by field: changed fields highlighted, long text and JSON diffed line by
// line, lists (tools, scorers, tags) as removed / added / kept items, and scalars as before → after.
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/feedback';
import { DEMO_LABEL, DEMO_PROVIDER } from '@/lib/types';
import { cn } from '@/lib/utils';
import {
  canonicalJson,
  fieldLabels,
  prettyJson,
  type Snapshot,
  type SnapshotField,
  snapshotFields,
} from './agent-fields';
import { TextDiff } from './text-diff';

const textFields = new Set<SnapshotField>(['instructions', 'instructionsTemplate', 'description']);
const jsonFields = new Set<SnapshotField>(['modelConfig', 'outputSchema', 'memoryConfig', 'metadata']);
const listFields = new Set<SnapshotField>(['tools', 'scorers', 'tags']);

function asList(field: SnapshotField, value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return field === 'tools' ? (value as Snapshot['tools']).map((t) => t.toolId) : (value as string[]);
}

function Scalar({ field, value, tone }: { field: SnapshotField; value: unknown; tone?: 'removed' | 'added' }) {
  const shown =
    value == null || value === ''
      ? null
      : typeof value === 'boolean'
        ? value
          ? 'on'
          : 'off'
        : field === 'modelProvider' && value === DEMO_PROVIDER
          ? DEMO_LABEL
          : String(value);
  return (
    <div
      className={cn(
        'min-w-0 rounded-md px-2 py-1 break-words',
        tone === 'removed' && 'bg-destructive/10',
        tone === 'added' && 'bg-primary/10',
      )}
    >
      {tone && <span className="sr-only">{tone === 'removed' ? 'before: ' : 'after: '}</span>}
      {shown === null ? <span className="text-muted-foreground italic">not set</span> : shown}
    </div>
  );
}

function ListDiff({ before, after }: { before: string[]; after: string[] }) {
  const removed = before.filter((x) => !after.includes(x));
  const added = after.filter((x) => !before.includes(x));
  const chips = (items: string[], side: 'left' | 'right') => (
    <ul className="flex min-w-0 flex-wrap content-start gap-1" aria-label={side === 'left' ? 'Before' : 'After'}>
      {items.length === 0 && <li className="text-muted-foreground italic">none</li>}
      {items.map((x) => {
        const gone = side === 'left' && removed.includes(x);
        const isNew = side === 'right' && added.includes(x);
        return (
          <li key={x}>
            <Badge
              variant={gone ? 'destructive' : isNew ? 'default' : 'outline'}
              className={cn('font-mono font-normal', gone && 'line-through')}
            >
              {gone ? '− ' : isNew ? '+ ' : ''}
              {x}
              {(gone || isNew) && <span className="sr-only">{gone ? ' (removed)' : ' (added)'}</span>}
            </Badge>
          </li>
        );
      })}
    </ul>
  );
  return (
    <>
      {chips(before, 'left')}
      {chips(after, 'right')}
    </>
  );
}

/** One side of a long field when the other side is empty: the whole text, tinted. */
function TextBlock({ text, tone }: { text: string; tone?: 'removed' | 'added' }) {
  return (
    <pre
      className={cn(
        'min-w-0 rounded-md px-2 py-1 font-mono text-xs leading-5 break-words whitespace-pre-wrap',
        tone === 'removed' && 'bg-destructive/10',
        tone === 'added' && 'bg-primary/10',
      )}
    >
      {tone && <span className="sr-only">{tone === 'removed' ? 'before: ' : 'after: '}</span>}
      {text}
    </pre>
  );
}

function FieldValues({
  field,
  before,
  after,
  changed,
}: {
  field: SnapshotField;
  before: unknown;
  after: unknown;
  changed: boolean;
}) {
  if (textFields.has(field) || jsonFields.has(field)) {
    const toText = (v: unknown) => (textFields.has(field) ? String(v ?? '') : v == null ? '' : prettyJson(v));
    const [a, b] = [toText(before), toText(after)];
    if (!a || !b) {
      const tone = (side: 'removed' | 'added') => (changed ? side : undefined);
      return (
        <>
          {a ? (
            <TextBlock text={a} tone={tone('removed')} />
          ) : (
            <Scalar field={field} value={null} tone={tone('removed')} />
          )}
          {b ? <TextBlock text={b} tone={tone('added')} /> : <Scalar field={field} value={null} tone={tone('added')} />}
        </>
      );
    }
    return (
      <div className="col-span-2 min-w-0">
        <TextDiff before={a} after={b} label={fieldLabels[field]} />
      </div>
    );
  }
  if (listFields.has(field)) return <ListDiff before={asList(field, before)} after={asList(field, after)} />;
  return (
    <>
      <Scalar field={field} value={before} tone={changed ? 'removed' : undefined} />
      <Scalar field={field} value={after} tone={changed ? 'added' : undefined} />
    </>
  );
}

export function SnapshotDiff({
  before,
  after,
  leftTitle,
  rightTitle,
  onlyChanged,
}: {
  before: Snapshot;
  after: Snapshot;
  leftTitle: string;
  rightTitle: string;
  onlyChanged: boolean;
}) {
  const rows = snapshotFields.map((field) => ({
    field,
    changed: canonicalJson(before[field]) !== canonicalJson(after[field]),
  }));
  const shown = onlyChanged ? rows.filter((r) => r.changed) : rows;
  if (!shown.length)
    return <EmptyState title="No differences">These two versions have the same configuration.</EmptyState>;
  return (
    <div className="grid grid-cols-[9rem_minmax(0,1fr)_minmax(0,1fr)] text-sm">
      <div className="contents" aria-hidden>
        {['Field', leftTitle, rightTitle].map((h) => (
          <div
            key={h}
            className="sticky top-0 z-10 border-b bg-card px-2 py-2 text-xs font-medium text-muted-foreground"
          >
            {h}
          </div>
        ))}
      </div>
      {shown.map(({ field, changed }) => (
        <div key={field} className="contents">
          <div
            className={cn(
              'flex flex-col items-start gap-1 border-b px-2 py-2 font-medium',
              changed && 'border-l-2 border-l-primary bg-primary/5',
            )}
          >
            {fieldLabels[field]}
            {changed && <Badge variant="default">changed</Badge>}
          </div>
          <div
            className={cn('col-span-2 grid min-w-0 grid-cols-2 gap-2 border-b px-2 py-2', changed && 'bg-primary/5')}
          >
            <FieldValues field={field} before={before[field]} after={after[field]} changed={changed} />
          </div>
        </div>
      ))}
    </div>
  );
}
