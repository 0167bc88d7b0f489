// Starts the job system of one process: pg-boss in the application database with every queue and schedule, the
// JobQueue on `runtime.jobs`, crash recovery of the runs, goals and workflow runs left in flight, the lease
// supervisor, and (unless the worker is off) the handlers. Used by the server (worker inline or off) and by
// `trellis worker` (worker process).
import type { DatabaseHandle } from '@trellis/db';
import type { PgBoss } from 'pg-boss';
import { alertInterrupted, type Interrupted } from '../alerts/system';
import { type GoalRecovery, recoverInterruptedGoals } from '../goals/recovery';
import { failInterruptedRuns } from '../runs/recovery';
import type { Runtime } from '../runtime';
import { recoverInterruptedWorkflows } from '../workflows/recovery';
import { registerHandlers } from './handlers';
import type { JobLog } from './log';
import { createBoss, ensureQueues, PgBossJobQueue } from './pg-boss-queue';
import { jobId, type WorkerMode } from './queue';
import { type Supervisor, startSupervisor } from './supervisor';

export interface JobSystemOptions {
  database: DatabaseHandle;
  runtime: Runtime;
  worker: WorkerMode;
  /** A run in flight whose lease (updatedAt) is older than this has no live owner and is failed as INTERRUPTED. */
  leaseSeconds: number;
  log: JobLog;
}

export interface JobSystem {
  queue: PgBossJobQueue;
  boss: PgBoss;
  supervisor: Supervisor;
  /** Runs failed as INTERRUPTED when this process started. */
  recoveredAtStart: number;
  /** Goals whose executing process was gone when this process started (retried or failed). */
  goalsRecoveredAtStart: number;
  stop(): Promise<void>;
}

export async function startJobSystem(options: JobSystemOptions): Promise<JobSystem> {
  const { database, runtime, worker, leaseSeconds, log } = options;
  const boss = createBoss(database, { schedule: worker !== 'off' });
  boss.on('error', (e) => log.error('pg-boss', e));
  await boss.start();
  await ensureQueues(boss);
  const queue = new PgBossJobQueue(boss, database.kind, worker);
  runtime.jobs = queue;

  // Alerting is best effort: a failure is logged and never stops recovery.
  const alert = (items: Interrupted[]) =>
    alertInterrupted(database.db, runtime, items).catch((e) => log.error('interruption alert', e));
  const sendCompleted = async (runs: { id: string; tenantId: string; agentId: string | null }[]) => {
    for (const r of runs) {
      await queue.send('run-completed', { runId: r.id, tenantId: r.tenantId }, { id: jobId('run-completed', r.id) });
    }
    await alert(runs.map((r) => ({ ...r, kind: 'run' as const })));
  };
  // Embedded PGlite is one process, so at start every run still in flight was interrupted; on PostgreSQL only the
  // runs whose owner stopped renewing their lease are.
  const startLease = database.kind === 'pglite' ? 0 : leaseSeconds;
  const interrupted = await failInterruptedRuns(database.db, { leaseSeconds: startLease });
  await sendCompleted(interrupted);
  if (interrupted.length) log.warn(`${interrupted.length} run(s) interrupted by a previous stop were marked FAILED`);
  const onGoals = async ({ interrupted: goals }: GoalRecovery) => {
    if (!goals.length) return;
    log.warn(`${goals.length} goal(s) interrupted by a stopped process were retried or failed`);
    await alert(goals.map((g) => ({ tenantId: g.tenantId, agentId: null, kind: 'goal' as const, id: g.id })));
  };
  const goals = await recoverInterruptedGoals(database.db, runtime, { leaseSeconds: startLease });
  await onGoals(goals);
  const onWorkflows = async (runs: { id: string; tenantId: string }[]) => {
    log.warn(`${runs.length} workflow run(s) interrupted by a stopped process are resumed`);
    await alert(runs.map((r) => ({ tenantId: r.tenantId, agentId: null, kind: 'workflow' as const, id: r.id })));
  };
  const workflows = await recoverInterruptedWorkflows(database.db, runtime, { leaseSeconds: startLease });
  if (workflows.length) await onWorkflows(workflows);

  if (worker !== 'off') {
    const deps = { db: database.db, runtime, jobs: queue, boss, log };
    await registerHandlers(boss, deps, database.kind === 'pglite' ? 1 : 4);
  }
  queue.running = true;
  const supervisor = startSupervisor({
    db: database.db,
    runtime,
    leaseSeconds,
    onInterrupted: sendCompleted,
    onGoalsRecovered: onGoals,
    onWorkflowsResumed: onWorkflows,
    onError: (e) => log.error('lease supervisor', e),
  });

  return {
    queue,
    boss,
    supervisor,
    recoveredAtStart: interrupted.length,
    goalsRecoveredAtStart: goals.interrupted.length,
    async stop() {
      supervisor.stop();
      queue.running = false;
      await boss.stop({ graceful: true, timeout: 10_000 });
      if (runtime.jobs === queue) runtime.jobs = undefined;
    },
  };
}
