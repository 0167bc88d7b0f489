// The configurable agent fields (a version snapshot's keys) with their labels and order, JSON helpers that ignore key
// order, and the chips that list changed fields — shared by the Configure and Versions pages.
import { Badge } from '@/components/ui/badge';
import type { AgentVersion } from '@/lib/types';

export type Snapshot = AgentVersion['snapshot'];
export type SnapshotField = keyof Snapshot;

/** Every snapshot field in display order; `satisfies` keeps the list complete when a field is added. */
export const fieldLabels = {
  name: 'Name',
  slug: 'Slug',
  description: 'Description',
  instructions: 'Instructions',
  instructionsTemplate: 'Instructions template',
  modelProvider: 'Provider',
  modelName: 'Model',
  temperature: 'Temperature',
  maxTokens: 'Max tokens',
  maxSteps: 'Max steps',
  modelConfig: 'Model options',
  outputSchema: 'Output schema',
  tools: 'Tools',
  memoryEnabled: 'Memory',
  memoryConfig: 'Memory options',
  scorers: 'Scorers',
  scorerSampleRate: 'Scored share of runs',
  isActive: 'Active',
  isPublic: 'Public',
  tags: 'Tags',
  metadata: 'Metadata',
} satisfies Record<SnapshotField, string>;

export const snapshotFields = Object.keys(fieldLabels) as SnapshotField[];

const otherLabels: Record<string, string> = { versionDescription: 'Version note' };

/** The label of a field, or of the field a path (`modelConfig.topP`) is in. */
export const fieldLabel = (path: string): string => {
  const top = path.split('.')[0];
  return (fieldLabels as Record<string, string>)[top] ?? otherLabels[top] ?? path;
};

const sortKeys = (_key: string, v: unknown) =>
  v && typeof v === 'object' && !Array.isArray(v)
    ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    : v;

/** JSON with object keys sorted: jsonb reorders keys, and that is not a change. */
export const canonicalJson = (value: unknown): string => JSON.stringify(value ?? null, sortKeys);

/** Pretty-printed JSON with sorted keys, for reading and diffing. */
export const prettyJson = (value: unknown): string => JSON.stringify(value ?? null, sortKeys, 2);

/** Changed fields as chips; past `max`, the rest are counted in a last chip. */
export function FieldChips({
  fields,
  label,
  max = Infinity,
}: {
  fields: readonly string[];
  label: string;
  max?: number;
}) {
  if (!fields.length) return null;
  const more = fields.length - max;
  const shown = more > 1 ? fields.slice(0, max) : fields;
  return (
    <ul aria-label={label} className="flex flex-wrap gap-1">
      {shown.map((f) => (
        <li key={f}>
          <Badge variant="secondary">{fieldLabel(f)}</Badge>
        </li>
      ))}
      {more > 1 && (
        <li>
          <Badge variant="outline" title={fields.slice(max).map(fieldLabel).join(', ')}>
            +{more} more
          </Badge>
        </li>
      )}
    </ul>
  );
}
