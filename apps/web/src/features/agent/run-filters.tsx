// The filters of a list of runs — status, type and a date range of local days — as a search landmark; the Runs and
// Traces pages keep the values in their URL.
import { X } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Input, Select } from '@/components/ui/input';
import { Field } from '@/components/ui/label';
import type { Run } from '@/lib/types';

export type RunFilterValues = {
  status?: Run['status'];
  runType?: Run['runType'];
  from?: string;
  to?: string;
};

const statuses: Run['status'][] = ['COMPLETED', 'FAILED', 'RUNNING', 'QUEUED', 'CANCELLED'];
const runTypes: { value: Run['runType']; label: string }[] = [
  { value: 'PROD', label: 'Production' },
  { value: 'TEST', label: 'Test' },
  { value: 'AB', label: 'A/B experiment' },
];

const pad = (n: number) => String(n).padStart(2, '0');
/** A date input's day (local time) as the ISO instant where it starts, or ends when `end`. */
function dayToIso(day: string, end: boolean): string | undefined {
  const [y, m, d] = day.split('-').map(Number);
  if (!y || !m || !d) return undefined;
  return (end ? new Date(y, m - 1, d, 23, 59, 59, 999) : new Date(y, m - 1, d)).toISOString();
}
/** The local day of an ISO instant, for a date input. */
function isoToDay(iso: string | undefined): string {
  const date = iso ? new Date(iso) : undefined;
  if (!date || Number.isNaN(date.getTime())) return '';
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export const isFiltered = (search: RunFilterValues) =>
  Boolean(search.status || search.runType || search.from || search.to);

export function RunFilterBar({
  idPrefix,
  search,
  onFilter,
}: {
  idPrefix: string;
  search: RunFilterValues;
  onFilter: (patch: Partial<RunFilterValues>) => void;
}) {
  return (
    <search className="flex flex-wrap items-end gap-3">
      <Field id={`${idPrefix}-status`} label="Status" className="w-40">
        <Select
          id={`${idPrefix}-status`}
          value={search.status ?? ''}
          onChange={(e) => onFilter({ status: (e.target.value || undefined) as RunFilterValues['status'] })}
        >
          <option value="">All statuses</option>
          {statuses.map((s) => (
            <option key={s} value={s}>
              {s.charAt(0) + s.slice(1).toLowerCase()}
            </option>
          ))}
        </Select>
      </Field>
      <Field id={`${idPrefix}-type`} label="Type" className="w-44">
        <Select
          id={`${idPrefix}-type`}
          value={search.runType ?? ''}
          onChange={(e) => onFilter({ runType: (e.target.value || undefined) as RunFilterValues['runType'] })}
        >
          <option value="">All types</option>
          {runTypes.map((t) => (
            <option key={t.value} value={t.value}>
              {t.label}
            </option>
          ))}
        </Select>
      </Field>
      <Field id={`${idPrefix}-from`} label="From" className="w-40">
        <Input
          id={`${idPrefix}-from`}
          type="date"
          className="dark:[color-scheme:dark]"
          value={isoToDay(search.from)}
          max={isoToDay(search.to) || undefined}
          onChange={(e) => onFilter({ from: dayToIso(e.target.value, false) })}
        />
      </Field>
      <Field id={`${idPrefix}-to`} label="To" className="w-40">
        <Input
          id={`${idPrefix}-to`}
          type="date"
          className="dark:[color-scheme:dark]"
          value={isoToDay(search.to)}
          min={isoToDay(search.from) || undefined}
          onChange={(e) => onFilter({ to: dayToIso(e.target.value, true) })}
        />
      </Field>
      {isFiltered(search) && (
        <Button
          variant="ghost"
          onClick={() => onFilter({ status: undefined, runType: undefined, from: undefined, to: undefined })}
        >
          <X aria-hidden /> Clear filters
        </Button>
      )}
    </search>
  );
}
