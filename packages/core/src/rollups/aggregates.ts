// The definition of every daily rollup as one SQL aggregate over the raw rows: the runs that have a cost event
// (a run is counted once its run-completed job recorded it), on the run's UTC day. The repair recompute inserts
// these; the incremental path refreshes its ratios and percentiles from them, so both agree by construction.
import { type SQL, sql } from 'drizzle-orm';

/** The UTC calendar day of a run, the day every rollup files it under. */
export const runDay = sql`(r.created_at at time zone 'UTC')::date`;

/** Which counted runs an aggregate covers: a range of UTC days ('YYYY-MM-DD', inclusive), optionally one agent. */
export interface RollupScope {
  from: string;
  to: string;
  agentId?: string;
}

/**
 * FROM … WHERE of the counted runs `r` with their cost events `ce` (plus `join`). A run is counted when it has an
 * agent row and a cost event.
 */
function counted(scope: RollupScope, join: SQL = sql``): SQL {
  const agent = scope.agentId ? sql` and r.agent_id = ${scope.agentId}` : sql``;
  return sql`from agent_run r join cost_event ce on ce.run_id = r.id ${join}
    where r.agent_id is not null
      and r.created_at >= ${scope.from}::date::timestamp at time zone 'UTC'
      and r.created_at < (${scope.to}::date + 1)::timestamp at time zone 'UTC'${agent}`;
}

const completed = sql`r.status = 'COMPLETED'`;

/** agent_stats_daily: runs, outcomes, success rate over COMPLETED+FAILED, durations of COMPLETED runs, cost, tokens. */
export const statsAggregate = (scope: RollupScope) => sql`
  select r.tenant_id, r.agent_id, ${runDay} as date,
    count(*)::int as runs,
    (count(*) filter (where ${completed}))::int as successes,
    (count(*) filter (where r.status = 'FAILED'))::int as failures,
    coalesce((count(*) filter (where ${completed}))::float8
      / nullif(count(*) filter (where r.status in ('COMPLETED', 'FAILED')), 0), 0) as success_rate,
    (avg(r.duration_ms) filter (where ${completed}))::float8 as avg_duration_ms,
    round(percentile_cont(0.5) within group (order by r.duration_ms) filter (where ${completed}))::int as p50_duration_ms,
    round(percentile_cont(0.95) within group (order by r.duration_ms) filter (where ${completed}))::int as p95_duration_ms,
    sum(ce.cost_usd) as cost_usd,
    sum(ce.total_tokens)::bigint as tokens
  ${counted(scope)}
  group by r.tenant_id, r.agent_id, ${runDay}`;

/** agent_model_metric_daily: per provider and model, with the mean duration of COMPLETED runs. */
export const modelMetricAggregate = (scope: RollupScope) => sql`
  select r.tenant_id, r.agent_id, ${runDay} as date, ce.provider as model_provider, ce.model_name,
    count(*)::int as runs,
    (count(*) filter (where ${completed}))::int as successes,
    (avg(r.duration_ms) filter (where ${completed}))::float8 as avg_duration_ms,
    sum(ce.total_tokens)::bigint as tokens,
    sum(ce.cost_usd) as cost_usd
  ${counted(scope)}
  group by r.tenant_id, r.agent_id, ${runDay}, ce.provider, ce.model_name`;

/** agent_tool_metric_daily: the tool calls of counted runs, per tool. */
export const toolMetricAggregate = (scope: RollupScope) => sql`
  select r.tenant_id, r.agent_id, ${runDay} as date, tc.tool_key,
    count(*)::int as calls,
    (count(*) filter (where not tc.success))::int as failures,
    avg(tc.duration_ms)::float8 as avg_duration_ms
  ${counted(scope, sql`join agent_tool_call tc on tc.run_id = r.id`)}
  group by r.tenant_id, r.agent_id, ${runDay}, tc.tool_key`;

/** agent_cost_daily: cost split and runs. */
export const costAggregate = (scope: RollupScope) => sql`
  select r.tenant_id, r.agent_id, ${runDay} as date,
    sum(ce.cost_usd) as total_cost_usd,
    sum(ce.prompt_cost_usd) as prompt_cost_usd,
    sum(ce.completion_cost_usd) as completion_cost_usd,
    count(*)::int as runs
  ${counted(scope)}
  group by r.tenant_id, r.agent_id, ${runDay}`;

/** agent_model_cost_daily: per model name. */
export const modelCostAggregate = (scope: RollupScope) => sql`
  select r.tenant_id, r.agent_id, ${runDay} as date, ce.model_name,
    sum(ce.cost_usd) as cost_usd,
    sum(ce.total_tokens)::bigint as tokens,
    count(*)::int as runs
  ${counted(scope)}
  group by r.tenant_id, r.agent_id, ${runDay}, ce.model_name`;

/** One rollup table as the recompute sees it: its aggregate, key columns and the columns the aggregate owns. */
export interface RollupDefinition {
  table: string;
  aggregate: (scope: RollupScope) => SQL;
  /** Key columns after (agent_id, date). */
  keys: string[];
  /** Value columns written from the aggregate (others, e.g. avg_quality, belong to other jobs). */
  values: string[];
}

export const rollupDefinitions: RollupDefinition[] = [
  {
    table: 'agent_stats_daily',
    aggregate: statsAggregate,
    keys: [],
    values: [
      'runs',
      'successes',
      'failures',
      'success_rate',
      'avg_duration_ms',
      'p50_duration_ms',
      'p95_duration_ms',
      'cost_usd',
      'tokens',
    ],
  },
  {
    table: 'agent_model_metric_daily',
    aggregate: modelMetricAggregate,
    keys: ['model_provider', 'model_name'],
    values: ['runs', 'successes', 'avg_duration_ms', 'tokens', 'cost_usd'],
  },
  {
    table: 'agent_tool_metric_daily',
    aggregate: toolMetricAggregate,
    keys: ['tool_key'],
    values: ['calls', 'failures', 'avg_duration_ms'],
  },
  {
    table: 'agent_cost_daily',
    aggregate: costAggregate,
    keys: [],
    values: ['total_cost_usd', 'prompt_cost_usd', 'completion_cost_usd', 'runs'],
  },
  {
    table: 'agent_model_cost_daily',
    aggregate: modelCostAggregate,
    keys: ['model_name'],
    values: ['cost_usd', 'tokens', 'runs'],
  },
];
