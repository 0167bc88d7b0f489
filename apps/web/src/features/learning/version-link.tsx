// A link to an agent version (by its id, as learning records it) on the Versions page, compared with another version
// when one is given (left) — the version numbers come from the agent's version list.
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { versionsQuery } from '../agent/api';

export function VersionLink({
  slug,
  versionId,
  compareWith,
  children,
}: {
  slug: string;
  versionId: string | null;
  /** The version to show on the left of the comparison (e.g. the experiment's baseline). */
  compareWith?: string | null;
  children: (version: number) => ReactNode;
}) {
  const { data: versions } = useQuery(versionsQuery(slug));
  const number = (id: string | null | undefined) => versions?.find((v) => v.id === id)?.version;
  const right = number(versionId);
  if (right === undefined) return null;
  return (
    <Link
      to="/workspace/$agentSlug/versions"
      params={{ agentSlug: slug }}
      search={{ right, left: number(compareWith) }}
      className="text-primary underline-offset-4 hover:underline"
    >
      {children(right)}
    </Link>
  );
}
