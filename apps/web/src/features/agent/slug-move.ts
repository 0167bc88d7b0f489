// Writes that rename an agent (a slug edit, a rollback to a version with another slug): the page moves to the new
// address first, its data seeded from what is known, so nothing on it asks the server for the old slug once that is
// gone (a 404 and the not-found screen); when the write fails, the page moves back.
import { type QueryKey, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import type { AgentListItem } from '@/lib/types';
import { agentKeys } from './api';

type Page = 'configure' | 'versions';

export function useSlugMove(page: Page) {
  const client = useQueryClient();
  const navigate = useNavigate();
  return async function move<T>({
    from,
    to,
    seed,
    write,
    bypass = (go) => go(),
  }: {
    from: string;
    to: string;
    /** Cache entries for the new slug (undefined: none), shown until the write's own refresh replaces them. */
    seed: [QueryKey, unknown][];
    write: () => Promise<T>;
    /** Wraps the navigations, e.g. to let them past an unsaved-changes guard. */
    bypass?: (go: () => Promise<void>) => Promise<void>;
  }): Promise<T> {
    // Same slug, or one another agent is known to have (the write fails with a conflict): no move.
    const lists = client.getQueriesData<AgentListItem[]>({ queryKey: [...agentKeys.all, 'list'] });
    if (from === to || lists.some(([, list]) => list?.some((a) => a.slug === to))) return write();
    const go = (agentSlug: string) =>
      bypass(() =>
        navigate({
          to: `/workspace/$agentSlug/${page}` as '/workspace/$agentSlug/configure',
          params: { agentSlug },
          replace: true,
        }),
      );
    for (const [key, data] of seed) if (data !== undefined) client.setQueryData(key, data);
    await go(to);
    try {
      return await write();
    } catch (e) {
      await go(from);
      for (const [key] of seed) client.removeQueries({ queryKey: key, exact: true });
      throw e;
    }
  };
}
