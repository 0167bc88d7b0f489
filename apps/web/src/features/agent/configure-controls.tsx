// Building blocks of the Configure page: a section card, and labelled controls bound to a field path that show that
// path's validation message (from the client or the API, provided through IssuesProvider).
import { X } from 'lucide-react';
import { createContext, type KeyboardEvent, type ReactNode, useContext, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader } from '@/components/ui/card';
import { Input, Select, Textarea } from '@/components/ui/input';
import { Field, Label } from '@/components/ui/label';
import { Switch } from '@/components/ui/switch';
import { cn } from '@/lib/utils';
import { controlId, type FormState, type Issue } from './configure-form';

const IssuesContext = createContext<Issue[]>([]);
export const IssuesProvider = IssuesContext.Provider;

/** The message for exactly this field path, if any. */
export function useIssue(path: string): string | undefined {
  return useContext(IssuesContext).find((i) => i.path === path)?.message;
}

/** What a section needs: the form and a way to change part of it. */
export interface SectionProps {
  form: FormState;
  set: (patch: Partial<FormState>) => void;
}

/** Id and ARIA wiring of the control for `path`. */
const controlProps = (path: string, error: string | undefined) => ({
  id: controlId(path),
  'aria-invalid': error ? true : undefined,
  'aria-describedby': error ? `${controlId(path)}-error` : undefined,
});

