// Picks a calendar month: previous/next buttons around a select of this month and the twelve before it.
import { ChevronLeft, ChevronRight } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Select } from '@/components/ui/input';
import { Field } from '@/components/ui/label';
import { monthLabel, recentMonths, shiftMonth } from './month';

export function MonthPicker({ value, onChange }: { value: string; onChange: (month: string) => void }) {
  const months = recentMonths(13);
  const options = months.includes(value) ? months : [...months, value];
  return (
    <div className="flex items-end gap-1">
      <Button variant="outline" size="icon" aria-label="Previous month" onClick={() => onChange(shiftMonth(value, -1))}>
        <ChevronLeft aria-hidden />
      </Button>
      <Field id="costs-month" label="Month" className="w-48">
        <Select id="costs-month" value={value} onChange={(e) => onChange(e.target.value)}>
          {options.map((m) => (
            <option key={m} value={m}>
              {monthLabel(m)}
            </option>
          ))}
        </Select>
      </Field>
      <Button
        variant="outline"
        size="icon"
        aria-label="Next month"
        disabled={value >= months[0]}
        onClick={() => onChange(shiftMonth(value, 1))}
      >
        <ChevronRight aria-hidden />
      </Button>
    </div>
  );
}
