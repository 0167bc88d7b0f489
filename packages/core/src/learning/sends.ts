// Every job learning sends, with the id that makes the send idempotent: a session's next step and a proposal's
// experiment step (derived from the session or proposal; a poll while the gate runs is deferred instead), the checker
// after runs (one per few-second slot, at the slot's end), an approval's handling and a promotion.
import type { ServiceContext } from '../context';
import { jobId, logSendFailure } from '../jobs/queue';
import { learningConfig } from './config';

type StepJob = 'learning-session-start' | 'learning-signal-extraction' | 'learning-proposal-generation';

export async function sendStep(ctx: ServiceContext, name: StepJob, sessionId: string) {
  await ctx.runtime.jobs
    ?.send(name, { tenantId: ctx.tenantId, sessionId }, { id: jobId(name, sessionId) })
    .catch(logSendFailure(name));
}

/** The learningExperimentRun job of a proposal: at once, or after `seconds` while its gate runs. */
export async function sendExperimentRun(ctx: ServiceContext, proposalId: string, seconds?: number) {
  const payload = { tenantId: ctx.tenantId, proposalId };
  const options = seconds ? { startAfter: seconds } : { id: jobId('learning-experiment-run', proposalId) };
  await ctx.runtime.jobs
    ?.send('learning-experiment-run', payload, options)
    .catch(logSendFailure('learning-experiment-run'));
}

/**
 * The checker of an experiment after a run of it: one check per few-second slot, at the slot's end, so the runs of a
 * slot share one check (the job id names the slot). When this slot's check already exists it may have started before
 * this run was stored, so the next slot's is sent too: every run is followed by a check that starts after it.
 */
export async function sendExperimentCheck(ctx: ServiceContext, experimentId: string) {
  const jobs = ctx.runtime.jobs;
  if (!jobs) return;
  const slotMs = learningConfig.checkDebounceSeconds * 1000;
  const slot = Math.floor(Date.now() / slotMs);
  const send = (s: number) =>
    jobs
      .send(
        'learning-experiment-check',
        { tenantId: ctx.tenantId, experimentId },
        { id: jobId('learning-experiment-check', `${experimentId}:${s}`), startAfter: new Date((s + 1) * slotMs) },
      )
      .catch(logSendFailure('learning-experiment-check'));
  if ((await send(slot)) === null) await send(slot + 1);
}

export async function sendApproval(ctx: ServiceContext, approvalId: string) {
  await ctx.runtime.jobs
    ?.send('learning-approval', { tenantId: ctx.tenantId, approvalId }, { id: jobId('learning-approval', approvalId) })
    .catch(logSendFailure('learning-approval'));
}

export async function sendPromotion(ctx: ServiceContext, proposalId: string) {
  await ctx.runtime.jobs
    ?.send(
      'learning-version-promotion',
      { tenantId: ctx.tenantId, proposalId },
      { id: jobId('learning-version-promotion', proposalId) },
    )
    .catch(logSendFailure('learning-version-promotion'));
}
