// Card: a bordered surface with optional header, title, description and content areas. CardTitle is only a look:
// put a heading element inside it when the title heads a section.
import type * as React from 'react';
import { cn } from '@/lib/utils';

type Div = React.HTMLAttributes<HTMLDivElement>;

export const Card = ({ className, ...p }: Div) => (
  <div className={cn('rounded-xl border bg-card text-card-foreground shadow-xs', className)} {...p} />
);
export const CardHeader = ({ className, ...p }: Div) => (
  <div className={cn('flex flex-col gap-1 p-5 pb-3', className)} {...p} />
);
export const CardTitle = ({ className, ...p }: Div) => (
  <div className={cn('font-semibold leading-tight', className)} {...p} />
);
export const CardDescription = ({ className, ...p }: React.HTMLAttributes<HTMLParagraphElement>) => (
  <p className={cn('text-sm text-muted-foreground', className)} {...p} />
);
export const CardContent = ({ className, ...p }: Div) => <div className={cn('p-5 pt-0', className)} {...p} />;
