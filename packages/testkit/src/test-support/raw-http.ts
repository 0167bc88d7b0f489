// Raw HTTP helpers for wire-level tests: POST JSON with fetch and split an SSE body into its events.

export interface RawSseEvent {
  event?: string;
  data: string;
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

export async function readSse(response: Response): Promise<RawSseEvent[]> {
  const text = await response.text();
  return text
    .split('\n\n')
    .filter((block) => block.trim() !== '')
    .map((block) => {
      const event: RawSseEvent = { data: '' };
      for (const line of block.split('\n')) {
        if (line.startsWith('event: ')) event.event = line.slice('event: '.length);
        else if (line.startsWith('data: ')) event.data = line.slice('data: '.length);
        else throw new Error(`unexpected SSE line: ${line}`);
      }
      return event;
    });
}

/** The JSON payloads of SSE events, skipping non-JSON sentinels such as `[DONE]`. */
export function jsonData<T = Record<string, unknown>>(events: RawSseEvent[]): T[] {
  return events.filter((event) => event.data.startsWith('{')).map((event) => JSON.parse(event.data) as T);
}
