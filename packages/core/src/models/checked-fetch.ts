// The fetch every provider client uses: a streaming request must be answered with server-sent events. A server that
// answers it with anything else (a proxy returning plain JSON, an HTML error page with status 200) would otherwise be
// read as an empty stream — no text, no usage — and retried step after step; here it fails at once, with the
// provider's own words.
import { APICallError } from '@ai-sdk/provider';

const EXCERPT_CHARS = 500;

/** True when the request asks for a streamed answer (OpenAI/Anthropic `stream: true`, Google `alt=sse`). */
function wantsStream(url: string, init?: RequestInit): boolean {
  if (url.includes(':streamGenerateContent') || url.includes('alt=sse')) return true;
  return typeof init?.body === 'string' && /"stream"\s*:\s*true/.test(init.body);
}

export const checkedFetch: typeof fetch = async (input, init) => {
  const response = await fetch(input, init);
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  if (!response.ok || !wantsStream(url, init)) return response;
  const contentType = response.headers.get('content-type') ?? '';
  if (contentType.includes('text/event-stream')) return response;
  const body = await response.text().catch(() => '');
  const excerpt = body.length > EXCERPT_CHARS ? `${body.slice(0, EXCERPT_CHARS)}…` : body;
  throw new APICallError({
    message: `The provider answered a streaming request with ${contentType || 'no content type'} instead of server-sent events: ${excerpt || '(empty body)'}`,
    url,
    requestBodyValues: undefined,
    statusCode: response.status,
    responseBody: excerpt,
    isRetryable: false,
  });
};
