/** response_urls: five uses within 30 minutes, each answer checked like a message and then shown. */
import { randomBytes } from 'node:crypto';
import { LIMITS } from '../block-kit-limits.js';
import { checkMessageContent, type Messages } from './messages.js';
import type { RecordedResponse, ResponseUrlContext, Workspace } from './types.js';
import { bool, fail, isObject, ok, type Reply, str } from './wire.js';

const RESPONSE_URL_TTL_MS = 30 * 60_000;
const RESPONSE_URL_MAX_USES = 5;

interface ResponseUrlState extends ResponseUrlContext {
  issuedAt: number;
  uses: number;
}

export class ResponseUrls {
  /** Accepted POSTs to response_urls. */
  readonly responses: RecordedResponse[] = [];
  /** POSTs to response_urls that were refused (unknown, used up, expired, invalid). */
  readonly rejected: (RecordedResponse & { status: number; error: string })[] = [];
  #urls = new Map<string, ResponseUrlState>();

  constructor(
    readonly workspace: Workspace,
    readonly messages: Messages,
  ) {}

  reset(): void {
    this.responses.length = 0;
    this.rejected.length = 0;
    this.#urls.clear();
  }

  issue(context: ResponseUrlContext): string {
    const id = randomBytes(12).toString('hex');
    this.#urls.set(id, { ...context, issuedAt: this.workspace.now(), uses: 0 });
    return `${this.workspace.baseUrl}/response/${id}`;
  }

  post(url: string, id: string, raw: string): Reply {
    const now = this.workspace.now();
    const at = new Date(now);
    let body: Record<string, unknown> = {};
    try {
      const parsed: unknown = raw ? JSON.parse(raw) : {};
      if (isObject(parsed)) body = parsed;
    } catch {
      return this.#reject(url, body, at, 400, 'invalid_payload');
    }
    const state = this.#urls.get(id);
    if (!state) return this.#reject(url, body, at, 404, 'invalid_url');
    if (now - state.issuedAt > RESPONSE_URL_TTL_MS) return this.#reject(url, body, at, 404, 'expired_url');
    if (state.uses >= RESPONSE_URL_MAX_USES) return this.#reject(url, body, at, 404, 'used_url');

    if (!bool(body.delete_original)) {
      const invalid = checkMessageContent(body, LIMITS.postMessageText);
      if (invalid) return this.#reject(url, body, at, 400, invalid.error ?? 'invalid_payload');
    }
    state.uses += 1;
    this.responses.push({ url, body, at });
    this.#apply(state, body);
    return { status: 200, body: ok() };
  }

  #reject(url: string, body: Record<string, unknown>, at: Date, status: number, error: string): Reply {
    this.rejected.push({ url, body, at, status, error });
    return { status, body: fail(error) };
  }

  /** What Slack does with a response_url message: replace/delete the source message, post in channel, or show an ephemeral. */
  #apply(state: ResponseUrlState, body: Record<string, unknown>): void {
    const channel = state.channelId ? this.messages.resolveChannel(state.channelId) : undefined;
    const original = channel && state.messageTs ? this.messages.find(channel, state.messageTs) : undefined;
    if (bool(body.delete_original)) {
      if (original) this.messages.remove(original);
      return;
    }
    if (bool(body.replace_original) && original) {
      const text = str(body.text);
      if (text !== undefined) original.text = text;
      if (Array.isArray(body.blocks)) original.blocks = body.blocks;
      else if (text !== undefined) delete original.blocks;
      this.messages.markEdited(original);
      return;
    }
    if (!channel) return;
    if (body.response_type === 'in_channel') this.messages.post(channel, body);
    else if (state.userId) this.messages.postEphemeralTo(channel, state.userId, body);
  }
}
