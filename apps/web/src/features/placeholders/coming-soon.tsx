// A page whose feature has not shipped yet: it says plainly what it will show and where to look meanwhile.
import { Construction } from 'lucide-react';
import type { AgentPage } from '../agent/pages';

export function ComingSoon({ page }: { page: AgentPage }) {
  return (
    <section
      aria-labelledby="page-title"
      className="flex flex-col items-center gap-3 rounded-xl border border-dashed p-12 text-center"
    >
      <Construction className="size-8 text-muted-foreground" aria-hidden />
      <h2 id="page-title" className="text-lg font-semibold">
        {page.label} is not available yet
      </h2>
      <p className="max-w-md text-sm text-muted-foreground">This page arrives with {page.comingWith}.</p>
    </section>
  );
}
