// What starts a learning session: the threshold trigger (signals.ts), the six-hourly backstop over every learning
// agent with unconsumed signals, and a person (`POST …/learning/sessions`). Never two open sessions per agent (a
// partial unique index decides races), never while learning is paused.
import type { LearningSession } from '@trellis/db';
import { recordAudit } from '../audit/audit-store';
import type { ServiceContext } from '../context';
import { conflict } from '../errors';
import { LearningStore } from './learning-store';
import { learningStateOf } from './routing';
import { sendStep } from './sends';

/**
 * Opens a session unless the agent has one open (then null) and sends its start job. Automatic triggers call it; the
 * manual start (startManualSession) refuses with a reason instead.
 */
export async function startSession(
  ctx: ServiceContext,
  agentId: string,
  trigger: LearningSession['trigger'],
): Promise<LearningSession | null> {
  const session = await LearningStore.of(ctx).createSession(agentId, trigger);
  if (session) await sendStep(ctx, 'learning-session-start', session.id);
  return session;
}

/** `POST …/learning/sessions`: 409 while learning is paused or a session is open. */
export async function startManualSession(ctx: ServiceContext, agentId: string): Promise<LearningSession> {
  const { policy } = await learningStateOf(ctx, agentId);
  if (policy.paused)
    throw conflict('Learning is paused for this agent; resume it to start a session', { paused: true });
  const session = await ctx.db.transaction(async (tx) => {
    const store = LearningStore.of(ctx, tx);
    const created = await store.createSession(agentId, 'manual');
    if (!created) return null;
    await recordAudit(tx, ctx, {
      action: 'learning.session.start',
      entityType: 'learningSession',
      entityId: created.id,
      metadata: { agentId, trigger: 'manual' },
    });
    return created;
  });
  if (!session) {
    const open = await LearningStore.of(ctx).openSession(agentId);
    throw conflict('A learning session is already open for this agent', { sessionId: open?.id });
  }
  await sendStep(ctx, 'learning-session-start', session.id);
  return session;
}
