// Ownership of executing workflow runs after a crash, like goals (goals/recovery.ts): a RUNNING run is executed by
// some process, which renews its lease (updatedAt) while the run is in its `runtime.inFlightWorkflows`. A run whose
// lease is older than the lease period lost its process: execute-workflow is sent again with that stale lease, and
// the delivery that takes it resumes the run from the steps it had not completed (the interrupted step runs again;
// its old run was failed as INTERRUPTED by run recovery). A QUEUED run older than a lease gets its first job sent
// again (the same job id: a no-op when that job exists). System-wide (every tenant): at start and from the supervisor.
import type { Db } from '@trellis/db';
import { jobId } from '../jobs/queue';
import type { Runtime } from '../runtime';
import { WorkflowLeases } from './store';

/** Moves the leases of these workflow runs (this process's executing runs) to now. */
export function renewWorkflowLeases(db: Db, runIds: string[]): Promise<void> {
  return new WorkflowLeases(db).renew(runIds);
}

export interface WorkflowRecoveryOptions {
  /** Resume runs whose lease is older than this; 0 resumes every executing run (a single-process start). */
  leaseSeconds: number;
  /** Runs this process executes right now, never resumed. */
  exclude?: string[];
}

/** Sends the jobs that resume abandoned runs (or start forgotten queued ones); returns the runs resumed. */
export async function recoverInterruptedWorkflows(
  db: Db,
  runtime: Runtime,
  { leaseSeconds, exclude = [] }: WorkflowRecoveryOptions,
): Promise<{ id: string; tenantId: string }[]> {
  const jobs = runtime.jobs;
  if (!jobs) return [];
  const resumed: { id: string; tenantId: string }[] = [];
  for (const run of await new WorkflowLeases(db).abandoned(leaseSeconds, exclude)) {
    const payload = { tenantId: run.tenantId, workflowRunId: run.id };
    if (run.status === 'QUEUED') {
      await jobs.send('execute-workflow', payload, { id: jobId('execute-workflow', run.id) });
      continue;
    }
    // One job per stale lease: sweeps that see the same stale lease send it once; the claim lets one delivery win.
    const lease = run.updatedAt.toISOString();
    await jobs.send('execute-workflow', { ...payload, lease }, { id: jobId('execute-workflow', `${run.id}:${lease}`) });
    resumed.push({ id: run.id, tenantId: run.tenantId });
  }
  return resumed;
}
