/** Calls to a CRM's HTTP API: JSON in and out, rate limits waited out, and failures in plain words. */

/** A CRM sync could not read what it needs; nothing was changed. The message says what to fix. */
export class CrmError extends Error {
  override readonly name = 'CrmError';
}

/** Waits `ms` before a retry; tests pass one that only records the wait. */
export type Pause = (ms: number) => Promise<void>;

export const realPause: Pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** How often a rate-limited call is tried again before the sync gives up (the next night tries anew). */
const RATE_LIMIT_RETRIES = 5;
const DEFAULT_WAIT_MS = 10_000;

export interface HttpResult {
  status: number;
  body: unknown;
}

/** One call, retried after a 429 for as long as Retry-After says (seconds), a few times at most. */
export async function callApi(crm: string, url: string, init: RequestInit, pause: Pause): Promise<HttpResult> {
  for (let attempt = 0; ; attempt += 1) {
    let response: Response;
    try {
      response = await fetch(url, init);
    } catch (error) {
      throw new CrmError(`${crm} could not be reached at ${new URL(url).origin} (${(error as Error).message}); nothing was changed.`, { cause: error });
    }
    const text = await response.text();
    if (response.status === 429 && attempt < RATE_LIMIT_RETRIES) {
      const seconds = Number(response.headers.get('retry-after'));
      await pause(Number.isFinite(seconds) && seconds >= 0 && response.headers.has('retry-after') ? seconds * 1000 : DEFAULT_WAIT_MS);
      continue;
    }
    if (response.status === 429)
      throw new CrmError(`${crm} kept answering "too many requests" after ${RATE_LIMIT_RETRIES} waits; nothing was changed. The next sync tries again.`);
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      // Not JSON: an HTML error page, say; kept as text for the message.
    }
    return { status: response.status, body };
  }
}

/** A short description of an error body for a message: Salesforce's [{errorCode, message}], HubSpot's {category, message}. */
export function errorText(body: unknown): string {
  const first = Array.isArray(body) ? body[0] : body;
  if (first && typeof first === 'object') {
    const o = first as Record<string, unknown>;
    const code = o.errorCode ?? o.category ?? o.error;
    const message = o.message ?? o.error_description;
    return [code, message].filter(Boolean).join(': ');
  }
  return String(body ?? '').slice(0, 200);
}
