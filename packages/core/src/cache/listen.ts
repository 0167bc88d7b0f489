// Keeps this process in step with the others: applies every change announced on the changes channel (caches
// dropped, cancelled runs aborted), and after the listening connection (re)connects — when changes may have been
// missed — drops every cache and aborts the in-flight runs that were cancelled meanwhile. A system path: it reads
// every organization's cancelled runs through the system handle, on purpose.
import { agentRun, type ChannelListener, type DatabaseHandle, listenChannel } from '@trellis/db';
import { and, eq, inArray } from 'drizzle-orm';
import type { Runtime } from '../runtime';
import { CHANGES_CHANNEL, parseChange } from './changes';

export async function startChangeListener(
  database: DatabaseHandle,
  runtime: Runtime,
  onError: (e: unknown) => void = () => {},
): Promise<ChannelListener> {
  const resync = async () => {
    runtime.caches.clear();
    runtime.mcp.invalidate();
    const ids = [...runtime.inFlight.keys()];
    if (!ids.length) return;
    // System-wide on purpose: these are this process's own runs, whatever their tenant.
    const cancelled = await database.db
      .select({ id: agentRun.id })
      .from(agentRun)
      .where(and(inArray(agentRun.id, ids), eq(agentRun.status, 'CANCELLED')));
    runtime.applyChange({ kind: 'cancel', runIds: cancelled.map((r) => r.id) });
  };
  return listenChannel(database, CHANGES_CHANNEL, {
    onPayload: (payload) => {
      const change = parseChange(payload);
      if (change) runtime.applyChange(change);
    },
    onConnect: () => void resync().catch(onError),
    onError,
  });
}
