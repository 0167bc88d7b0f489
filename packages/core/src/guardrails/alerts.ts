// The guardrail-event job: a GUARDRAIL alert for an event its policy alerts on (blocks by default, or every event).
// Alerts are raised once per agent, guardrail, event type and hour, so a burst of blocked runs is one alert, not
// hundreds; each names the event and run that raised it.
import { raiseAlert } from '../alerts/service';
import type { ServiceContext } from '../context';
import { GuardrailStore } from './guardrail-store';

const verb = { BLOCKED: 'blocked', MODIFIED: 'redacted', FLAGGED: 'flagged' } as const;

export async function alertGuardrailEvent(ctx: ServiceContext, eventId: string) {
  const event = await GuardrailStore.of(ctx).event(eventId);
  if (!event) return { handled: false };
  if (event.scanJson?.alert !== true) return { handled: true, alerted: false };
  const hour = event.createdAt.toISOString().slice(0, 13);
  const alert = await raiseAlert(ctx, {
    agentId: event.agentId,
    severity: event.type === 'BLOCKED' ? 'WARNING' : 'INFO',
    source: 'GUARDRAIL',
    message: `Guardrail ${event.guardrailKey} ${verb[event.type]} a run: ${event.reason ?? ''}`.trim(),
    dedupeKey: `guardrail:${event.agentId ?? '-'}:${event.guardrailKey}:${event.type}:${hour}`,
    metadata: { eventId: event.id, runId: event.runId, guardrailKey: event.guardrailKey, type: event.type },
  });
  return { handled: true, alerted: alert !== null };
}
