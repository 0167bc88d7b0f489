// A titled part of a card on the Learning page (a small uppercase heading over its content), shared by the tabs.
import type { ReactNode } from 'react';
import { cn } from '@/lib/utils';

export function Part({ title, children, className }: { title: string; children: ReactNode; className?: string }) {
  return (
    <div className={cn('grid min-w-0 content-start gap-2', className)}>
      <h4 className="text-xs font-medium uppercase tracking-wide text-muted-foreground">{title}</h4>
      {children}
    </div>
  );
}
