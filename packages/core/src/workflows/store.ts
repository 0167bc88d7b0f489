// The workflow runs' data access. `WorkflowStore` is bound to one tenant: every statement names it, so a run or step
// of another organization is never read or changed through it, whatever id it is handed. `WorkflowLeases` is the
// system side for crash recovery, which looks across every tenant on purpose (recovery.ts).
import { type WorkflowRun, type WorkflowStep, workflowRun, workflowStep } from '@trellis/db';
import { and, asc, desc, eq, inArray, lt, notInArray, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../context';
import { afterCursor } from '../pagination';
import { leaseExpired } from '../runs/recovery';
import { TenantStore } from '../tenant-store';

type NewRun = Omit<typeof workflowRun.$inferInsert, 'tenantId' | 'id'>;
type RunChanges = Partial<NewRun>;
type StepChanges = Partial<Omit<typeof workflowStep.$inferInsert, 'tenantId' | 'id' | 'workflowRunId' | 'stepId'>>;
type Status = WorkflowRun['status'];
const openStatuses = ['QUEUED', 'RUNNING'] as const;

export class WorkflowStore extends TenantStore {
  private key(runId: string): SQL {
    return and(eq(workflowRun.id, runId), eq(workflowRun.tenantId, this.tenantId)) as SQL;
  }

  private stepKey(runId: string, stepId: string): SQL {
    return and(
      eq(workflowStep.workflowRunId, runId),
      eq(workflowStep.stepId, stepId),
      eq(workflowStep.tenantId, this.tenantId),
    ) as SQL;
  }

  /** True while the run is RUNNING: a condition for statements that must not outlive a cancel. */
  runningCondition(runId: string): SQL {
    return sql`exists (select 1 from ${workflowRun} where ${this.key(runId)} and ${workflowRun.status} = 'RUNNING')`;
  }

  /** Records a run with its steps (all QUEUED). */
  async insert(values: NewRun, steps: { stepId: string; agentSlug: string }[]): Promise<WorkflowRun> {
    const [row] = await this.db
      .insert(workflowRun)
      .values({ ...values, tenantId: this.tenantId })
      .returning();
    await this.db
      .insert(workflowStep)
      .values(steps.map((s) => ({ ...s, tenantId: this.tenantId, workflowRunId: row.id })));
    return row;
  }

  /** A page of the workflow's runs, newest first (`limit + 1` rows: see pageOf). */
  list(workflowId: string, query: { status?: Status; cursor?: string; limit: number }): Promise<WorkflowRun[]> {
    return this.db
      .select()
      .from(workflowRun)
      .where(
        and(
          eq(workflowRun.tenantId, this.tenantId),
          eq(workflowRun.workflowId, workflowId),
          query.status ? eq(workflowRun.status, query.status) : undefined,
          query.cursor ? afterCursor(workflowRun, query.cursor) : undefined,
        ),
      )
      .orderBy(desc(workflowRun.createdAt), desc(workflowRun.id))
      .limit(query.limit + 1);
  }

  async find(runId: string): Promise<WorkflowRun | null> {
    const [row] = await this.db.select().from(workflowRun).where(this.key(runId));
    return row ?? null;
  }

  /** The run's steps, in the order they were recorded (the workflow's order). */
  steps(runId: string): Promise<WorkflowStep[]> {
    return this.db
      .select()
      .from(workflowStep)
      .where(and(eq(workflowStep.workflowRunId, runId), eq(workflowStep.tenantId, this.tenantId)))
      .orderBy(asc(workflowStep.createdAt), asc(workflowStep.id));
  }

  async step(runId: string, stepId: string): Promise<WorkflowStep | null> {
    const [row] = await this.db.select().from(workflowStep).where(this.stepKey(runId, stepId));
    return row ?? null;
  }

  /** Applies `set` to the run when it is in one of `statuses`; the row after, or null. */
  async update(runId: string, set: RunChanges, statuses: readonly Status[]): Promise<WorkflowRun | null> {
    const [row] = await this.db
      .update(workflowRun)
      .set(set)
      .where(and(this.key(runId), inArray(workflowRun.status, statuses)))
      .returning();
    return row ?? null;
  }

  /**
   * Takes the run for one delivery of its job: a QUEUED run; or, resuming (`lease`: the lease a sweep found stale), a
   * RUNNING run whose lease has not moved since. Moves the lease to now; null when there is nothing to take.
   */
  async claim(runId: string, at: Date, lease?: Date): Promise<WorkflowRun | null> {
    const which = lease
      ? and(eq(workflowRun.status, 'RUNNING'), lt(workflowRun.updatedAt, new Date(lease.getTime() + 1)))
      : eq(workflowRun.status, 'QUEUED');
    const [row] = await this.db
      .update(workflowRun)
      .set({ status: 'RUNNING', startedAt: sql`coalesce(${workflowRun.startedAt}, ${at})`, updatedAt: sql`now()` })
      .where(and(this.key(runId), which))
      .returning();
    return row ?? null;
  }

  /** Starts the step, only while its run still runs; false when the run was stopped. */
  async startStep(runId: string, stepId: string, set: StepChanges): Promise<boolean> {
    const rows = await this.db
      .update(workflowStep)
      .set(set)
      .where(and(this.stepKey(runId, stepId), this.runningCondition(runId)))
      .returning({ id: workflowStep.id });
    return rows.length > 0;
  }

  /** Applies `set` to the step while it is RUNNING (a cancelled step stays cancelled); false otherwise. */
  async finishStep(runId: string, stepId: string, set: StepChanges): Promise<boolean> {
    const rows = await this.db
      .update(workflowStep)
      .set(set)
      .where(and(this.stepKey(runId, stepId), eq(workflowStep.status, 'RUNNING')))
      .returning({ id: workflowStep.id });
    return rows.length > 0;
  }

  updateStep(runId: string, stepId: string, set: StepChanges): Promise<unknown> {
    return this.db.update(workflowStep).set(set).where(this.stepKey(runId, stepId));
  }

  /** The run's steps still QUEUED or RUNNING (or only `statuses`) become CANCELLED with `error`. */
  cancelOpenSteps(
    runId: string,
    error: string,
    at: Date,
    statuses: readonly Status[] = openStatuses,
  ): Promise<unknown> {
    return this.db
      .update(workflowStep)
      .set({ status: 'CANCELLED', error, completedAt: at })
      .where(
        and(
          eq(workflowStep.workflowRunId, runId),
          eq(workflowStep.tenantId, this.tenantId),
          inArray(workflowStep.status, statuses),
        ),
      );
  }
}

/** Workflow run leases across every tenant (the system handle): renewed by the executing process, swept after a crash. */
export class WorkflowLeases {
  constructor(private readonly db: Executor) {}

  /** Moves the leases of these runs (this process's executing runs) to now. */
  async renew(runIds: string[]): Promise<void> {
    if (!runIds.length) return;
    await this.db
      .update(workflowRun)
      .set({ updatedAt: sql`now()` })
      .where(and(inArray(workflowRun.id, runIds), eq(workflowRun.status, 'RUNNING')));
  }

  /**
   * RUNNING runs whose lease expired (their process is gone), and QUEUED runs older than a lease (their job may never
   * have been sent), except `exclude`.
   */
  abandoned(leaseSeconds: number, exclude: string[], limit = 100) {
    return this.db
      .select({
        id: workflowRun.id,
        tenantId: workflowRun.tenantId,
        status: workflowRun.status,
        updatedAt: workflowRun.updatedAt,
      })
      .from(workflowRun)
      .where(
        and(
          exclude.length ? notInArray(workflowRun.id, exclude) : undefined,
          or(
            and(eq(workflowRun.status, 'RUNNING'), leaseExpired(workflowRun.updatedAt, leaseSeconds)),
            and(eq(workflowRun.status, 'QUEUED'), leaseExpired(workflowRun.createdAt, leaseSeconds)),
          ),
        ),
      )
      .limit(limit);
  }
}
