// Run status as a coloured badge, shared by every run list.
import { Badge } from '@/components/ui/badge';
import type { Run } from '@/lib/types';

const variant: Record<Run['status'], 'default' | 'destructive' | 'secondary' | 'warning' | 'outline'> = {
  COMPLETED: 'default',
  FAILED: 'destructive',
  RUNNING: 'warning',
  QUEUED: 'secondary',
  CANCELLED: 'outline',
};

export function RunStatus({ status }: { status: Run['status'] }) {
  return <Badge variant={variant[status]}>{status.toLowerCase()}</Badge>;
}
