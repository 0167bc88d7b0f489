// Dropdown menu on Radix (keyboard and screen-reader friendly).
import { DropdownMenu as M } from 'radix-ui';
import type * as React from 'react';
import { cn } from '@/lib/utils';

export const Dropdown = M.Root;
export const DropdownTrigger = M.Trigger;
export const DropdownSeparator = () => <M.Separator className="my-1 h-px bg-border" />;
export const DropdownLabel = ({ className, ...p }: React.ComponentProps<typeof M.Label>) => (
  <M.Label className={cn('px-2 py-1.5 text-xs text-muted-foreground', className)} {...p} />
);

export function DropdownContent({ className, ...p }: React.ComponentProps<typeof M.Content>) {
  return (
    <M.Portal>
      <M.Content
        sideOffset={6}
        align="end"
        className={cn('z-50 min-w-48 rounded-lg border bg-card p-1 text-card-foreground shadow-md', className)}
        {...p}
      />
    </M.Portal>
  );
}

export function DropdownItem({ className, ...p }: React.ComponentProps<typeof M.Item>) {
  return (
    <M.Item
      className={cn(
        'flex cursor-pointer select-none items-center gap-2 rounded-md px-2 py-1.5 text-sm outline-none data-[highlighted]:bg-accent',
        className,
      )}
      {...p}
    />
  );
}