/** A titled card section; `action` (e.g. a button) sits at the right of the title. */
export function Section({
  id,
  title,
  description,
  action,
  children,
  className,
}: {
  id: string;
  title: string;
  description?: ReactNode;
  action?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  return (
    <Card id={id} aria-labelledby={`${id}-title`} role="region" className={cn('scroll-mt-20', className)}>
      <CardHeader className={action ? 'flex-row flex-wrap items-start justify-between gap-3' : undefined}>
        <div className="grid gap-1">
          <h2 id={`${id}-title`} className="font-semibold leading-tight" tabIndex={-1}>
            {title}
          </h2>
          {description && <CardDescription>{description}</CardDescription>}
        </div>
        {action}
      </CardHeader>
      <CardContent className="grid gap-4">{children}</CardContent>
    </Card>
  );
}

type FieldBase = { path: string; label: string; hint?: ReactNode; className?: string; hideLabel?: boolean };
type Bound = { value: string; onValueChange: (value: string) => void };

export function TextField({
  path,
  label,
  hint,
  className,
  hideLabel,
  value,
  onValueChange,
  ...rest
}: FieldBase & Bound & Omit<React.InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'id'>) {
  const error = useIssue(path);
  return (
    <Field
      id={controlId(path)}
      label={label}
      hint={hint}
      error={error}
      hideLabel={hideLabel}
      className={cn('content-start', className)}
    >
      <Input {...rest} {...controlProps(path, error)} value={value} onChange={(e) => onValueChange(e.target.value)} />
    </Field>
  );
}

/** A native select; `children` are its options. */
export function SelectField({
  path,
  label,
  hint,
  className,
  hideLabel,
  value,
  onValueChange,
  children,
  ...rest
}: FieldBase & Bound & Omit<React.SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange' | 'id'>) {
  const error = useIssue(path);
  return (
    <Field
      id={controlId(path)}
      label={label}
      hint={hint}
      error={error}
      hideLabel={hideLabel}
      className={cn('content-start', className)}
    >
      <Select {...rest} {...controlProps(path, error)} value={value} onChange={(e) => onValueChange(e.target.value)}>
        {children}
      </Select>
    </Field>
  );
}

export function TextAreaField({
  path,
  label,
  hint,
  className,
  hideLabel,
  value,
  onValueChange,
  ...rest
}: FieldBase & Bound & Omit<React.TextareaHTMLAttributes<HTMLTextAreaElement>, 'value' | 'onChange' | 'id'>) {
  const error = useIssue(path);
  return (
    <Field
      id={controlId(path)}
      label={label}
      hint={hint}
      error={error}
      hideLabel={hideLabel}
      className={cn('content-start', className)}
    >
      <Textarea
        {...rest}
        {...controlProps(path, error)}
        value={value}
        onChange={(e) => onValueChange(e.target.value)}
      />
    </Field>
  );
}

/** A JSON editor: monospace, no spell check, and a Format button once the text parses. */
export function JsonField({ rows = 4, ...props }: FieldBase & Bound & { rows?: number; placeholder?: string }) {
  let formatted: string | undefined;
  try {
    formatted = props.value.trim() ? JSON.stringify(JSON.parse(props.value), null, 2) : undefined;
  } catch {}
  return (
    <div className="relative">
      <TextAreaField
        {...props}
        rows={rows}
        spellCheck={false}
        className="[&_textarea]:font-mono [&_textarea]:text-xs"
      />
      {formatted !== undefined && formatted !== props.value && (
        <Button
          variant="ghost"
          size="sm"
          className="absolute -top-1.5 right-0 h-6 px-2"
          onClick={() => props.onValueChange(formatted)}
          aria-label={`Format ${props.label}`}
        >
          Format
        </Button>
      )}
    </div>
  );
}

export function SwitchField({
  path,
  label,
  description,
  checked,
  onCheckedChange,
}: {
  path: string;
  label: string;
  description: string;
  checked: boolean;
  onCheckedChange: (checked: boolean) => void;
}) {
  const error = useIssue(path);
  const id = controlId(path);
  return (
    <div className="flex items-start justify-between gap-4 rounded-lg border p-3">
      <div className="grid gap-1">
        <Label htmlFor={id}>{label}</Label>
        <p id={`${id}-description`} className="text-xs text-muted-foreground">
          {description}
        </p>
        {error && (
          <p id={`${id}-error`} role="alert" className="text-xs text-destructive">
            {error}
          </p>
        )}
      </div>
      <Switch
        id={id}
        checked={checked}
        onCheckedChange={onCheckedChange}
        aria-describedby={`${id}-description${error ? ` ${id}-error` : ''}`}
        aria-invalid={error ? true : undefined}
      />
    </div>
  );
}

/** A list of short strings (tags, stop sequences): Enter or comma adds, each chip has a remove button. */
export function ChipsField({
  path,
  label,
  hint,
  values,
  onChange,
  placeholder,
  splitOnComma = true,
}: FieldBase & {
  values: string[];
  onChange: (values: string[]) => void;
  placeholder?: string;
  splitOnComma?: boolean;
}) {
  const error = useIssue(path);
  const [draft, setDraft] = useState('');
  const add = () => {
    const v = draft.trim();
    if (v && !values.includes(v)) onChange([...values, v]);
    setDraft('');
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' || (splitOnComma && e.key === ',')) {
      e.preventDefault();
      add();
    } else if (e.key === 'Backspace' && !draft && values.length) {
      onChange(values.slice(0, -1));
    }
  };
  return (
    <Field id={controlId(path)} label={label} hint={hint} error={error}>
      <div className="flex min-h-9 flex-wrap items-center gap-1.5 rounded-md border border-input bg-background px-2 py-1.5 shadow-xs focus-within:outline-2 focus-within:outline-ring">
        {values.map((v) => (
          <span key={v} className="inline-flex items-center gap-1 rounded-full bg-secondary py-0.5 pr-1 pl-2 text-xs">
            <span className="max-w-60 truncate font-mono">{v}</span>
            <button
              type="button"
              className="rounded-full p-0.5 text-muted-foreground hover:bg-accent hover:text-foreground"
              aria-label={`Remove ${v}`}
              onClick={() => onChange(values.filter((x) => x !== v))}
            >
              <X className="size-3" aria-hidden />
            </button>
          </span>
        ))}
        <input
          {...controlProps(path, error)}
          className="min-w-32 flex-1 bg-transparent px-1 text-sm outline-none placeholder:text-muted-foreground"
          value={draft}
          placeholder={placeholder}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={onKeyDown}
          onBlur={add}
        />
      </div>
    </Field>
  );
}

/** A checkbox row for a catalog item (tool, scorer): title, description and optional extras. */
export function CheckRow({
  id,
  checked,
  onCheckedChange,
  title,
  description,
  children,
}: {
  id: string;
  checked: boolean;
  onCheckedChange: (checked: boolean) => void;
  title: ReactNode;
  description: ReactNode;
  /** Extras below the description (not part of the accessible description). */
  children?: ReactNode;
}) {
  return (
    <div
      className={cn(
        'flex items-start gap-3 rounded-lg border p-3 transition-colors',
        checked && 'bg-primary/5 border-primary/40',
      )}
    >
      <input
        id={id}
        type="checkbox"
        className="mt-0.5 size-4 shrink-0 accent-primary"
        checked={checked}
        onChange={(e) => onCheckedChange(e.target.checked)}
        aria-describedby={`${id}-description`}
      />
      <div className="grid min-w-0 flex-1 grid-cols-1 gap-1">
        <label htmlFor={id} className="flex flex-wrap items-center gap-2 text-sm font-medium">
          {title}
        </label>
        <p id={`${id}-description`} className="text-xs text-muted-foreground">
          {description}
        </p>
        {children}
      </div>
    </div>
  );
}
