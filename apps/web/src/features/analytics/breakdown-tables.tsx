// The Analytics page's tables: tool usage (with a bar of each tool's share of the calls), the models side by side,
// and each agent version's figures with a link to that version on the Versions page.
import { Link } from '@tanstack/react-router';
import { ShareBar } from '@/components/chart';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import type { AgentAnalytics } from '@/lib/types';
import { cn, formatMs, formatNumber, formatPercent, formatUsd } from '@/lib/utils';
import { ModelBadge } from '../workspace/workspace-page';

const num = 'text-right tabular-nums';

export function ToolUsageTable({ tools }: { tools: AgentAnalytics['tools'] }) {
  const most = Math.max(1, ...tools.map((t) => t.calls));
  return (
    <Table aria-label="Tool usage">
      <THead>
        <TR>
          <TH>Tool</TH>
          <TH className="text-right">Calls</TH>
          <TH className="text-right">Failures</TH>
          <TH className="text-right">Failure rate</TH>
          <TH className="text-right">Mean duration</TH>
          <TH className="w-1/5">
            <span className="sr-only">Calls relative to the most used tool</span>
          </TH>
        </TR>
      </THead>
      <TBody>
        {tools.map((t) => (
          <TR key={t.toolKey}>
            <TD className="max-w-48 truncate font-mono text-xs" title={t.toolKey}>
              {t.toolKey}
            </TD>
            <TD className={num}>{formatNumber(t.calls)}</TD>
            <TD className={cn(num, t.failures > 0 && 'text-destructive')}>{formatNumber(t.failures)}</TD>
            <TD className={num}>{formatPercent(t.failureRate)}</TD>
            <TD className={num}>{formatMs(t.avgDurationMs)}</TD>
            <TD>
              <ShareBar value={t.calls / most} label={`${Math.round((t.calls / most) * 100)}%`} />
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}

export function ModelComparisonTable({ models }: { models: AgentAnalytics['models'] }) {
  return (
    <Table aria-label="Model comparison">
      <THead>
        <TR>
          <TH>Model</TH>
          <TH className="text-right">Runs</TH>
          <TH className="text-right">Success rate</TH>
          <TH className="text-right">Mean latency</TH>
          <TH className="text-right">Tokens</TH>
          <TH className="text-right">Cost</TH>
        </TR>
      </THead>
      <TBody>
        {models.map((m) => (
          <TR key={`${m.modelProvider}/${m.modelName}`}>
            <TD>
              <ModelBadge provider={m.modelProvider} name={m.modelName} />
            </TD>
            <TD className={num}>{formatNumber(m.runs)}</TD>
            <TD className={num}>{formatPercent(m.successRate)}</TD>
            <TD className={num}>{formatMs(m.avgDurationMs)}</TD>
            <TD className={num}>{formatNumber(m.tokens)}</TD>
            <TD className={num}>{formatUsd(m.costUsd)}</TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}

export function VersionTable({ versions, slug }: { versions: AgentAnalytics['versions']; slug: string }) {
  return (
    <Table aria-label="Runs by version">
      <THead>
        <TR>
          <TH>Version</TH>
          <TH className="text-right">Runs</TH>
          <TH className="text-right">Success rate</TH>
          <TH className="text-right">Mean latency</TH>
          <TH className="text-right">Cost</TH>
        </TR>
      </THead>
      <TBody>
        {versions.map((v) => (
          <TR key={v.versionId ?? v.version}>
            <TD>
              <Link
                to="/workspace/$agentSlug/versions"
                params={{ agentSlug: slug }}
                search={{ right: v.version }}
                className="font-medium text-primary hover:underline"
                title={`Compare version ${v.version} on the Versions page`}
              >
                v{v.version}
              </Link>
            </TD>
            <TD className={num}>{formatNumber(v.runs)}</TD>
            <TD className={num}>{formatPercent(v.successRate)}</TD>
            <TD className={num}>{formatMs(v.avgDurationMs)}</TD>
            <TD className={num}>{formatUsd(v.costUsd)}</TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
