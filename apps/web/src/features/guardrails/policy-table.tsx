// One group of checks as a table: for each check, side by side, the organization's setting, this agent's own (or
// "inherits") and what is in force; the column of the scope being edited holds the controls. An agent is offered
// "Inherit" and only the settings at least as strict as the organization's. Blocked patterns get a row of their own.
import type { ComponentProps, ReactNode } from 'react';
import { Badge } from '@/components/ui/badge';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import type { Guardrails } from '@/lib/types';
import { cn } from '@/lib/utils';
import { SelectField, TextField } from '../agent/configure-controls';
import type { PolicyScope } from './api';
import {
  atLeast,
  type BlockedPattern,
  type Check,
  type CheckGroup,
  type Choice,
  type ChoiceCheck,
  choiceLabel,
  type LimitCheck,
  type PatternsCheck,
  valueAt,
} from './checks';
import { PatternEditor, PatternList } from './pattern-editor';
import type { Draft, PatternDraft } from './policy-draft';

const variants: Record<string, ComponentProps<typeof Badge>['variant']> = {
  off: 'outline',
  flag: 'secondary',
  redact: 'warning',
  block: 'destructive',
};
const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
const muted = (text: string) => <span className="text-sm text-muted-foreground">{text}</span>;

/** A saved setting as text: `value` undefined is "inherits" for an agent, the organization's default otherwise. */
function Setting({ check, value, inherits = false }: { check: Check; value: unknown; inherits?: boolean }) {
  if (value === undefined && inherits) return muted('inherits');
  if (check.kind === 'choice') {
    const v = String(value ?? check.unset);
    return <Badge variant={variants[v] ?? 'secondary'}>{choiceLabel(check, v)}</Badge>;
  }
  if (check.kind === 'limit')
    return value === undefined ? (
      muted('no limit')
    ) : (
      <span className="text-sm tabular-nums">{check.format(Number(value))}</span>
    );
  const n = ((value ?? []) as BlockedPattern[]).length;
  return n ? <span className="text-sm">{plural(n, 'pattern')}</span> : muted('none');
}

/** The select's options: an agent gets "Inherit" and the settings no looser than the organization's. */
function choiceOptions(check: ChoiceCheck, scope: PolicyScope, orgValue: string, current: string): Choice[] {
  const options: Choice[] =
    scope === 'agent'
      ? [{ value: '', label: `Inherit (${choiceLabel(check, orgValue)})` }, ...atLeast(check, orgValue)]
      : [...check.options];
  // A saved value the organization has since tightened past stays visible, so the user sees what is refused.
  if (current && !options.some((o) => o.value === current))
    options.push({ value: current, label: `${choiceLabel(check, current)}: looser than the organization's` });
  return options;
}

export interface PolicyTableProps {
  group: CheckGroup;
  scope: PolicyScope;
  guardrails: Guardrails;
  /** The edited scope's form; undefined shows the saved settings only (a user who may not change them). */
  draft?: Draft;
  /** Control paths are `${prefix}.configJson.<field>`, so that the API's messages find their field. */
  prefix: string;
  onValue: (path: string, value: string) => void;
  onPatterns: (path: PatternsCheck['path'], rows: PatternDraft[]) => void;
}

