// A recorded run as stored, bound to one tenant: the run row, its trace with the steps in order, and its tool calls.
// Every statement names the tenant — the steps and tool calls looked up by trace or run id included.
import {
  type AgentRun,
  type AgentToolCall,
  type AgentTrace,
  type AgentTraceStep,
  agentRun,
  agentToolCall,
  agentTrace,
  agentTraceStep,
} from '@trellis/db';
import { and, asc, eq, type SQL } from 'drizzle-orm';
import type { Executor, ServiceContext } from '../context';

export type RunDetail = AgentRun & {
  trace: (AgentTrace & { steps: AgentTraceStep[] }) | null;
  toolCalls: AgentToolCall[];
};

export class RunTraceStore {
  constructor(
    private readonly db: Executor,
    readonly tenantId: string,
  ) {}

  static of(ctx: ServiceContext): RunTraceStore {
    return new RunTraceStore(ctx.db, ctx.tenantId);
  }

  /** The run with this id, when it is the tenant's (and matches `where`, e.g. its agent). */
  async run(runId: string, where?: SQL): Promise<AgentRun | undefined> {
    const [run] = await this.db
      .select()
      .from(agentRun)
      .where(and(eq(agentRun.tenantId, this.tenantId), eq(agentRun.id, runId), where))
      .limit(1);
    return run;
  }

  /** The run with its trace (steps in order) and tool calls; undefined when the tenant has no such run. */
  async detail(runId: string, where?: SQL): Promise<RunDetail | undefined> {
    const run = await this.run(runId, where);
    if (!run) return undefined;
    const [[trace], toolCalls] = await Promise.all([
      this.db
        .select()
        .from(agentTrace)
        .where(and(eq(agentTrace.runId, run.id), eq(agentTrace.tenantId, this.tenantId))),
      this.db
        .select()
        .from(agentToolCall)
        .where(and(eq(agentToolCall.runId, run.id), eq(agentToolCall.tenantId, this.tenantId)))
        .orderBy(asc(agentToolCall.stepNumber), asc(agentToolCall.createdAt)),
    ]);
    const steps = trace
      ? await this.db
          .select()
          .from(agentTraceStep)
          .where(and(eq(agentTraceStep.traceId, trace.id), eq(agentTraceStep.tenantId, this.tenantId)))
          .orderBy(asc(agentTraceStep.stepNumber))
      : [];
    return { ...run, trace: trace ? { ...trace, steps } : null, toolCalls };
  }
}
