// Forgotten passwords: ask for a reset link by email (the answer is the same whether or not the address has an
// account), then choose a new password on the page the link opens; a reset signs the account out everywhere.
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { ErrorNotice } from '@/components/ui/feedback';
import { Input } from '@/components/ui/input';
import { Field } from '@/components/ui/label';
import { authClient } from '@/lib/auth-client';
import { AuthFrame, useFormSubmit } from './auth-pages';

export function ForgotPasswordPage() {
  const [sent, setSent] = useState(false);
  const { submit, error, pending } = useFormSubmit(
    (form) => authClient.requestPasswordReset({ email: String(form.get('email')), redirectTo: '/reset-password' }),
    'The request failed',
    () => setSent(true),
  );
  return (
    <AuthFrame title="Reset your password" description="We email you a link to choose a new one.">
      {sent ? (
        <p role="status" className="text-sm">
          If an account uses that address, a link is on its way. It works once, for one hour.
        </p>
      ) : (
        <form className="grid gap-4" onSubmit={submit}>
          <Field id="email" label="Email">
            <Input id="email" name="email" type="email" autoComplete="email" required />
          </Field>
          {error && <ErrorNotice error={error} />}
          <Button type="submit" disabled={pending}>
            {pending ? 'Sending…' : 'Send the link'}
          </Button>
        </form>
      )}
      <p className="mt-4 text-center text-sm">
        <Link to="/sign-in" className="text-primary underline-offset-4 hover:underline">
          Back to sign in
        </Link>
      </p>
    </AuthFrame>
  );
}

export function ResetPasswordPage() {
  const { token, error: linkError } = useSearch({ strict: false }) as { token?: string; error?: string };
  const navigate = useNavigate();
  const { submit, error, pending } = useFormSubmit(
    (form) => authClient.resetPassword({ newPassword: String(form.get('password')), token }),
    'The reset failed',
    () => {
      toast.success('Password changed: sign in with the new one');
      navigate({ to: '/sign-in' });
    },
  );
  const usable = token && !linkError;
  return (
    <AuthFrame title="Choose a new password" description="At least 8 characters.">
      {usable ? (
        <form className="grid gap-4" onSubmit={submit}>
          <Field id="password" label="New password">
            <Input id="password" name="password" type="password" autoComplete="new-password" minLength={8} required />
          </Field>
          {error && <ErrorNotice error={error} />}
          <Button type="submit" disabled={pending}>
            {pending ? 'Saving…' : 'Set the password'}
          </Button>
        </form>
      ) : (
        <ErrorNotice error="This link is invalid or has expired: ask for a new one." />
      )}
      <p className="mt-4 text-center text-sm">
        <Link to="/forgot-password" className="text-primary underline-offset-4 hover:underline">
          Ask for a new link
        </Link>
      </p>
    </AuthFrame>
  );
}
