/** What the fake CRMs share: a server on 127.0.0.1, a log of requests, and answers a test injects (429 with Retry-After, 500, 403). */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: string;
  authorization: string | undefined;
}

export interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

interface Injected extends Answer {
  match: (request: RecordedRequest) => boolean;
  times: number;
}

export type Route = (request: RecordedRequest) => Answer;

export class FakeHttp {
  readonly requests: RecordedRequest[] = [];
  readonly #injected: Injected[] = [];
  #server: Server | null = null;
  url = '';

  constructor(private readonly route: Route) {}

  async start(): Promise<void> {
    this.#server = createServer((req, res) => void this.#handle(req, res));
    await new Promise<void>((resolve) => this.#server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve, reject) => this.#server?.close((error) => (error ? reject(error) : resolve())));
  }

  /** The next `times` requests that match get this answer instead of the API's. */
  inject(match: (request: RecordedRequest) => boolean, answer: Answer, times = 1): void {
    this.#injected.push({ ...answer, match, times });
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://fake');
    const request: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      body: Buffer.concat(chunks).toString('utf8'),
      authorization: req.headers.authorization,
    };
    this.requests.push(request);
    const injected = this.#injected.find((i) => i.times > 0 && i.match(request));
    let answer: Answer;
    if (injected) {
      injected.times -= 1;
      answer = injected;
    } else {
      try {
        answer = this.route(request);
      } catch (error) {
        answer = { status: 400, body: [{ errorCode: 'MALFORMED_QUERY', message: (error as Error).message }] };
      }
    }
    res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
    res.end(JSON.stringify(answer.body));
  }
}
