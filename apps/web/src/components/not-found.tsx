// The not-found screen for unknown paths and missing agents.
import { Link } from '@tanstack/react-router';
import { Button } from './ui/button';

export function NotFound({ what = 'page' }: { what?: string }) {
  return (
    <main className="mx-auto flex max-w-md flex-col items-center gap-3 p-12 text-center">
      <p className="text-5xl font-semibold text-muted-foreground">404</p>
      <h1 className="text-xl font-semibold">This {what} does not exist</h1>
      <p className="text-sm text-muted-foreground">It may have been deleted, or it belongs to another organization.</p>
      <Button asChild>
        <Link to="/workspace">Back to agents</Link>
      </Button>
    </main>
  );
}
