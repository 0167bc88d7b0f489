// Test oracle for the rollups: every daily rollup recomputed with plain SQL straight from agent_run, cost_event and
// agent_tool_call (written apart from core's aggregates), compared row by row with the rollup tables. Money is
// compared exactly as numeric text; averages and rates to 1e-9.
import type { Db } from '@trellis/db';
import { sql } from 'drizzle-orm';
import { expect, vi } from 'vitest';

type Row = Record<string, unknown>;

const rows = async (db: Db, query: ReturnType<typeof sql>) => {
  const result = (await db.execute(query)) as unknown as { rows: Row[] };
  return result.rows;
};

const day = sql`to_char(r.created_at at time zone 'UTC', 'YYYY-MM-DD')`;
/** Runs the rollups count: an agent row and a cost event. */
const counted = sql`agent_run r join cost_event ce on ce.run_id = r.id where r.agent_id is not null`;

/** [oracle query, rollup query, key columns, float columns] per table. */
const tables = {
  agent_stats_daily: [
    sql`select r.agent_id, ${day} as date, count(*)::int as runs,
        sum(case when r.status = 'COMPLETED' then 1 else 0 end)::int as successes,
        sum(case when r.status = 'FAILED' then 1 else 0 end)::int as failures,
        case when sum(case when r.status in ('COMPLETED','FAILED') then 1 else 0 end) = 0 then 0
          else sum(case when r.status = 'COMPLETED' then 1 else 0 end)::float8
             / sum(case when r.status in ('COMPLETED','FAILED') then 1 else 0 end) end as success_rate,
        avg(case when r.status = 'COMPLETED' then r.duration_ms end)::float8 as avg_duration_ms,
        round(percentile_cont(0.5) within group (order by case when r.status = 'COMPLETED' then r.duration_ms end))::int as p50_duration_ms,
        round(percentile_cont(0.95) within group (order by case when r.status = 'COMPLETED' then r.duration_ms end))::int as p95_duration_ms,
        sum(ce.cost_usd)::text as cost_usd, sum(ce.total_tokens)::bigint::text as tokens
      from ${counted} group by 1, 2`,
    sql`select agent_id, date::text as date, runs, successes, failures, success_rate, avg_duration_ms, p50_duration_ms,
        p95_duration_ms, cost_usd::text, tokens::text from agent_stats_daily`,
    ['agent_id', 'date'],
    ['success_rate', 'avg_duration_ms'],
  ],
  agent_model_metric_daily: [
    sql`select r.agent_id, ${day} as date, ce.provider as model_provider, ce.model_name, count(*)::int as runs,
        sum(case when r.status = 'COMPLETED' then 1 else 0 end)::int as successes,
        avg(case when r.status = 'COMPLETED' then r.duration_ms end)::float8 as avg_duration_ms,
        sum(ce.total_tokens)::bigint::text as tokens, sum(ce.cost_usd)::text as cost_usd
      from ${counted} group by 1, 2, 3, 4`,
    sql`select agent_id, date::text as date, model_provider, model_name, runs, successes, avg_duration_ms,
        tokens::text, cost_usd::text from agent_model_metric_daily`,
    ['agent_id', 'date', 'model_provider', 'model_name'],
    ['avg_duration_ms'],
  ],
  agent_tool_metric_daily: [
    sql`select r.agent_id, ${day} as date, tc.tool_key, count(*)::int as calls,
        sum(case when tc.success then 0 else 1 end)::int as failures, avg(tc.duration_ms)::float8 as avg_duration_ms
      from agent_run r join cost_event ce on ce.run_id = r.id join agent_tool_call tc on tc.run_id = r.id
      where r.agent_id is not null group by 1, 2, 3`,
    sql`select agent_id, date::text as date, tool_key, calls, failures, avg_duration_ms from agent_tool_metric_daily`,
    ['agent_id', 'date', 'tool_key'],
    ['avg_duration_ms'],
  ],
  agent_cost_daily: [
    sql`select r.agent_id, ${day} as date, sum(ce.cost_usd)::text as total_cost_usd,
        sum(ce.prompt_cost_usd)::text as prompt_cost_usd, sum(ce.completion_cost_usd)::text as completion_cost_usd,
        count(*)::int as runs
      from ${counted} group by 1, 2`,
    sql`select agent_id, date::text as date, total_cost_usd::text, prompt_cost_usd::text, completion_cost_usd::text,
        runs from agent_cost_daily`,
    ['agent_id', 'date'],
    [],
  ],
  agent_model_cost_daily: [
    sql`select r.agent_id, ${day} as date, ce.model_name, sum(ce.cost_usd)::text as cost_usd,
        sum(ce.total_tokens)::bigint::text as tokens, count(*)::int as runs
      from ${counted} group by 1, 2, 3`,
    sql`select agent_id, date::text as date, model_name, cost_usd::text, tokens::text, runs from agent_model_cost_daily`,
    ['agent_id', 'date', 'model_name'],
    [],
  ],
  agent_version_stats: [
    sql`select r.version_id, r.agent_id, count(*)::int as runs,
        sum(case when r.status = 'COMPLETED' then 1 else 0 end)::int as successes,
        avg(case when r.status = 'COMPLETED' then coalesce(r.duration_ms, 0) end)::float8 as avg_duration_ms,
        sum(ce.cost_usd)::text as cost_usd
      from ${counted} and r.version_id is not null group by 1, 2`,
    sql`select version_id, agent_id, runs, successes, avg_duration_ms, cost_usd::text from agent_version_stats`,
    ['version_id'],
    ['avg_duration_ms'],
  ],
} as const;

const keyOf = (row: Row, keys: readonly string[]) => keys.map((k) => String(row[k])).join('|');

/** Asserts that every rollup table holds exactly the rows its raw aggregate gives; returns the rows per table. */
export async function expectRollupsEqualRaw(db: Db): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const [table, [oracleQuery, rollupQuery, keys, floats]] of Object.entries(tables)) {
    const expected = new Map((await rows(db, oracleQuery)).map((r) => [keyOf(r, keys), r]));
    const actual = new Map((await rows(db, rollupQuery)).map((r) => [keyOf(r, keys), r]));
    expect([...actual.keys()].sort(), `${table} keys`).toEqual([...expected.keys()].sort());
    for (const [key, want] of expected) {
      const got = actual.get(key) as Row;
      for (const [column, value] of Object.entries(want)) {
        const label = `${table} ${key} ${column}`;
        if ((floats as readonly string[]).includes(column) && value !== null) {
          expect(Number(got[column]), label).toBeCloseTo(Number(value), 9);
        } else {
          expect(got[column] === null ? null : String(got[column]), label).toBe(value === null ? null : String(value));
        }
      }
    }
    counts[table] = expected.size;
  }
  return counts;
}

/**
 * The same, waiting (bounded) for the debounced rollup-refresh jobs: counters are exact at once, the derived ratios
 * and percentiles within a few seconds.
 */
export const expectRollupsSettleToRaw = (db: Db) =>
  vi.waitFor(() => expectRollupsEqualRaw(db), { timeout: 30_000, interval: 250 });
