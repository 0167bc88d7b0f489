// Server-sent events writer shared by every streaming endpoint: frames events, paces them by
// chunkDelayMs and stops writing as soon as the client goes away.

import { once } from 'node:events';
import type { ServerResponse } from 'node:http';
import { pause } from './http-io';

export interface SseEvent {
  /** Written as an `event:` line when present (Anthropic, OpenAI Responses). */
  event?: string;
  /** Strings are written verbatim (e.g. `[DONE]`); anything else as JSON. */
  data: unknown;
}

export function formatSseEvent({ event, data }: SseEvent): string {
  const payload = typeof data === 'string' ? data : JSON.stringify(data);
  return `${event === undefined ? '' : `event: ${event}\n`}data: ${payload}\n\n`;
}

/** Writes every event; resolves true when the stream was completed, false when the client aborted. */
export async function writeSse(
  res: ServerResponse,
  events: Iterable<SseEvent>,
  chunkDelayMs: number,
  signal: AbortSignal,
): Promise<boolean> {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
  res.flushHeaders();
  let first = true;
  for (const event of events) {
    if (!first && !(await pause(chunkDelayMs, signal))) return false;
    first = false;
    if (signal.aborted) return false;
    if (!res.write(formatSseEvent(event)) && !(await drained(res, signal))) return false;
  }
  if (signal.aborted) return false;
  res.end();
  return true;
}

async function drained(res: ServerResponse, signal: AbortSignal): Promise<boolean> {
  try {
    await once(res, 'drain', { signal });
    return true;
  } catch {
    return false;
  }
}
