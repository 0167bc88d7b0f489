// Dialog and AlertDialog (confirmation) on Radix primitives: focus-trapped, Escape to close, labelled.

import { Trash2 } from 'lucide-react';
import { AlertDialog as A, Dialog as D } from 'radix-ui';
import type * as React from 'react';
import { cn } from '@/lib/utils';
import { Button } from './button';

const overlay = 'fixed inset-0 z-50 bg-black/50 data-[state=open]:animate-in';
const panel =
  'fixed left-1/2 top-1/2 z-50 grid w-[calc(100%-2rem)] max-w-lg -translate-x-1/2 -translate-y-1/2 gap-4 rounded-xl border bg-background p-6 shadow-lg';

export const Dialog = D.Root;
export const DialogTrigger = D.Trigger;
export const DialogClose = D.Close;

export function DialogContent({
  className,
  children,
  title,
  description,
}: {
  className?: string;
  children: React.ReactNode;
  title: string;
  description?: string;
}) {
  return (
    <D.Portal>
      <D.Overlay className={overlay} />
      <D.Content className={cn(panel, className)} aria-describedby={description ? undefined : undefined}>
        <div className="grid gap-1">
          <D.Title className="text-lg font-semibold">{title}</D.Title>
          {description ? (
            <D.Description className="text-sm text-muted-foreground">{description}</D.Description>
          ) : (
            <D.Description className="sr-only">{title}</D.Description>
          )}
        </div>
        {children}
      </D.Content>
    </D.Portal>
  );
}

/** A confirmation: `onConfirm` runs when the user accepts; Cancel and Escape dismiss. */
export function ConfirmDialog({
  trigger,
  title,
  description,
  confirmLabel,
  dismissLabel = 'Cancel',
  onConfirm,
  destructive,
}: {
  trigger: React.ReactNode;
  title: string;
  description: string;
  confirmLabel: string;
  /** The button that closes without acting (e.g. "Keep running" when the action itself is a cancellation). */
  dismissLabel?: string;
  onConfirm: () => void;
  destructive?: boolean;
}) {
  return (
    <A.Root>
      <A.Trigger asChild>{trigger}</A.Trigger>
      <A.Portal>
        <A.Overlay className={overlay} />
        <A.Content className={panel}>
          <A.Title className="text-lg font-semibold">{title}</A.Title>
          <A.Description className="text-sm text-muted-foreground">{description}</A.Description>
          <div className="flex justify-end gap-2">
            <A.Cancel asChild>
              <Button variant="outline">{dismissLabel}</Button>
            </A.Cancel>
            <A.Action asChild>
              <Button variant={destructive ? 'destructive' : 'default'} onClick={onConfirm}>
                {confirmLabel}
              </Button>
            </A.Action>
          </div>
        </A.Content>
      </A.Portal>
    </A.Root>
  );
}

/** A bin icon button that asks before removing something; `label` names the button for screen readers. */
export function ConfirmRemove({
  label,
  ...dialog
}: Omit<Parameters<typeof ConfirmDialog>[0], 'trigger' | 'destructive'> & { label: string }) {
  return (
    <ConfirmDialog
      destructive
      {...dialog}
      trigger={
        <Button variant="ghost" size="icon" aria-label={label}>
          <Trash2 aria-hidden />
        </Button>
      }
    />
  );
}