/** The control of a choice or a limit in the edited scope's column. */
function Control({
  check,
  label,
  scope,
  guardrails,
  draft,
  prefix,
  onValue,
}: PolicyTableProps & {
  check: ChoiceCheck | LimitCheck;
  label: string;
  draft: Draft;
}) {
  const path = `${prefix}.configJson.${check.path}`;
  const value = draft.values[check.path] ?? '';
  const onValueChange = (v: string) => onValue(check.path, v);
  const orgValue = valueAt(guardrails.organization.configJson, check.path);
  if (check.kind === 'choice')
    return (
      <SelectField path={path} label={label} hideLabel value={value} onValueChange={onValueChange}>
        {choiceOptions(check, scope, String(orgValue ?? check.unset), value).map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </SelectField>
    );
  const orgLimit = orgValue as number | undefined;
  const inherited = orgLimit === undefined ? 'no limit' : check.format(orgLimit);
  return (
    <TextField
      path={path}
      label={label}
      hideLabel
      type="number"
      inputMode={check.integer ? 'numeric' : 'decimal'}
      min={check.min}
      max={scope === 'agent' ? (orgLimit ?? check.max) : check.max}
      step={check.integer ? 1 : 'any'}
      placeholder={scope === 'agent' ? `Inherit (${inherited})` : 'No limit'}
      hint={scope === 'agent' && orgLimit !== undefined ? `At most ${inherited}` : undefined}
      value={value}
      onValueChange={onValueChange}
    />
  );
}

/** Below the patterns row: the other scope's patterns (which apply too), then the edited scope's own. */
function PatternsDetail({ check, side, ...props }: PolicyTableProps & { check: PatternsCheck; side: string }) {
  const { scope, guardrails, draft, prefix, onPatterns } = props;
  const agent = guardrails.policy?.configJson;
  const organization = guardrails.organization.configJson;
  const listOf = (config: typeof agent) => (valueAt(config, check.path) ?? []) as BlockedPattern[];
  return (
    <div className="grid gap-3">
      <div className="grid gap-1.5">
        <p className="text-xs text-muted-foreground">
          {scope === 'agent'
            ? "The organization's, always in force (this agent's are added to them):"
            : "This agent's own, added to the organization's:"}
        </p>
        <PatternList patterns={listOf(scope === 'agent' ? organization : agent)} empty="None." />
      </div>
      {draft ? (
        <PatternEditor
          path={`${prefix}.configJson.${check.path}`}
          side={side}
          rows={draft.patterns[check.path]}
          onChange={(rows) => onPatterns(check.path, rows)}
        />
      ) : (
        <PatternList patterns={listOf(scope === 'agent' ? agent : organization)} empty="No patterns of its own." />
      )}
    </div>
  );
}

function CheckRows({ check, ...props }: PolicyTableProps & { check: Check }) {
  const { group, scope, guardrails, draft } = props;
  const saved: Record<PolicyScope | 'effective', ReactNode> = {
    organization: <Setting check={check} value={valueAt(guardrails.organization.configJson, check.path)} />,
    agent: <Setting check={check} value={valueAt(guardrails.policy?.configJson, check.path)} inherits />,
    effective: <Setting check={check} value={valueAt(guardrails.effective, check.path)} />,
  };
  if (draft) {
    const label = group.id === 'handling' ? check.label : `${group.title}: ${check.label}`;
    const rows = check.kind === 'patterns' ? draft.patterns[check.path].length : 0;
    saved[scope] =
      check.kind === 'patterns' ? (
        rows ? (
          <span className="text-sm">{plural(rows, 'pattern')}</span>
        ) : (
          muted('none')
        )
      ) : (
        <Control {...props} check={check} label={label} draft={draft} />
      );
  }
  const column = (which: PolicyScope) => cn('align-top', draft && which === scope && 'bg-muted/40');
  return (
    <>
      <TR className="hover:bg-transparent">
        <TD className="align-top">
          <p className="text-sm font-medium">{check.label}</p>
          <p className="text-xs text-muted-foreground">{check.help}</p>
        </TD>
        <TD className={column('organization')}>{saved.organization}</TD>
        <TD className={column('agent')}>{saved.agent}</TD>
        <TD className="align-top">{saved.effective}</TD>
      </TR>
      {check.kind === 'patterns' && (
        <TR className="hover:bg-transparent">
          <TD colSpan={4} className="pb-4">
            <PatternsDetail {...props} check={check} side={group.title} />
          </TD>
        </TR>
      )}
    </>
  );
}

export function PolicyTable(props: PolicyTableProps) {
  const { group, scope, draft } = props;
  // The edited column is the widest: its selects name the inherited setting ("Inherit (Blocks only)").
  const heading = (which: PolicyScope) =>
    !draft ? 'w-[22%]' : which === scope ? 'w-[28%] text-foreground' : 'w-[19%]';
  return (
    <Table className="min-w-[44rem] table-fixed">
      <caption className="caption-top pb-2 text-left">
        <span className="block font-medium">{group.title}</span>
        <span className="block text-xs text-muted-foreground">{group.description}</span>
      </caption>
      <THead>
        <TR className="hover:bg-transparent">
          <TH className="w-[34%]">Check</TH>
          <TH className={heading('organization')}>Organization</TH>
          <TH className={heading('agent')}>This agent</TH>
          <TH className={draft ? 'w-[19%]' : 'w-[22%]'}>In force</TH>
        </TR>
      </THead>
      <TBody>
        {group.checks.map((check) => (
          <CheckRows key={check.path} {...props} check={check} />
        ))}
      </TBody>
    </Table>
  );
}
