// Learning's scheduled jobs, across tenants: the six-hourly backstop (a session for every learning agent with
// unconsumed signals and none open), the 15-minute checker sweep (every running experiment, and the promotion of any
// approved proposal whose job was lost), and the daily metrics rollup (yesterday and today by default).
import type { Db } from '@trellis/db';
import { systemContext } from '../context';
import type { Runtime } from '../runtime';
import { checkExperiment } from './checker';
import {
  approvedUnpromoted,
  dueForBackstop,
  recomputeLearningMetrics,
  runningExperiments,
} from './learning-system-store';
import { sendPromotion } from './sends';
import { startSession } from './triggers';

const DAY_MS = 86_400_000;
const dayString = (d: Date) => d.toISOString().slice(0, 10);

export async function scheduledBackstop(db: Db, runtime: Runtime) {
  let started = 0;
  for (const { tenantId, agentId } of await dueForBackstop(db)) {
    const session = await startSession(systemContext(db, runtime, tenantId, 'learning-backstop'), agentId, 'scheduled');
    if (session) started += 1;
  }
  return { started };
}

export async function sweepExperiments(db: Db, runtime: Runtime) {
  const results: Record<string, unknown> = {};
  for (const { tenantId, id } of await runningExperiments(db))
    results[id] = (await checkExperiment(systemContext(db, runtime, tenantId, 'learning-checker'), id)).status;
  for (const { tenantId, id } of await approvedUnpromoted(db))
    await sendPromotion(systemContext(db, runtime, tenantId, 'learning-checker'), id);
  return { checked: results };
}

export async function learningMetricsDaily(db: Db, range: { from?: string; to?: string }, now = new Date()) {
  const to = range.to ?? dayString(now);
  const from = range.from ?? dayString(new Date(new Date(`${to}T00:00:00Z`).getTime() - DAY_MS));
  return { from, to, rows: await recomputeLearningMetrics(db, from, to) };
}
