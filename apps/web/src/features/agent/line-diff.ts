// Side-by-side line diff (with the `diff` package): aligned rows of old and new lines, a removed line paired with the
// added line that replaced it (and their changed words), and long unchanged runs folded to some context.
import { diffArrays, diffWordsWithSpace } from 'diff';

export type LineKind = 'same' | 'removed' | 'added';

export interface Line {
  /** 1-based line number on its side. */
  n: number;
  text: string;
  kind: LineKind;
  /** For a replaced line: the text split into unchanged and changed parts. */
  parts?: { text: string; changed: boolean }[];
}

export interface Row {
  left: Line | null;
  right: Line | null;
}

/** A block of rows to show, or a run of unchanged rows folded away. */
export type Block = { type: 'rows'; rows: Row[] } | { type: 'fold'; rows: Row[] };

const splitLines = (text: string) => (text === '' ? [] : text.split('\n'));

/** Word-level differences of a replaced line, unless the lines have too little in common for them to help. */
function wordParts(before: string, after: string) {
  const changes = diffWordsWithSpace(before, after);
  const common = changes.filter((c) => !c.added && !c.removed).reduce((n, c) => n + c.value.trim().length, 0);
  if (common < 0.5 * Math.max(before.trim().length, after.trim().length)) return undefined;
  return {
    left: changes.filter((c) => !c.added).map((c) => ({ text: c.value, changed: c.removed })),
    right: changes.filter((c) => !c.removed).map((c) => ({ text: c.value, changed: c.added })),
  };
}

export function lineDiff(before: string, after: string): Row[] {
  const rows: Row[] = [];
  let l = 0;
  let r = 0;
  let removed: string[] = [];
  const flushRemoved = () => {
    for (const text of removed) rows.push({ left: { n: ++l, text, kind: 'removed' }, right: null });
    removed = [];
  };
  for (const change of diffArrays(splitLines(before), splitLines(after))) {
    if (change.removed) {
      removed.push(...change.value);
    } else if (change.added) {
      const pairs = Math.max(removed.length, change.value.length);
      for (let i = 0; i < pairs; i++) {
        const old = removed[i];
        const next = change.value[i];
        const parts = old !== undefined && next !== undefined ? wordParts(old, next) : undefined;
        rows.push({
          left: old === undefined ? null : { n: ++l, text: old, kind: 'removed', parts: parts?.left },
          right: next === undefined ? null : { n: ++r, text: next, kind: 'added', parts: parts?.right },
        });
      }
      removed = [];
    } else {
      flushRemoved();
      for (const text of change.value) {
        rows.push({ left: { n: ++l, text, kind: 'same' }, right: { n: ++r, text, kind: 'same' } });
      }
    }
  }
  flushRemoved();
  return rows;
}

const isSame = (row: Row) => row.left?.kind === 'same';

/** Folds unchanged runs longer than `minFold` rows, keeping `context` rows next to each change. */
export function foldRows(rows: Row[], context = 2, minFold = 8): Block[] {
  const blocks: Block[] = [];
  const push = (type: Block['type'], slice: Row[]) => {
    if (!slice.length) return;
    const last = blocks.at(-1);
    if (last?.type === type) last.rows.push(...slice);
    else blocks.push({ type, rows: [...slice] });
  };
  let i = 0;
  while (i < rows.length) {
    if (!isSame(rows[i])) {
      push('rows', [rows[i++]]);
      continue;
    }
    let j = i;
    while (j < rows.length && isSame(rows[j])) j++;
    const head = i === 0 ? 0 : context;
    const tail = j === rows.length ? 0 : context;
    if (j - i > Math.max(head + tail + 1, minFold)) {
      push('rows', rows.slice(i, i + head));
      push('fold', rows.slice(i + head, j - tail));
      push('rows', rows.slice(j - tail, j));
    } else {
      push('rows', rows.slice(i, j));
    }
    i = j;
  }
  return blocks;
}
