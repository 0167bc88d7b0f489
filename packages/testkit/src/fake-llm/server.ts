// The fake LLM HTTP server: routes requests to the protocol modules, records them, hands out scripted turns,
// applies delays and errors, and counts streams the client abandoned.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { anthropic } from './anthropic';
import { answerEmbeddings, EMBEDDINGS_ROUTE } from './embeddings';
import { google } from './google';
import { BadRequestError, pause, readJsonBody, sendJson } from './http-io';
import { answerModels, DEFAULT_MODELS } from './models';
import { openaiChat } from './openai-chat';
import { openaiErrorBody } from './openai-error';
import { openaiResponses } from './openai-responses';
import type { Protocol, ReplyContext, RequestFacts, RouteMatch } from './protocol';
import { echoTurn, lastUserText, resolveTurn, ScriptQueue } from './script';
import { writeSse } from './sse';
import { isRecord } from './transcript';
import type { FakeLlm, FakeTurn, RecordedRequest, StartFakeLlmOptions } from './types';

const PROTOCOLS: Protocol[] = [openaiChat, openaiResponses, anthropic, google];

const HOST = '127.0.0.1';

export async function startFakeLlm(options: StartFakeLlmOptions = {}): Promise<FakeLlm> {
  const server = new FakeLlmServer(options);
  await server.listen(options.port ?? 0);
  return server;
}

class FakeLlmServer implements FakeLlm {
  readonly requests: RecordedRequest[] = [];
  url = '';
  private readonly script = new ScriptQueue();
  private readonly http: Server;
  private readonly models: string[];
  private readonly defaultReply: (lastUserText: string, request: RecordedRequest) => FakeTurn;
  private aborted = 0;
  private ids = 0;
  private closing?: Promise<void>;

  constructor(options: StartFakeLlmOptions) {
    this.models = options.models ?? DEFAULT_MODELS;
    this.defaultReply = options.defaultReply ?? echoTurn;
    this.http = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => failRequest(res, error));
    });
  }

  get openaiBaseURL(): string {
    return `${this.url}/v1`;
  }

  get anthropicBaseURL(): string {
    return `${this.url}/v1`;
  }

  get googleBaseURL(): string {
    return `${this.url}/v1beta`;
  }

  get abortedStreams(): number {
    return this.aborted;
  }

  get pendingTurns(): number {
    return this.script.size;
  }

  enqueue(...turns: FakeTurn[]): void {
    this.script.enqueue(turns);
  }

  reset(): void {
    this.script.clear();
    this.requests.length = 0;
    this.aborted = 0;
  }

  close(): Promise<void> {
    this.closing ??= new Promise<void>((resolve, reject) => {
      this.http.close((error) => (error ? reject(error) : resolve()));
      this.http.closeAllConnections();
    });
    return this.closing;
  }

  async listen(port: number): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.http.once('error', reject);
      this.http.listen(port, HOST, () => {
        this.http.off('error', reject);
        resolve();
      });
    });
    this.url = `http://${HOST}:${(this.http.address() as AddressInfo).port}`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', this.url);
    const models = answerModels(method, url, this.models, unixNow());
    if (models) return sendJson(res, models.status, models.body);

    if (method === 'POST' && url.pathname === EMBEDDINGS_ROUTE) return this.embed(req, res, url);

    const routed = routeRequest(method, url);
    if (!routed) return sendJson(res, 404, openaiErrorBody(404, `Unknown request URL: ${method} ${url.pathname}`));
    const { protocol, route } = routed;

    // Fires when the client hangs up before the response was fully written.
    const hangUp = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) hangUp.abort();
    });

    let body: unknown;
    try {
      body = await readJsonBody(req);
    } catch (error) {
      if (error instanceof BadRequestError) return sendJson(res, 400, protocol.errorBody(400, error.message));
      throw error;
    }
    const bodyRecord = isRecord(body) ? body : {};
    const facts = protocol.inspect(bodyRecord, route);
    const recorded: RecordedRequest = {
      provider: protocol.provider,
      method,
      path: req.url ?? '/',
      headers: { ...req.headers },
      body,
      model: facts.model,
      stream: facts.stream,
    };
    this.requests.push(recorded);

    const turn = this.script.take() ?? this.defaultReply(lastUserText(facts.transcript), recorded);
    const completed = await this.answer(res, protocol, turn, facts, bodyRecord, hangUp.signal);
    if (!completed && facts.stream) this.aborted += 1;
  }

  /** Resolves false when the client went away before the answer was complete. */
  private async answer(
    res: ServerResponse,
    protocol: Protocol,
    turn: FakeTurn,
    facts: RequestFacts,
    body: Record<string, unknown>,
    signal: AbortSignal,
  ): Promise<boolean> {
    if (!(await pause(turn.delayMs ?? 0, signal))) return false;
    if (turn.error) {
      sendJson(res, turn.error.status, protocol.errorBody(turn.error.status, turn.error.message));
      return true;
    }
    const resolved = resolveTurn(turn, facts.transcript);
    const ctx: ReplyContext = { facts, body, createdAt: unixNow(), newId: (prefix) => this.newId(prefix) };
    if (!facts.stream || turn.ignoreStream) {
      sendJson(res, 200, protocol.reply(resolved, ctx));
      return true;
    }
    return writeSse(res, protocol.events(resolved, ctx), resolved.chunkDelayMs, signal);
  }

  /** An embeddings request: recorded like the others, answered at once (scripted turns do not apply). */
  private async embed(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    let body: unknown;
    try {
      body = await readJsonBody(req);
    } catch (error) {
      if (error instanceof BadRequestError) return sendJson(res, 400, openaiErrorBody(400, error.message));
      throw error;
    }
    const model = isRecord(body) && typeof body.model === 'string' ? body.model : '';
    this.requests.push({
      provider: 'openai-embeddings',
      method: 'POST',
      path: url.pathname,
      headers: { ...req.headers },
      body,
      model,
      stream: false,
    });
    const answer = answerEmbeddings(body);
    sendJson(res, answer.status, answer.body);
  }

  private newId(prefix: string): string {
    this.ids += 1;
    return `${prefix}fake${this.ids}`;
  }
}

function routeRequest(method: string, url: URL): { protocol: Protocol; route: RouteMatch } | undefined {
  for (const protocol of PROTOCOLS) {
    const route = protocol.match(method, url);
    if (route) return { protocol, route };
  }
  return undefined;
}

function unixNow(): number {
  return Math.floor(Date.now() / 1000);
}

function failRequest(res: ServerResponse, error: unknown): void {
  if (res.headersSent) {
    res.destroy(error instanceof Error ? error : undefined);
    return;
  }
  sendJson(res, 500, openaiErrorBody(500, `fake LLM server failed: ${String(error)}`));
}
