// Picks a range of UTC days: the last 7, 30 or 90 days, or a custom from/to (both kept in the URL by the page).
import { Input, Select } from '@/components/ui/input';
import { Field } from '@/components/ui/label';
import {
  type DayRangeSearch,
  MAX_DAYS,
  PRESETS,
  type Preset,
  type SelectedRange,
  shiftDay,
  today,
} from '@/lib/day-range';

export function RangePicker({
  id,
  range,
  onChange,
}: {
  /** Prefix of the controls' ids, unique on the page. */
  id: string;
  range: SelectedRange;
  onChange: (search: DayRangeSearch) => void;
}) {
  const end = today();
  return (
    <div className="flex flex-wrap items-end gap-3">
      <Field id={`${id}-range`} label="Range" className="w-44">
        <Select
          id={`${id}-range`}
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
          <Field id={`${id}-from`} label="From (UTC)" className="w-40">
            <Input
              id={`${id}-from`}
              type="date"
              className="dark:[color-scheme:dark]"
              value={range.from}
              min={shiftDay(range.to, -(MAX_DAYS - 1))}
              max={range.to}
              required
              onChange={(e) => e.target.value && onChange({ from: e.target.value, to: range.to })}
            />
          </Field>
          <Field id={`${id}-to`} label="To (UTC)" className="w-40">
            <Input
              id={`${id}-to`}
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
