// Continuous learning's data access, bound to one tenant: an agent's policy, its signals (attached to a session once
// consumed), sessions, proposals, experiments with their arms' runs, approvals and daily learning metrics.
import {
  agent,
  agentEvaluation,
  agentFeedback,
  agentRun,
  agentVersion,
  type LearningExperiment,
  type LearningPolicy,
  type LearningProposal,
  type LearningSession,
  type LearningSignal,
  learningApproval,
  learningExperiment,
  learningMetricDaily,
  learningPolicy,
  learningProposal,
  learningSession,
  learningSignal,
} from '@trellis/db';
import { and, asc, desc, eq, gte, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { TenantStore } from '../tenant-store';

type Owned = 'id' | 'tenantId' | 'agentId' | 'createdAt' | 'updatedAt';
type PolicyFields = Partial<Omit<typeof learningPolicy.$inferInsert, Owned>>;
type SignalValues = Omit<typeof learningSignal.$inferInsert, 'id' | 'tenantId' | 'agentId' | 'createdAt'>;
type ProposalValues = Omit<typeof learningProposal.$inferInsert, 'id' | 'tenantId' | 'createdAt' | 'updatedAt'>;
type ExperimentValues = Omit<typeof learningExperiment.$inferInsert, 'id' | 'tenantId' | 'createdAt' | 'updatedAt'>;
type ApprovalValues = Omit<typeof learningApproval.$inferInsert, 'id' | 'tenantId' | 'createdAt'>;

const toNumber = (x: unknown) => (x === null || x === undefined ? null : Number(x));

/**
 * A signal about a run of its agent's current version: signals of a version since replaced (a score that arrived
 * after a promotion) never start or feed a session.
 */
export const ofCurrentVersion = sql`exists (select 1 from ${agentRun} r join ${agent} a on a.id = r.agent_id
  join ${agentVersion} v on v.id = r.version_id where r.id = ${learningSignal.runId} and v.version = a.version)`;

/** Minutes from a promoted proposal's first signal (or its session's start, without signals) to its promotion. */
export const minutesToPromotion = sql<number>`extract(epoch from (${learningProposal.promotedAt} - coalesce(
  (select min(s.created_at) from ${learningSignal} s where s.session_id = ${learningProposal.sessionId}),
  (select x.created_at from ${learningSession} x where x.id = ${learningProposal.sessionId})))) / 60`;

/** The key columns every learning table shares. */
type OwnedTable = { tenantId: PgColumn; id: PgColumn; agentId: PgColumn };

export const openSessionStatuses = ['PENDING', 'ANALYZING', 'PROPOSING', 'EXPERIMENTING', 'AWAITING_APPROVAL'] as const;

/** One finished run of an experiment, as the decision reads it. */
export interface ArmRun {
  id: string;
  group: 'BASELINE' | 'CANDIDATE';
  status: string;
  errorCode: string | null;
  durationMs: number | null;
  costUsd: number;
  /** The latest evaluation's scores, null when the run is not scored (yet). */
  scores: Record<string, { score: number; quality?: number }> | null;
}

export class LearningStore extends TenantStore {
  /** One row of a learning table by id in this tenant (and of `agentId`, when given). */
  private one(table: OwnedTable, id: string, agentId?: string): SQL {
    return and(
      eq(table.tenantId, this.tenantId),
      eq(table.id, id),
      agentId ? eq(table.agentId, agentId) : undefined,
    ) as SQL;
  }

  /** The rows of one agent in this tenant. */
  private ofAgent(table: OwnedTable, agentId: string): SQL {
    return and(eq(table.tenantId, this.tenantId), eq(table.agentId, agentId)) as SQL;
  }
  async policy(agentId: string): Promise<LearningPolicy | undefined> {
    const [row] = await this.db.select().from(learningPolicy).where(this.ofAgent(learningPolicy, agentId));
    return row;
  }

  async upsertPolicy(agentId: string, fields: PolicyFields): Promise<LearningPolicy> {
    const [row] = await this.db
      .insert(learningPolicy)
      .values({ ...fields, tenantId: this.tenantId, agentId })
      .onConflictDoUpdate({ target: learningPolicy.agentId, set: { ...fields, updatedAt: new Date() } })
      .returning();
    return row;
  }

  /** Inserts signals; one per run and type (a redelivered job adds nothing). Returns how many were new. */
  async insertSignals(agentId: string, values: SignalValues[]): Promise<number> {
    if (!values.length) return 0;
    const rows = await this.db
      .insert(learningSignal)
      .values(values.map((v) => ({ ...v, tenantId: this.tenantId, agentId })))
      .onConflictDoNothing()
      .returning({ id: learningSignal.id });
    return rows.length;
  }

  /** A run's agent and experiment. */
  async runRoute(runId: string) {
    const [row] = await this.db
      .select({ agentId: agentRun.agentId, experimentId: agentRun.experimentId })
      .from(agentRun)
      .where(this.one(agentRun, runId));
    return row;
  }

  /** What the signal detector reads of a run: its outcome, its latest scores and its feedback. */
  async signalRun(runId: string) {
    const [run] = await this.db
      .select({
        id: agentRun.id,
        agentId: agentRun.agentId,
        runType: agentRun.runType,
        experimentGroup: agentRun.experimentGroup,
        versionId: agentRun.versionId,
        status: agentRun.status,
        errorCode: agentRun.errorCode,
        error: agentRun.error,
        inputText: agentRun.inputText,
        outputText: agentRun.outputText,
        durationMs: agentRun.durationMs,
        costUsd: agentRun.costUsd,
      })
      .from(agentRun)
      .where(this.one(agentRun, runId));
    if (!run) return undefined;
    const [evaluation] = await this.db
      .select({ scores: agentEvaluation.scoresJson })
      .from(agentEvaluation)
      .where(and(eq(agentEvaluation.tenantId, this.tenantId), eq(agentEvaluation.runId, runId)))
      .orderBy(desc(agentEvaluation.createdAt))
      .limit(1);
    const feedback = await this.db
      .select({ thumbs: agentFeedback.thumbs, rating: agentFeedback.rating, comment: agentFeedback.comment })
      .from(agentFeedback)
      .where(and(eq(agentFeedback.tenantId, this.tenantId), eq(agentFeedback.runId, runId)));
    return { ...run, costUsd: Number(run.costUsd ?? 0), scores: evaluation?.scores ?? null, feedback };
  }

  /** The agent's median latency and cost over its last `window` completed live runs (`runs` counted), one run apart. */
  async baseline(agentId: string, exceptRunId: string, window: number) {
    const recent = this.db
      .select({ durationMs: agentRun.durationMs, costUsd: agentRun.costUsd })
      .from(agentRun)
      .where(
        and(
          this.ofAgent(agentRun, agentId),
          eq(agentRun.status, 'COMPLETED'),
          sql`${agentRun.runType} <> 'TEST'`,
          sql`${agentRun.experimentGroup} is distinct from 'CANDIDATE'`,
          sql`${agentRun.id} <> ${exceptRunId}`,
        ),
      )
      .orderBy(desc(agentRun.createdAt))
      .limit(window)
      .as('recent');
    const [row] = await this.db
      .select({
        runs: sql<number>`count(*)::int`,
        latencyP50: sql<number | null>`percentile_cont(0.5) within group (order by ${recent.durationMs})`,
        costP50: sql<number | null>`percentile_cont(0.5) within group (order by ${recent.costUsd})`,
      })
      .from(recent);
    return { runs: row.runs, latencyP50: toNumber(row.latencyP50), costP50: toNumber(row.costP50) };
  }

  /** The agent's latest finished live runs (what a session with no signals of its own looks through). */
  async recentRunIds(agentId: string, limit: number): Promise<string[]> {
    const rows = await this.db
      .select({ id: agentRun.id })
      .from(agentRun)
      .where(
        and(
          this.ofAgent(agentRun, agentId),
          inArray(agentRun.status, ['COMPLETED', 'FAILED']),
          sql`${agentRun.runType} <> 'TEST'`,
          sql`${agentRun.experimentGroup} is distinct from 'CANDIDATE'`,
        ),
      )
      .orderBy(desc(agentRun.createdAt))
      .limit(limit);
    return rows.map((r) => r.id);
  }

  /** Removes a run's unconsumed signal of `type` (feedback turned positive). */
  async withdrawSignal(runId: string, type: LearningSignal['type']): Promise<void> {
    await this.db
      .delete(learningSignal)
      .where(
        and(
          eq(learningSignal.tenantId, this.tenantId),
          eq(learningSignal.runId, runId),
          eq(learningSignal.type, type),
          isNull(learningSignal.sessionId),
        ),
      );
  }

  /** Signals no session has consumed yet, since `since` (all of them without). */
  async unattachedCount(agentId: string, since?: Date): Promise<number> {
    const [row] = await this.db
      .select({ n: sql<number>`count(*)::int` })
      .from(learningSignal)
      .where(
        and(
          this.ofAgent(learningSignal, agentId),
          isNull(learningSignal.sessionId),
          ofCurrentVersion,
          since ? gte(learningSignal.createdAt, since) : undefined,
        ),
      );
    return row.n;
  }

  /** Hands the agent's unattached signals (of its current version, or all) to `sessionId`; returns the session's. */
  async attachSignals(agentId: string, sessionId: string, which: 'current-version' | 'all') {
    await this.db
      .update(learningSignal)
      .set({ sessionId })
      .where(
        and(
          this.ofAgent(learningSignal, agentId),
          isNull(learningSignal.sessionId),
          which === 'current-version' ? ofCurrentVersion : undefined,
        ),
      );
    return this.signalsOf(sessionId);
  }

  signalsOf(sessionId: string) {
    return this.db
      .select()
      .from(learningSignal)
      .where(and(eq(learningSignal.tenantId, this.tenantId), eq(learningSignal.sessionId, sessionId)))
      .orderBy(asc(learningSignal.createdAt));
  }

  recentSignals(agentId: string, limit: number) {
    return this.db
      .select()
      .from(learningSignal)
      .where(this.ofAgent(learningSignal, agentId))
      .orderBy(desc(learningSignal.createdAt))
      .limit(limit);
  }

  async openSession(agentId: string): Promise<LearningSession | undefined> {
    const [row] = await this.db
      .select()
      .from(learningSession)
      .where(and(this.ofAgent(learningSession, agentId), inArray(learningSession.status, [...openSessionStatuses])));
    return row;
  }

  /** A new PENDING session, or null when the agent already has an open one (the partial unique index decides). */
  async createSession(agentId: string, trigger: LearningSession['trigger']): Promise<LearningSession | null> {
    const [row] = await this.db
      .insert(learningSession)
      .values({ tenantId: this.tenantId, agentId, trigger })
      .onConflictDoNothing()
      .returning();
    return row ?? null;
  }

  async session(sessionId: string, agentId?: string): Promise<LearningSession | undefined> {
    const [row] = await this.db
      .select()
      .from(learningSession)
      .where(this.one(learningSession, sessionId, agentId));
    return row;
  }

  /** Moves a session on; with `from`, only when it is still in one of those states (a retried job moves nothing). */
  async updateSession(
    sessionId: string,
    values: Partial<Pick<LearningSession, 'status' | 'summary' | 'error' | 'startedAt' | 'completedAt'>>,
    from?: readonly LearningSession['status'][],
  ): Promise<LearningSession | undefined> {
    const [row] = await this.db
      .update(learningSession)
      .set({ ...values, updatedAt: new Date() })
      .where(and(this.one(learningSession, sessionId), from ? inArray(learningSession.status, [...from]) : undefined))
      .returning();
    return row;
  }

  sessions(agentId: string, limit = 50) {
    return this.db
      .select()
      .from(learningSession)
      .where(this.ofAgent(learningSession, agentId))
      .orderBy(desc(learningSession.createdAt), desc(learningSession.id))
      .limit(limit);
  }

  async insertProposal(values: ProposalValues): Promise<LearningProposal> {
    const [row] = await this.db
      .insert(learningProposal)
      .values({ ...values, tenantId: this.tenantId })
      .returning();
    return row;
  }

  async proposal(proposalId: string, agentId?: string): Promise<LearningProposal | undefined> {
    const [row] = await this.db
      .select()
      .from(learningProposal)
      .where(this.one(learningProposal, proposalId, agentId));
    return row;
  }

  async updateProposal(
    proposalId: string,
    values: Partial<
      Pick<LearningProposal, 'status' | 'gate' | 'candidateVersionId' | 'promotedVersionId' | 'promotedAt'>
    >,
    from?: readonly LearningProposal['status'][],
  ): Promise<LearningProposal | undefined> {
    const [row] = await this.db
      .update(learningProposal)
      .set({ ...values, updatedAt: new Date() })
      .where(
        and(this.one(learningProposal, proposalId), from ? inArray(learningProposal.status, [...from]) : undefined),
      )
      .returning();
    return row;
  }

  proposals(agentId: string, options: { sessionId?: string; limit?: number } = {}) {
    return this.db
      .select()
      .from(learningProposal)
      .where(
        and(
          this.ofAgent(learningProposal, agentId),
          options.sessionId ? eq(learningProposal.sessionId, options.sessionId) : undefined,
        ),
      )
      .orderBy(desc(learningProposal.createdAt), desc(learningProposal.id))
      .limit(options.limit ?? 50);
  }

  proposalsOfSession(sessionId: string) {
    return this.db
      .select()
      .from(learningProposal)
      .where(and(eq(learningProposal.tenantId, this.tenantId), eq(learningProposal.sessionId, sessionId)))
      .orderBy(asc(learningProposal.createdAt));
  }

  /** A new experiment, or null when the agent already runs one (the partial unique index decides). */
  async insertExperiment(values: ExperimentValues): Promise<LearningExperiment | null> {
    const [row] = await this.db
      .insert(learningExperiment)
      .values({ ...values, tenantId: this.tenantId })
      .onConflictDoNothing()
      .returning();
    return row ?? null;
  }

  async experiment(experimentId: string, agentId?: string): Promise<LearningExperiment | undefined> {
    const [row] = await this.db
      .select()
      .from(learningExperiment)
      .where(this.one(learningExperiment, experimentId, agentId));
    return row;
  }

  async experimentOfProposal(proposalId: string): Promise<LearningExperiment | undefined> {
    const [row] = await this.db
      .select()
      .from(learningExperiment)
      .where(and(eq(learningExperiment.tenantId, this.tenantId), eq(learningExperiment.proposalId, proposalId)))
      .orderBy(desc(learningExperiment.createdAt))
      .limit(1);
    return row;
  }

  async runningExperiment(agentId: string): Promise<LearningExperiment | undefined> {
    const [row] = await this.db
      .select()
      .from(learningExperiment)
      .where(and(this.ofAgent(learningExperiment, agentId), eq(learningExperiment.status, 'RUNNING')));
    return row;
  }

  /** The number of an agent version (a candidate's, for its test suite). */
  async versionNumber(versionId: string): Promise<number> {
    const [row] = await this.db
      .select({ version: agentVersion.version })
      .from(agentVersion)
      .where(this.one(agentVersion, versionId));
    return row.version;
  }

  /** The running experiment as run routing needs it: its split and both versions (the candidate's by number). */
  async runningExperimentRoute(agentId: string) {
    const [row] = await this.db
      .select({
        id: learningExperiment.id,
        split: learningExperiment.split,
        baselineVersionId: learningExperiment.baselineVersionId,
        candidateVersionId: agentVersion.id,
        candidateVersion: agentVersion.version,
      })
      .from(learningExperiment)
      .innerJoin(agentVersion, eq(agentVersion.id, learningExperiment.candidateVersionId))
      .where(and(this.ofAgent(learningExperiment, agentId), eq(learningExperiment.status, 'RUNNING')));
    return row;
  }

  /** Updates an experiment; with `from`, only while it is in that state (the conclusion is written once). */
  async updateExperiment(
    experimentId: string,
    values: Partial<Omit<ExperimentValues, 'agentId' | 'proposalId'>>,
    from?: LearningExperiment['status'],
  ): Promise<LearningExperiment | undefined> {
    const [row] = await this.db
      .update(learningExperiment)
      .set({ ...values, updatedAt: new Date() })
      .where(and(this.one(learningExperiment, experimentId), from ? eq(learningExperiment.status, from) : undefined))
      .returning();
    return row;
  }

  experiments(agentId: string, limit = 50) {
    return this.db
      .select()
      .from(learningExperiment)
      .where(this.ofAgent(learningExperiment, agentId))
      .orderBy(desc(learningExperiment.createdAt), desc(learningExperiment.id))
      .limit(limit);
  }

  /** The experiment's finished runs (completed or failed), each with its latest evaluation's scores. */
  async armRuns(experimentId: string): Promise<ArmRun[]> {
    const latest = this.db
      .selectDistinctOn([agentEvaluation.runId], { runId: agentEvaluation.runId, scores: agentEvaluation.scoresJson })
      .from(agentEvaluation)
      .where(eq(agentEvaluation.tenantId, this.tenantId))
      .orderBy(agentEvaluation.runId, desc(agentEvaluation.createdAt))
      .as('latest');
    const rows = await this.db
      .select({
        id: agentRun.id,
        group: agentRun.experimentGroup,
        status: agentRun.status,
        errorCode: agentRun.errorCode,
        durationMs: agentRun.durationMs,
        costUsd: agentRun.costUsd,
        scores: latest.scores,
      })
      .from(agentRun)
      .leftJoin(latest, eq(latest.runId, agentRun.id))
      .where(
        and(
          eq(agentRun.tenantId, this.tenantId),
          eq(agentRun.experimentId, experimentId),
          inArray(agentRun.status, ['COMPLETED', 'FAILED']),
        ),
      )
      .orderBy(asc(agentRun.createdAt));
    return rows.map((r) => ({ ...r, group: r.group ?? 'BASELINE', costUsd: Number(r.costUsd ?? 0) }));
  }

  async insertApproval(values: ApprovalValues) {
    const [row] = await this.db
      .insert(learningApproval)
      .values({ ...values, tenantId: this.tenantId })
      .returning();
    return row;
  }

  /** How the agent's promoted proposals were approved: automatically or by a person. */
  async promotionModes(agentId: string): Promise<{ auto: number; human: number }> {
    const rows = await this.db
      .select({ mode: learningApproval.mode, n: sql<number>`count(*)::int` })
      .from(learningApproval)
      .innerJoin(learningProposal, eq(learningProposal.id, learningApproval.proposalId))
      .where(
        and(
          this.ofAgent(learningApproval, agentId),
          eq(learningApproval.decision, 'APPROVED'),
          eq(learningProposal.status, 'PROMOTED'),
        ),
      )
      .groupBy(learningApproval.mode);
    const of = (mode: string) => rows.find((r) => r.mode === mode)?.n ?? 0;
    return { auto: of('auto'), human: of('human') };
  }

  /** Minutes from each promoted proposal's first signal (or its session's start) to its promotion, in [from, to]. */
  async promotionDelays(agentId: string, from: Date, to: Date): Promise<number[]> {
    const rows = await this.db
      .select({
        minutes: minutesToPromotion,
      })
      .from(learningProposal)
      .where(
        and(
          this.ofAgent(learningProposal, agentId),
          gte(learningProposal.promotedAt, from),
          sql`${learningProposal.promotedAt} <= ${to}`,
        ),
      );
    return rows.map((r) => Number(r.minutes));
  }

  async approval(approvalId: string) {
    const [row] = await this.db.select().from(learningApproval).where(this.one(learningApproval, approvalId));
    return row;
  }

  approvals(proposalIds: string[]) {
    if (!proposalIds.length) return Promise.resolve([]);
    return this.db
      .select()
      .from(learningApproval)
      .where(and(eq(learningApproval.tenantId, this.tenantId), inArray(learningApproval.proposalId, proposalIds)))
      .orderBy(asc(learningApproval.createdAt));
  }

  metrics(agentId: string, from: string, to: string) {
    return this.db
      .select()
      .from(learningMetricDaily)
      .where(this.agentDays(learningMetricDaily, agentId, from, to))
      .orderBy(asc(learningMetricDaily.date));
  }
}
