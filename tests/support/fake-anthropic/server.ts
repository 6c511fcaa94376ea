/**
 * A fake Anthropic Messages API on 127.0.0.1 (random port), for driving the real `@anthropic-ai/sdk`
 * client: POST /v1/messages with the key (`x-api-key` or a bearer token), answered in the API's own shapes. Each request takes
 * the next scripted answer; a script is a function of the request, so a test can answer a tool call
 * with text built from the tool result the app sent back.
 *
 * Failures are the API's: 429 rate_limit_error and 529 overloaded_error, with `retry-after-ms` so
 * the SDK's own retries do not wait in tests. A request with nothing scripted is answered 500 with
 * `x-should-retry: false` and recorded in `unexpected`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

interface ContentBlock {
  type: string;
  text?: string;
  id?: string;
  name?: string;
  input?: unknown;
  tool_use_id?: string;
  content?: unknown;
  is_error?: boolean;
}

export interface MessagesRequest {
  model: string;
  max_tokens: number;
  system?: string;
  tools?: { name: string }[];
  messages: { role: 'user' | 'assistant'; content: string | ContentBlock[] }[];
  /** The key the request carried: `x-api-key`, or `Authorization: Bearer` (which this SDK sends). */
  apiKey: string | undefined;
}

type Answer = { kind: 'message'; content: ContentBlock[]; stopReason: 'end_turn' | 'tool_use' } | { kind: 'failure'; status: 429 | 529 | 500 };
export type Script = (request: MessagesRequest) => Answer;

/** A text reply; `write` may read the request (the figures the app returned for the tool calls). */
export const replyText =
  (write: string | ((request: MessagesRequest) => string)): Script =>
  (request) => ({ kind: 'message', content: [{ type: 'text', text: typeof write === 'string' ? write : write(request) }], stopReason: 'end_turn' });

/** A get_figures call for these ids. */
export const askFigures =
  (...ids: string[]): Script =>
  () => ({
    kind: 'message',
    content: [{ type: 'tool_use', id: `toolu_${ids.join('_').replace(/\W/g, '')}`, name: 'get_figures', input: { ids } }],
    stopReason: 'tool_use',
  });

export const failWith =
  (status: 429 | 529 | 500): Script =>
  () => ({ kind: 'failure', status });

/** The figures the app returned in the newest tool result of a request, by id. */
export function figuresIn(request: MessagesRequest): Record<string, number | string> {
  for (const message of [...request.messages].reverse()) {
    if (typeof message.content === 'string') continue;
    const result = message.content.find((b) => b.type === 'tool_result');
    if (result) return JSON.parse(String(result.content)) as Record<string, number | string>;
  }
  return {};
}

const ERROR_TYPES = { 429: 'rate_limit_error', 529: 'overloaded_error', 500: 'api_error' } as const;

export class FakeMessagesApi {
  /** Pass as `ANTHROPIC_BASE_URL`. */
  readonly baseUrl: string;
  readonly requests: MessagesRequest[] = [];
  /** Requests that arrived with nothing scripted for them. */
  readonly unexpected: MessagesRequest[] = [];
  readonly #server: Server;
  readonly #scripts: Script[] = [];

  private constructor(server: Server) {
    this.#server = server;
    this.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  static async start(): Promise<FakeMessagesApi> {
    let fake: FakeMessagesApi | undefined;
    const server = createServer((req, res) => {
      void fake?.handle(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fake = new FakeMessagesApi(server);
    return fake;
  }

  /** Queues answers for the next requests, in order. */
  script(...scripts: Script[]): void {
    this.#scripts.push(...scripts);
  }

  /** Forgets what was asked and scripted, between tests. */
  reset(): void {
    this.requests.length = 0;
    this.unexpected.length = 0;
    this.#scripts.length = 0;
  }

  get pending(): number {
    return this.#scripts.length;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (req.method !== 'POST' || req.url?.split('?')[0] !== '/v1/messages') {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ type: 'error', error: { type: 'not_found_error', message: req.url } }));
      return;
    }
    const header = req.headers['x-api-key'];
    const apiKey = (Array.isArray(header) ? header[0] : header) ?? req.headers.authorization?.replace(/^Bearer /, '');
    const request: MessagesRequest = { ...(JSON.parse(Buffer.concat(chunks).toString('utf8')) as MessagesRequest), apiKey };
    this.requests.push(request);
    const script = this.#scripts.shift();
    if (!script) {
      this.unexpected.push(request);
      res.writeHead(500, { 'content-type': 'application/json', 'x-should-retry': 'false' });
      res.end(JSON.stringify({ type: 'error', error: { type: 'api_error', message: 'nothing scripted for this request' } }));
      return;
    }
    const answer = script(request);
    if (answer.kind === 'failure') {
      res.writeHead(answer.status, { 'content-type': 'application/json', 'retry-after-ms': '1' });
      res.end(JSON.stringify({ type: 'error', error: { type: ERROR_TYPES[answer.status], message: 'scripted failure' } }));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json', 'request-id': `req_${this.requests.length}` });
    res.end(
      JSON.stringify({
        id: `msg_${this.requests.length}`,
        type: 'message',
        role: 'assistant',
        model: request.model,
        content: answer.content.map((block) => (block.type === 'text' ? { ...block, citations: null } : block)),
        stop_reason: answer.stopReason,
        stop_sequence: null,
        usage: { input_tokens: 100, output_tokens: 50 },
      }),
    );
  }
}
