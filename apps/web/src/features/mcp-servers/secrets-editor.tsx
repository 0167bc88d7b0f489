// Name/value rows for a server's environment variables or headers. Values are write-only: stored ones show as
// "•••• set" by name, and changing them means entering every value again (saving replaces the whole set).
import { KeyRound, Plus, Trash2 } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { type SecretsDraft, secretRow } from './server-draft';

export function SecretsEditor({
  id,
  label,
  noun,
  namePlaceholder,
  value,
  onChange,
  error,
}: {
  id: string;
  label: string;
  /** "variable" or "header". */
  noun: string;
  namePlaceholder: string;
  value: SecretsDraft;
  onChange: (value: SecretsDraft) => void;
  error?: string;
}) {
  const set = (patch: Partial<SecretsDraft>) => onChange({ ...value, ...patch });
  const replace = () => set({ replacing: true, rows: value.stored.map((name) => secretRow(name)) });
  const keep = () => set({ replacing: false, rows: [] });

  return (
    <fieldset className="grid gap-2" aria-describedby={`${id}-note${error ? ` ${id}-error` : ''}`}>
      <legend className="mb-1.5 text-sm font-medium">{label}</legend>
      <p id={`${id}-note`} className="text-xs text-muted-foreground">
        Values are write-only: they are stored encrypted and never shown again.
        {value.replacing && value.stored.length > 0 && ` Saving replaces all ${value.stored.length} stored ${noun}s.`}
      </p>
      {!value.replacing ? (
        <div className="grid gap-2">
          <ul className="grid gap-1" aria-label={`Stored ${noun}s`}>
            {value.stored.map((name) => (
              <li key={name} className="flex items-center gap-2 rounded-md border px-3 py-1.5 text-sm">
                <KeyRound className="size-3.5 shrink-0 text-muted-foreground" aria-hidden />
                <code className="min-w-0 truncate font-mono text-xs">{name}</code>
                <Badge variant="secondary" className="ml-auto">
                  <span aria-hidden>••••</span> set
                </Badge>
              </li>
            ))}
          </ul>
          <div className="flex flex-wrap gap-2">
            <Button variant="outline" size="sm" onClick={replace}>
              Replace {noun}s
            </Button>
            <Button variant="ghost" size="sm" onClick={() => set({ replacing: true, rows: [] })}>
              Remove all
            </Button>
          </div>
        </div>
      ) : (
        <div className="grid gap-2">
          {value.rows.map((row, i) => (
            <div key={row.key} className="grid grid-cols-[minmax(0,2fr)_minmax(0,3fr)_auto] items-center gap-2">
              <Input
                aria-label={`${noun} ${i + 1} name`}
                className="font-mono"
                spellCheck={false}
                placeholder={namePlaceholder}
                value={row.name}
                onChange={(e) =>
                  set({ rows: value.rows.map((r) => (r.key === row.key ? { ...r, name: e.target.value } : r)) })
                }
              />
              <Input
                aria-label={`${noun} ${i + 1} value`}
                type="password"
                autoComplete="off"
                placeholder={value.stored.includes(row.name) ? 'new value (the stored one is replaced)' : 'value'}
                value={row.value}
                onChange={(e) =>
                  set({ rows: value.rows.map((r) => (r.key === row.key ? { ...r, value: e.target.value } : r)) })
                }
              />
              <Button
                variant="ghost"
                size="icon"
                aria-label={`Remove ${noun} ${row.name || i + 1}`}
                onClick={() => set({ rows: value.rows.filter((r) => r.key !== row.key) })}
              >
                <Trash2 aria-hidden />
              </Button>
            </div>
          ))}
          {value.stored.length > 0 && value.rows.length === 0 && (
            <p className="text-xs text-muted-foreground">Saving removes every stored {noun}.</p>
          )}
          <div className="flex flex-wrap gap-2">
            <Button variant="outline" size="sm" onClick={() => set({ rows: [...value.rows, secretRow()] })}>
              <Plus aria-hidden /> Add {noun}
            </Button>
            {value.stored.length > 0 && (
              <Button variant="ghost" size="sm" onClick={keep}>
                Keep the stored {noun}s
              </Button>
            )}
          </div>
        </div>
      )}
      {error && (
        <p id={`${id}-error`} role="alert" className="text-xs text-destructive">
          {error}
        </p>
      )}
    </fieldset>
  );
}
