// SYSTEM alerts: what the platform itself noticed. Runs, goals and workflow runs interrupted because the process
// executing them stopped (a crash, a kill -9, a lost machine) raise one WARNING per organization, agent and kind per
// UTC hour, however many were interrupted, so a crash loop alerts once an hour rather than once a run.
import type { Db } from '@trellis/db';
import { systemContext } from '../context';
import type { Runtime } from '../runtime';
import { raiseAlert } from './service';

export interface Interrupted {
  tenantId: string;
  /** The run's agent; null for goals, workflow runs and code-defined agents (the alert is then organization-wide). */
  agentId: string | null;
  kind: 'run' | 'goal' | 'workflow';
  id: string;
}

const consequence = {
  run: 'recorded as FAILED with errorCode INTERRUPTED; their cost is counted',
  goal: 'retried from the interrupted step while it has attempts left, else FAILED',
  workflow: 'resumed: the steps that had not completed run again',
};

export async function alertInterrupted(db: Db, runtime: Runtime, items: Interrupted[], now = new Date()) {
  const hour = now.toISOString().slice(0, 13);
  const groups = Map.groupBy(items, (i) => `${i.tenantId}|${i.agentId ?? ''}|${i.kind}`);
  for (const list of groups.values()) {
    const { tenantId, agentId, kind } = list[0];
    const what = list.length === 1 ? `1 ${kind} was` : `${list.length} ${kind}s were`;
    await raiseAlert(systemContext(db, runtime, tenantId, 'supervisor'), {
      agentId,
      severity: 'WARNING',
      source: 'SYSTEM',
      message: `${what} interrupted: the Trellis process executing ${list.length === 1 ? 'it' : 'them'} stopped (${consequence[kind]}).`,
      dedupeKey: `interrupted:${kind}:${agentId ?? 'org'}:${hour}`,
      metadata: { kind, hour, ids: list.slice(0, 50).map((i) => i.id) },
    });
  }
}
