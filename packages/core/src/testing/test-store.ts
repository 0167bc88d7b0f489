// Test cases' and suite runs' data access, bound to one tenant: an agent's cases (by tags), a suite run and its
// progress, and each case's result in a suite (one per case, so a retried suite job skips what it already ran).
import {
  type AgentTestCase,
  type AgentTestSuiteRun,
  agentTestCase,
  agentTestRun,
  agentTestSuiteRun,
} from '@trellis/db';
import { and, arrayOverlaps, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { TenantStore } from '../tenant-store';

type CaseValues = Omit<typeof agentTestCase.$inferInsert, 'id' | 'tenantId' | 'agentId'>;
type ResultValues = Omit<typeof agentTestRun.$inferInsert, 'id' | 'tenantId' | 'agentId' | 'suiteRunId' | 'testCaseId'>;

export class TestStore extends TenantStore {
  private caseKey(agentId: string, caseId: string) {
    return and(
      eq(agentTestCase.tenantId, this.tenantId),
      eq(agentTestCase.agentId, agentId),
      eq(agentTestCase.id, caseId),
    );
  }

  /** The agent's cases, oldest first; with `tags`, those carrying any of them. */
  cases(agentId: string, tags?: readonly string[]): Promise<AgentTestCase[]> {
    return this.db
      .select()
      .from(agentTestCase)
      .where(
        and(
          eq(agentTestCase.tenantId, this.tenantId),
          eq(agentTestCase.agentId, agentId),
          tags?.length ? arrayOverlaps(agentTestCase.tags, [...tags]) : undefined,
        ),
      )
      .orderBy(asc(agentTestCase.createdAt), asc(agentTestCase.id));
  }

  async testCase(agentId: string, caseId: string): Promise<AgentTestCase | undefined> {
    const [row] = await this.db.select().from(agentTestCase).where(this.caseKey(agentId, caseId));
    return row;
  }

  async insertCase(agentId: string, values: CaseValues): Promise<AgentTestCase> {
    const [row] = await this.db
      .insert(agentTestCase)
      .values({ ...values, tenantId: this.tenantId, agentId })
      .returning();
    return row;
  }

  async updateCase(agentId: string, caseId: string, values: Partial<CaseValues>) {
    const [row] = await this.db
      .update(agentTestCase)
      .set({ ...values, updatedAt: new Date() })
      .where(this.caseKey(agentId, caseId))
      .returning();
    return row;
  }

  async deleteCase(agentId: string, caseId: string): Promise<boolean> {
    const rows = await this.db
      .delete(agentTestCase)
      .where(this.caseKey(agentId, caseId))
      .returning({ id: agentTestCase.id });
    return rows.length > 0;
  }

  async insertSuiteRun(values: Omit<typeof agentTestSuiteRun.$inferInsert, 'id' | 'tenantId'>) {
    const [row] = await this.db
      .insert(agentTestSuiteRun)
      .values({ ...values, tenantId: this.tenantId })
      .returning();
    return row;
  }

  async suiteRun(suiteRunId: string, agentId?: string): Promise<AgentTestSuiteRun | undefined> {
    const [row] = await this.db
      .select()
      .from(agentTestSuiteRun)
      .where(
        and(
          eq(agentTestSuiteRun.tenantId, this.tenantId),
          eq(agentTestSuiteRun.id, suiteRunId),
          agentId ? eq(agentTestSuiteRun.agentId, agentId) : undefined,
        ),
      );
    return row;
  }

  suiteRuns(agentId: string, limit: number): Promise<AgentTestSuiteRun[]> {
    return this.db
      .select()
      .from(agentTestSuiteRun)
      .where(and(eq(agentTestSuiteRun.tenantId, this.tenantId), eq(agentTestSuiteRun.agentId, agentId)))
      .orderBy(desc(agentTestSuiteRun.createdAt))
      .limit(limit);
  }

  setSuiteRun(suiteRunId: string, values: Partial<typeof agentTestSuiteRun.$inferInsert>): Promise<unknown> {
    return this.db
      .update(agentTestSuiteRun)
      .set(values)
      .where(and(eq(agentTestSuiteRun.tenantId, this.tenantId), eq(agentTestSuiteRun.id, suiteRunId)));
  }

  /** Records one case's result in a suite and counts it (once: a repeat of the same case changes nothing). */
  async recordResult(suite: AgentTestSuiteRun, testCaseId: string, values: ResultValues): Promise<void> {
    const inserted = await this.db
      .insert(agentTestRun)
      .values({ ...values, tenantId: this.tenantId, agentId: suite.agentId, suiteRunId: suite.id, testCaseId })
      .onConflictDoNothing({ target: [agentTestRun.suiteRunId, agentTestRun.testCaseId] })
      .returning({ id: agentTestRun.id });
    if (!inserted.length) return;
    await this.db
      .update(agentTestSuiteRun)
      .set({
        done: sql`${agentTestSuiteRun.done} + 1`,
        passed: sql`${agentTestSuiteRun.passed} + ${values.passed ? 1 : 0}`,
        failed: sql`${agentTestSuiteRun.failed} + ${values.passed ? 0 : 1}`,
      })
      .where(and(eq(agentTestSuiteRun.tenantId, this.tenantId), eq(agentTestSuiteRun.id, suite.id)));
  }

  /** Whether the test-case run of each of `runIds` passed. */
  verdictsOf(runIds: string[]) {
    if (!runIds.length) return Promise.resolve([]);
    return this.db
      .select({ runId: agentTestRun.runId, passed: agentTestRun.passed })
      .from(agentTestRun)
      .where(and(eq(agentTestRun.tenantId, this.tenantId), inArray(agentTestRun.runId, runIds)));
  }

  /** A suite run's results with their cases' names, in case order. */
  results(suiteRunId: string) {
    return this.db
      .select({
        testCaseId: agentTestRun.testCaseId,
        name: agentTestCase.name,
        pinned: agentTestCase.pinned,
        runId: agentTestRun.runId,
        passed: agentTestRun.passed,
        score: agentTestRun.score,
        outputText: agentTestRun.outputText,
        durationMs: agentTestRun.durationMs,
        error: agentTestRun.error,
        createdAt: agentTestRun.createdAt,
      })
      .from(agentTestRun)
      .innerJoin(agentTestCase, eq(agentTestCase.id, agentTestRun.testCaseId))
      .where(and(eq(agentTestRun.tenantId, this.tenantId), eq(agentTestRun.suiteRunId, suiteRunId)))
      .orderBy(asc(agentTestCase.createdAt), asc(agentTestCase.id));
  }
}
