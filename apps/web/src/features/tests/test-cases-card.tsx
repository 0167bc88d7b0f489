// The agent's test cases as a table (name, match mode, an excerpt of the expected output, tags, pinned), each
// removable after a confirmation, and the "Add test case" form — both for users who may manage the agent.
import { useQuery } from '@tanstack/react-query';
import { Pin, Plus } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ConfirmRemove } from '@/components/ui/dialog';
import { EmptyState, ErrorNotice, Skeleton } from '@/components/ui/feedback';
import { ActionsHead, Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import { Can, useCan } from '@/lib/access';
import type { TestCase } from '@/lib/types';
import { Section } from '../agent/configure-controls';
import { testCasesQuery, useDeleteTestCase } from './api';
import { matchModeLabels } from './case-draft';
import { excerpt } from './format';
import { TestCaseForm } from './test-case-form';

function CaseRow({ slug, testCase: c }: { slug: string; testCase: TestCase }) {
  const remove = useDeleteTestCase(slug);
  const expected =
    c.matchMode === 'json-schema'
      ? 'JSON matching the schema'
      : c.matchMode === 'scorer'
        ? `${String(c.matchConfig?.scorer ?? '')} ≥ ${String(c.matchConfig?.threshold ?? '')}`
        : excerpt(c.expectedOutput, 80);
  return (
    <TR>
      <TD className="font-medium">
        <span className="inline-flex items-center gap-2">
          {c.name}
          {c.pinned && (
            <Badge variant="warning">
              <Pin className="size-3" aria-hidden /> pinned
            </Badge>
          )}
        </span>
        <p className="text-xs font-normal text-muted-foreground" title={c.inputText}>
          {excerpt(c.inputText, 80)}
        </p>
      </TD>
      <TD className="whitespace-nowrap text-muted-foreground">{matchModeLabels[c.matchMode]}</TD>
      <TD className={c.matchMode === 'regex' ? 'font-mono text-xs' : undefined} title={c.expectedOutput ?? undefined}>
        {expected}
      </TD>
      <TD>
        <div className="flex flex-wrap gap-1">
          {c.tags.map((t) => (
            <Badge key={t} variant="secondary">
              {t}
            </Badge>
          ))}
        </div>
      </TD>
      <Can need="manage">
        <TD>
          <ConfirmRemove
            label={`Remove the test case ${c.name}`}
            title={`Remove the test case “${c.name}”?`}
            description="Its results in past suite runs are removed with it."
            confirmLabel="Remove test case"
            onConfirm={() =>
              remove.mutate(c.id, { onSuccess: () => toast.success(`Removed the test case “${c.name}”`) })
            }
          />
        </TD>
      </Can>
    </TR>
  );
}

export function TestCasesCard({ slug }: { slug: string }) {
  const { data: cases, error, isPending } = useQuery(testCasesQuery(slug));
  const [adding, setAdding] = useState(false);
  const canManage = useCan('manage');
  return (
    <Section
      id="test-cases"
      title="Test cases"
      description="Questions with the answer expected and how to match it. A suite run asks each of them to one version."
      action={
        canManage &&
        !adding && (
          <Button variant="outline" onClick={() => setAdding(true)}>
            <Plus aria-hidden /> Add test case
          </Button>
        )
      }
      className="min-w-0"
    >
      {adding && <TestCaseForm slug={slug} onDone={() => setAdding(false)} />}
      {error ? (
        <ErrorNotice error={error} />
      ) : isPending ? (
        <Skeleton className="h-24" />
      ) : cases.length === 0 ? (
        <EmptyState title="No test cases yet">
          {canManage ? 'Add one to start a suite.' : 'Someone who manages this agent can add them.'}
        </EmptyState>
      ) : (
        <Table aria-label="Test cases">
          <THead>
            <TR>
              <TH>Name</TH>
              <TH>Match</TH>
              <TH>Expected</TH>
              <TH>Tags</TH>
              {canManage && <ActionsHead />}
            </TR>
          </THead>
          <TBody>
            {cases.map((c) => (
              <CaseRow key={c.id} slug={slug} testCase={c} />
            ))}
          </TBody>
        </Table>
      )}
    </Section>
  );
}
