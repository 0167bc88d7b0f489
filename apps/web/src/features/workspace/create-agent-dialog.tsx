// The create-agent dialog: name, description, instructions and model; the API's validation errors show per field.
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { Plus } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogTrigger } from '@/components/ui/dialog';
import { ErrorNotice } from '@/components/ui/feedback';
import { Input, Select, Textarea } from '@/components/ui/input';
import { Field } from '@/components/ui/label';
import { ApiError } from '@/lib/api';
import { modelsQuery, useCreateAgent } from '../agent/api';

export function CreateAgentDialog() {
  const [open, setOpen] = useState(false);
  const create = useCreateAgent();
  const navigate = useNavigate();
  const { data: providers } = useQuery(modelsQuery());
  const configured = (providers ?? []).filter((p) => p.configured);
  const [provider, setProvider] = useState('demo');
  const models = configured.find((p) => p.id === provider)?.models ?? [];
  const errors = create.error instanceof ApiError ? create.error.fieldErrors() : {};

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const agent = await create.mutateAsync({
      name: String(f.get('name')),
      description: String(f.get('description') || '') || null,
      instructions: String(f.get('instructions')),
      modelProvider: provider,
      modelName: String(f.get('modelName')),
    });
    toast.success(`Created ${agent.name}`);
    setOpen(false);
    navigate({ to: '/workspace/$agentSlug/configure', params: { agentSlug: agent.slug } });
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) create.reset();
      }}
    >
      <DialogTrigger asChild>
        <Button>
          <Plus aria-hidden /> New agent
        </Button>
      </DialogTrigger>
      <DialogContent title="Create an agent" description="You can add tools, memory and scorers after creating it.">
        <form className="grid gap-4" onSubmit={(e) => submit(e).catch(() => {})}>
          <Field id="agent-name" label="Name" error={errors.name ?? errors.slug}>
            <Input id="agent-name" name="name" required maxLength={120} aria-invalid={!!(errors.name ?? errors.slug)} />
          </Field>
          <Field id="agent-description" label="Description" error={errors.description}>
            <Input id="agent-description" name="description" maxLength={2000} />
          </Field>
          <Field id="agent-instructions" label="Instructions" error={errors.instructions}>
            <Textarea
              id="agent-instructions"
              name="instructions"
              required
              rows={4}
              placeholder="You are a helpful assistant that…"
              aria-invalid={!!errors.instructions}
            />
          </Field>
          <div className="grid grid-cols-2 gap-3">
            <Field id="agent-provider" label="Provider" error={errors.modelProvider}>
              <Select id="agent-provider" value={provider} onChange={(e) => setProvider(e.target.value)}>
                {configured.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.label}
                  </option>
                ))}
              </Select>
            </Field>
            <Field id="agent-model" label="Model" error={errors.modelName}>
              <Select id="agent-model" name="modelName" key={provider}>
                {models.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.name === m.id ? m.id : `${m.name} (${m.id})`}
                  </option>
                ))}
              </Select>
            </Field>
          </div>
          {create.error && !Object.keys(errors).length && <ErrorNotice error={create.error} />}
          <div className="flex justify-end gap-2">
            <Button variant="outline" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={create.isPending}>
              {create.isPending ? 'Creating…' : 'Create agent'}
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}
