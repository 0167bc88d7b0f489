// How the Evaluations page shows scores: two decimals on the 0–1 scale, each scorer's direction in words, its
// colour in the charts, and short excerpts of a run's question and answer.
import type { ScorerInfo } from '@/lib/types';

export const formatScore = (n: number | null | undefined) => (n == null ? '—' : n.toFixed(2));

export const direction = (scorer: ScorerInfo) => (scorer.higherIsBetter ? 'higher is better' : 'lower is better');

const palette = [
  { color: 'var(--chart-1)', swatch: 'bg-chart-1' },
  { color: 'var(--chart-2)', swatch: 'bg-chart-2' },
  { color: 'var(--chart-3)', swatch: 'bg-chart-3' },
  { color: 'var(--chart-4)', swatch: 'bg-chart-4' },
];
/** The same colour for a scorer on every chart of the page: by its place in the list. */
export const scorerColor = (index: number) => palette[index % palette.length];

/** The first `max` characters of `text` on one line, with an ellipsis when cut. */
export function excerpt(text: string | null, max = 160): string {
  if (!text) return '';
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1).trimEnd()}…` : line;
}
