// Sign-in and sign-up screens (Better Auth email/password). Sign-up creates the user's organization, seeded with agents.
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { ErrorNotice } from '@/components/ui/feedback';
import { Input } from '@/components/ui/input';
import { Field } from '@/components/ui/label';
import { authClient } from '@/lib/auth-client';
import { queryClient } from '@/lib/query-client';
import { ProviderButtons } from './provider-buttons';

export function AuthFrame({
  title,
  description,
  children,
}: {
  title: string;
  description: string;
  children: React.ReactNode;
}) {
  return (
    <main className="flex min-h-screen items-center justify-center bg-muted/40 p-4">
      <Card className="w-full max-w-sm">
        <CardHeader>
          <p className="text-sm font-semibold text-primary">Trellis</p>
          <CardTitle className="text-xl">
            <h1>{title}</h1>
          </CardTitle>
          <CardDescription>{description}</CardDescription>
        </CardHeader>
        <CardContent>{children}</CardContent>
      </Card>
    </main>
  );
}

function useAfterAuth() {
  const navigate = useNavigate();
  const { next } = useSearch({ strict: false }) as { next?: string };
  return () => {
    queryClient.clear();
    const target = next?.startsWith('/') && !next.startsWith('//') ? next : '/workspace';
    navigate({ to: target });
  };
}

type AuthError = { message?: string; code?: string };
type AuthResult<T> = { data?: T | null; error: AuthError | null };

/**
 * One form submission against Better Auth: pending while `call` runs, its error shown (`messageOf`, else the
 * server's message, else `failure`), and `onDone` with its data when it succeeded.
 */
export function useFormSubmit<T>(
  call: (form: FormData) => Promise<AuthResult<T>>,
  failure: string,
  onDone: (data: T | null | undefined) => void,
  messageOf: (error: AuthError) => string | undefined = () => undefined,
) {
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setPending(true);
    setError(undefined);
    const { data, error } = await call(form);
    setPending(false);
    if (error) setError(messageOf(error) ?? error.message ?? failure);
    else onDone(data);
  }
  return { submit, error, pending };
}

/**
 * Signing in or up: then on to the app — or, when the server wants the email address confirmed first (no session
 * yet), a note saying so.
 */
function useAuthSubmit(call: (form: FormData) => Promise<AuthResult<{ token?: string | null }>>, failure: string) {
  const done = useAfterAuth();
  const [note, setNote] = useState<string>();
  const form = useFormSubmit(
    call,
    failure,
    (data) => {
      if (data && data.token === null) setNote('Check your email: open the link we sent to confirm your address.');
      else done();
    },
    (error) =>
      error.code === 'EMAIL_NOT_VERIFIED' ? 'Confirm your email address first: we sent you a link.' : undefined,
  );
  return { ...form, note };
}

export function SignInPage() {
  const { submit, error, pending } = useAuthSubmit(
    (form) => authClient.signIn.email({ email: String(form.get('email')), password: String(form.get('password')) }),
    'Sign-in failed',
  );
  return (
    <AuthFrame title="Sign in" description="Welcome back. Sign in to your workspace.">
      <form className="grid gap-4" onSubmit={submit}>
        <Field id="email" label="Email">
          <Input id="email" name="email" type="email" autoComplete="email" required />
        </Field>
        <Field id="password" label="Password">
          <Input id="password" name="password" type="password" autoComplete="current-password" required />
        </Field>
        {error && <ErrorNotice error={error} />}
        <Button type="submit" disabled={pending}>
          {pending ? 'Signing in…' : 'Sign in'}
        </Button>
        <Link to="/forgot-password" className="text-center text-sm text-primary underline-offset-4 hover:underline">
          Forgot your password?
        </Link>
        <ProviderButtons />
        <p className="text-center text-sm text-muted-foreground">
          New here?{' '}
          <Link to="/sign-up" className="text-primary underline-offset-4 hover:underline">
            Create an account
          </Link>
        </p>
      </form>
    </AuthFrame>
  );
}

export function SignUpPage() {
  const { submit, error, note, pending } = useAuthSubmit(
    (form) =>
      authClient.signUp.email({
        name: String(form.get('name')),
        email: String(form.get('email')),
        password: String(form.get('password')),
      }),
    'Sign-up failed',
  );
  return (
    <AuthFrame
      title="Create your account"
      description="Your organization comes with ready-made agents that run on the offline demo model."
    >
      <form className="grid gap-4" onSubmit={submit}>
        <Field id="name" label="Name">
          <Input id="name" name="name" autoComplete="name" required />
        </Field>
        <Field id="email" label="Email">
          <Input id="email" name="email" type="email" autoComplete="email" required />
        </Field>
        <Field id="password" label="Password" hint="At least 8 characters.">
          <Input id="password" name="password" type="password" autoComplete="new-password" minLength={8} required />
        </Field>
        {error && <ErrorNotice error={error} />}
        {note && (
          <p role="status" className="rounded-lg border border-primary/40 bg-primary/5 p-3 text-sm">
            {note}
          </p>
        )}
        <Button type="submit" disabled={pending}>
          {pending ? 'Creating…' : 'Create account'}
        </Button>
        <ProviderButtons />
        <p className="text-center text-sm text-muted-foreground">
          Have an account?{' '}
          <Link to="/sign-in" className="text-primary underline-offset-4 hover:underline">
            Sign in
          </Link>
        </p>
      </form>
    </AuthFrame>
  );
}
