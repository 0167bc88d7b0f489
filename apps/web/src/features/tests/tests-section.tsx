// The test suite on the Versions page: the agent's test cases, "Run suite" with the suite run followed live, and the
// suite runs history with a comparison of any two (by default the newest against the one before it). What is shown
// and compared is local state: it does not belong in the URL.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { EmptyState, ErrorNotice, Skeleton } from '@/components/ui/feedback';
import type { AgentVersion } from '@/lib/types';
import { Section } from '../agent/configure-controls';
import { suiteRunsQuery } from './api';
import { SuiteCompare } from './suite-compare';
import { type Pick, SuiteHistory } from './suite-history';
import { SuiteResults } from './suite-results';
import { SuiteRunner } from './suite-runner';
import { TestCasesCard } from './test-cases-card';

export function TestsSection({ slug, versions }: { slug: string; versions: AgentVersion[] }) {
  const { data: runs, error, isPending } = useQuery(suiteRunsQuery(slug));
  const [shown, setShown] = useState<string>();
  const [pick, setPick] = useState<Pick>({});
  const current = shown ?? runs?.[0]?.id;
  const left = pick.left ?? runs?.[1]?.id;
  const right = pick.right ?? runs?.[0]?.id;

  return (
    <>
      <TestCasesCard slug={slug} />
      <Section
        id="test-suite"
        title="Run the test suite"
        description="Asks every test case (or those with the tags given) to one version, as test runs, and judges each answer."
        className="min-w-0"
      >
        <SuiteRunner
          slug={slug}
          versions={versions}
          onStarted={(id) => {
            setShown(id);
            setPick({});
          }}
        />
        {current && <SuiteResults key={current} slug={slug} suiteRunId={current} />}
      </Section>
      <Section
        id="suite-runs"
        title="Suite runs"
        description="Newest first. Pick a left and a right suite run to see which cases the right one fixed or regressed."
        className="min-w-0"
      >
        {error ? (
          <ErrorNotice error={error} />
        ) : isPending ? (
          <Skeleton className="h-24" />
        ) : runs.length === 0 ? (
          <EmptyState title="No suite runs yet">Run the suite above to see its results here.</EmptyState>
        ) : (
          <>
            <SuiteHistory
              runs={runs}
              shown={current}
              pick={{ left, right }}
              onShow={setShown}
              onPick={(side, id) => setPick({ left, right, [side]: id })}
            />
            {left && right && left !== right ? (
              <SuiteCompare slug={slug} left={left} right={right} />
            ) : (
              <p className="text-sm text-muted-foreground">
                {runs.length < 2 ? 'Run the suite again to compare two runs.' : 'Pick two different suite runs.'}
              </p>
            )}
          </>
        )}
      </Section>
    </>
  );
}
