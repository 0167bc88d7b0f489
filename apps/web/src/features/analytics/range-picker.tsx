// Picks the Analytics range: the last 7, 30 or 90 days, or a custom from/to of UTC days (both kept in the URL).
import { Input, Select } from '@/components/ui/input';
import { Field } from '@/components/ui/label';
import { type AnalyticsSearch, MAX_DAYS, PRESETS, type Preset, shiftDay, today } from './range';

export function RangePicker({
  range,
  onChange,
}: {
  range: { custom: boolean; from: string; to: string; days?: number };
  onChange: (search: AnalyticsSearch) => void;
}) {
  const end = today();
  return (
    <div className="flex flex-wrap items-end gap-3">
      <Field id="analytics-range" label="Range" className="w-44">
        <Select
          id="analytics-range"
          value={range.custom ? 'custom' : String(range.days)}
          onChange={(e) =>
            e.target.value === 'custom'
              ? onChange({ from: range.from, to: range.to })
              : onChange({ days: Number(e.target.value) as Preset })
          }
        >
          {PRESETS.map((d) => (
            <option key={d} value={d}>
              Last {d} days
            </option>
          ))}
          <option value="custom">Custom range</option>
        </Select>
      </Field>
      {range.custom && (
        <>
          <Field id="analytics-from" label="From (UTC)" className="w-40">
            <Input
              id="analytics-from"
              type="date"
              className="dark:[color-scheme:dark]"
              value={range.from}
              min={shiftDay(range.to, -(MAX_DAYS - 1))}
              max={range.to}
              required
              onChange={(e) => e.target.value && onChange({ from: e.target.value, to: range.to })}
            />
          </Field>
          <Field id="analytics-to" label="To (UTC)" className="w-40">
            <Input
              id="analytics-to"
              type="date"
              className="dark:[color-scheme:dark]"
              value={range.to}
              min={range.from}
              max={end}
              required
              onChange={(e) => e.target.value && onChange({ from: range.from, to: e.target.value })}
            />
          </Field>
        </>
      )}
    </div>
  );
}
