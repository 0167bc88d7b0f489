// LISTEN on a notification channel of either database: PGlite's own listen in the embedded database, or a dedicated
// PostgreSQL connection that reconnects with backoff. `onConnect` fires on every (re)connect, because whatever was
// notified while the connection was down is lost.
import pg from 'pg';
import type { DatabaseHandle } from './client';

export interface ChannelListener {
  stop(): Promise<void>;
}

export interface ListenHandlers {
  onPayload: (payload: string | undefined) => void;
  onConnect?: () => void;
  onError?: (e: unknown) => void;
}

export async function listenChannel(
  database: DatabaseHandle,
  channel: string,
  handlers: ListenHandlers,
): Promise<ChannelListener> {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`listenChannel: invalid channel name '${channel}'`);
  if (database.kind === 'pglite' && database.pglite) {
    const unlisten = await database.pglite.listen(channel, handlers.onPayload);
    handlers.onConnect?.();
    return { stop: () => unlisten() };
  }
  if (!database.url) throw new Error('listenChannel: a PostgreSQL handle needs its url');
  return listenOnPostgres(database.url, channel, handlers);
}

const FIRST_BACKOFF_MS = 100;
const MAX_BACKOFF_MS = 5000;

async function listenOnPostgres(url: string, channel: string, handlers: ListenHandlers): Promise<ChannelListener> {
  let client: pg.Client | undefined;
  let stopped = false;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let backoff = FIRST_BACKOFF_MS;

  const connect = async () => {
    const c = new pg.Client({ connectionString: url, application_name: `trellis-listen-${channel}` });
    c.on('notification', (n) => {
      if (n.channel === channel) handlers.onPayload(n.payload);
    });
    c.on('error', (e) => {
      handlers.onError?.(e);
      reconnect(c);
    });
    c.on('end', () => reconnect(c));
    try {
      await c.connect();
      await c.query(`LISTEN ${channel}`);
    } catch (e) {
      c.end().catch(() => undefined);
      throw e;
    }
    client = c;
    backoff = FIRST_BACKOFF_MS;
    handlers.onConnect?.();
  };

  const schedule = () => {
    retry = setTimeout(() => {
      retry = undefined;
      if (stopped) return;
      connect().catch((e) => {
        handlers.onError?.(e);
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
        schedule();
      });
    }, backoff);
    retry.unref();
  };

  const reconnect = (dead: pg.Client) => {
    if (stopped || client !== dead) return;
    client = undefined;
    dead.end().catch(() => undefined);
    schedule();
  };

  await connect();
  return {
    stop: async () => {
      stopped = true;
      if (retry) clearTimeout(retry);
      const c = client;
      client = undefined;
      await c?.end().catch(() => undefined);
    },
  };
}
