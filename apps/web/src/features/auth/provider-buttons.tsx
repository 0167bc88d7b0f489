// "Continue with …" for each sign-in provider the install offers (GitHub, Google, an OpenID Connect provider): the
// browser goes to the provider and comes back signed in, to where it was going.
import { useQuery } from '@tanstack/react-query';
import { useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { ErrorNotice } from '@/components/ui/feedback';
import { authClient } from '@/lib/auth-client';
import { fetchInstance } from './api';

/** Better Auth's client types name its built-in providers; the OpenID Connect one is registered by id. */
type ProviderId = 'github';

export function ProviderButtons() {
  const { data } = useQuery({ queryKey: ['instance'], queryFn: fetchInstance });
  const { next } = useSearch({ strict: false }) as { next?: string };
  const [error, setError] = useState<string>();
  const providers = data?.signInProviders ?? [];
  if (!providers.length) return null;
  const callbackURL = next?.startsWith('/') && !next.startsWith('//') ? next : '/workspace';
  async function go(provider: string) {
    setError(undefined);
    const { error } = await authClient.signIn.social({ provider: provider as ProviderId, callbackURL });
    if (error) setError(error.message ?? 'Could not reach the provider');
  }
  return (
    <div className="grid gap-2">
      <p className="text-center text-xs text-muted-foreground">or</p>
      {providers.map((p) => (
        <Button key={p.id} type="button" variant="outline" onClick={() => go(p.id)}>
          Continue with {p.name}
        </Button>
      ))}
      {error && <ErrorNotice error={error} />}
    </div>
  );
}
