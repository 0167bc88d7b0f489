// The goals' data access. `GoalStore` is bound to one tenant: every statement it runs names that tenant, so a goal
// or step of another organization is never read or changed through it, whatever id it is handed. `GoalLeases` is
// the system side for crash recovery, which looks across every tenant on purpose (recovery.ts).
import { type Goal, type GoalStep, goal, goalStep } from '@trellis/db';
import { and, asc, desc, eq, inArray, isNotNull, isNull, lt, notInArray, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../context';
import { leaseExpired } from '../runs/recovery';
import { TenantStore } from '../tenant-store';

type GoalChanges = Partial<typeof goal.$inferInsert>;
type StepChanges = Partial<typeof goalStep.$inferInsert>;
type NewGoal = Omit<typeof goal.$inferInsert, 'tenantId' | 'id'>;
const openStatuses = ['QUEUED', 'RUNNING'] as const;

export class GoalStore extends TenantStore {
  /** The same tenant's store inside a transaction. */
  in(tx: Executor): GoalStore {
    return new GoalStore(tx, this.tenantId);
  }

  private key(goalId: string): SQL {
    return and(eq(goal.id, goalId), eq(goal.tenantId, this.tenantId)) as SQL;
  }

  /** True while the goal is RUNNING: a condition for statements that must not outlive a cancel. */
  runningCondition(goalId: string): SQL {
    return sql`exists (select 1 from ${goal} where ${this.key(goalId)} and ${goal.status} = 'RUNNING')`;
  }

  async insert(values: NewGoal): Promise<Goal> {
    const [row] = await this.db
      .insert(goal)
      .values({ ...values, tenantId: this.tenantId })
      .returning();
    return row;
  }

  list(limit = 200): Promise<Goal[]> {
    return this.db
      .select()
      .from(goal)
      .where(eq(goal.tenantId, this.tenantId))
      .orderBy(desc(goal.createdAt), desc(goal.id))
      .limit(limit);
  }

  async find(goalId: string): Promise<Goal | null> {
    const [row] = await this.db.select().from(goal).where(this.key(goalId));
    return row ?? null;
  }

  steps(goalId: string): Promise<GoalStep[]> {
    return this.db
      .select()
      .from(goalStep)
      .where(and(eq(goalStep.goalId, goalId), eq(goalStep.tenantId, this.tenantId)))
      .orderBy(asc(goalStep.stepNumber));
  }

  /** Applies `set` to the goal when it is in one of `statuses` (all when absent); the row after, or null. */
  async update(goalId: string, set: GoalChanges, statuses?: readonly Goal['status'][]): Promise<Goal | null> {
    const [row] = await this.db
      .update(goal)
      .set(set)
      .where(and(this.key(goalId), statuses ? inArray(goal.status, statuses) : undefined))
      .returning();
    return row ?? null;
  }

  /** Takes the goal for a delivery: a QUEUED goal for execute-goal, a RUNNING one with a retry due for retry-goal. */
  async claim(goalId: string, trigger: 'execute' | 'retry', at: Date): Promise<Goal | null> {
    const where =
      trigger === 'execute'
        ? and(this.key(goalId), eq(goal.status, 'QUEUED'))
        : and(this.key(goalId), eq(goal.status, 'RUNNING'), isNotNull(goal.nextRetryAt));
    const set = trigger === 'execute' ? { status: 'RUNNING' as const, startedAt: at } : { nextRetryAt: null };
    const [row] = await this.db.update(goal).set(set).where(where).returning();
    return row ?? null;
  }

  updateStep(stepId: string, set: StepChanges): Promise<unknown> {
    return this.db
      .update(goalStep)
      .set(set)
      .where(and(eq(goalStep.id, stepId), eq(goalStep.tenantId, this.tenantId)));
  }

  /** Starts an attempt of the step, only while its goal still runs; false when the goal was stopped. */
  async startStep(goalId: string, stepId: string, set: StepChanges): Promise<boolean> {
    const rows = await this.db
      .update(goalStep)
      .set(set)
      .where(and(eq(goalStep.id, stepId), eq(goalStep.tenantId, this.tenantId), this.runningCondition(goalId)))
      .returning({ id: goalStep.id });
    return rows.length > 0;
  }

  /** The open steps of the goal become CANCELLED. */
  cancelOpenSteps(goalId: string, error: string, at: Date): Promise<unknown> {
    return this.db
      .update(goalStep)
      .set({ status: 'CANCELLED', error, completedAt: at })
      .where(
        and(eq(goalStep.goalId, goalId), eq(goalStep.tenantId, this.tenantId), inArray(goalStep.status, openStatuses)),
      );
  }

  /** Adds the planned steps (a step already stored for its number is kept). */
  insertSteps(goalId: string, steps: { agentSlug: string; input: string }[]): Promise<unknown> {
    return this.db
      .insert(goalStep)
      .values(
        steps.map((s, i) => ({
          tenantId: this.tenantId,
          goalId,
          stepNumber: i + 1,
          agentSlug: s.agentSlug,
          inputText: s.input,
        })),
      )
      .onConflictDoNothing();
  }

  /** The first step of the goal that was started and is still RUNNING (what an interrupted process was doing). */
  async runningStep(goalId: string): Promise<GoalStep | undefined> {
    const [step] = await this.db
      .select()
      .from(goalStep)
      .where(
        and(
          eq(goalStep.goalId, goalId),
          eq(goalStep.tenantId, this.tenantId),
          eq(goalStep.status, 'RUNNING'),
          isNotNull(goalStep.startedAt),
        ),
      )
      .orderBy(asc(goalStep.stepNumber))
      .limit(1);
    return step;
  }
}

/** Goal leases across every tenant (the system handle): renewed by the process executing them, swept after a crash. */
export class GoalLeases {
  constructor(private readonly db: Executor) {}

  /** Moves the leases of these goals (this process's executing goals) to now. */
  async renew(goalIds: string[]): Promise<void> {
    if (!goalIds.length) return;
    await this.db
      .update(goal)
      .set({ updatedAt: sql`now()` })
      .where(and(inArray(goal.id, goalIds), eq(goal.status, 'RUNNING'), isNull(goal.nextRetryAt)));
  }

  /** RUNNING goals whose lease expired, or whose retry is overdue by more than a lease, except `exclude`. */
  abandoned(leaseSeconds: number, exclude: string[], limit = 100) {
    return this.db
      .select({ id: goal.id, tenantId: goal.tenantId, attempts: goal.attempts, nextRetryAt: goal.nextRetryAt })
      .from(goal)
      .where(
        and(
          eq(goal.status, 'RUNNING'),
          exclude.length ? notInArray(goal.id, exclude) : undefined,
          or(
            and(isNull(goal.nextRetryAt), leaseExpired(goal.updatedAt, leaseSeconds)),
            lt(goal.nextRetryAt, sql`now() - make_interval(secs => ${leaseSeconds})`),
          ),
        ),
      )
      .limit(limit);
  }

  /** Takes an abandoned goal for recovery (one process wins): moves its lease, so no other sweep takes it too. */
  async take(goalId: string, leaseSeconds: number): Promise<Goal | undefined> {
    const [row] = await this.db
      .update(goal)
      .set({ updatedAt: sql`now()` })
      .where(
        and(
          eq(goal.id, goalId),
          eq(goal.status, 'RUNNING'),
          isNull(goal.nextRetryAt),
          leaseExpired(goal.updatedAt, leaseSeconds),
        ),
      )
      .returning();
    return row;
  }
}
