// "Run suite": pick a version (default the current one) and optional tags, start a suite run (run capability), then
// follow it live below; the suite run shown is the one last started or picked from the history.
import { Play } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { Button } from '@/components/ui/button';
import { ErrorNotice } from '@/components/ui/feedback';
import { Input, Select } from '@/components/ui/input';
import { Field } from '@/components/ui/label';
import { Can } from '@/lib/access';
import type { AgentVersion } from '@/lib/types';
import { useStartSuite } from './api';
import { splitTags } from './case-draft';

export function SuiteRunner({
  slug,
  versions,
  onStarted,
}: {
  slug: string;
  versions: AgentVersion[];
  onStarted: (suiteRunId: string) => void;
}) {
  const [version, setVersion] = useState(versions[0]?.version ?? 1);
  const [tags, setTags] = useState('');
  const start = useStartSuite(slug);

  function submit(e: FormEvent) {
    e.preventDefault();
    const picked = splitTags(tags);
    start.mutate(
      { version, tags: picked.length ? picked : undefined },
      { onSuccess: (started) => onStarted(started.suiteRunId) },
    );
  }

  return (
    <Can need="run">
      <form className="grid gap-3" onSubmit={submit} aria-label="Run suite">
        <div className="flex flex-wrap items-end gap-3">
          <Field id="suite-version" label="Version" className="min-w-44">
            <Select id="suite-version" value={version} onChange={(e) => setVersion(Number(e.target.value))}>
              {versions.map((v, i) => (
                <option key={v.id} value={v.version}>
                  v{v.version}
                  {i === 0 ? ' (current)' : ''}
                </option>
              ))}
            </Select>
          </Field>
          <Field id="suite-tags" label="Tags (optional)" className="min-w-56 flex-1">
            <Input
              id="suite-tags"
              value={tags}
              placeholder="All cases, or those with any of: smoke, billing"
              onChange={(e) => setTags(e.target.value)}
            />
          </Field>
          <Button type="submit" disabled={start.isPending}>
            <Play aria-hidden />
            {start.isPending ? 'Starting…' : 'Run suite'}
          </Button>
        </div>
        {start.error && <ErrorNotice error={start.error} />}
      </form>
    </Can>
  );
}
