/** Failures a test asks for (429, HTTP 5xx, ok:false), failures after the work is done, and answers it holds back. */
import type { ApiArgs, Chaos, Failure, FailureFilter, HeldCall, RecordedCall } from './types.js';
import { fail, matchesFilter, type Reply } from './wire.js';

interface FailureRule {
  method: string;
  failure: Failure;
  remaining: number; // Infinity for failAlways
  filter?: FailureFilter;
}

interface HoldRule {
  method: string;
  filter?: FailureFilter;
  arrive: (call: RecordedCall) => void;
  released: Promise<void>;
}

export class InjectedErrors {
  #failures: FailureRule[] = [];
  #afterDone: FailureRule[] = [];
  #chaos = new Map<string, Chaos>();
  #holds: HoldRule[] = [];

  constructor(readonly resolveChannel: (channel: string) => string) {}

  reset(): void {
    this.#failures = [];
    this.#afterDone = [];
    this.#chaos.clear();
    this.#holds = [];
  }

  failNext(method: string, failure: Failure, times: number, filter?: FailureFilter): void {
    this.#failures.push({ method, failure, remaining: times, filter });
  }

  failAlways(method: string, failure: Failure, filter?: FailureFilter): void {
    this.#failures.push({ method, failure, remaining: Number.POSITIVE_INFINITY, filter });
  }

  failNextAfterDoing(method: string, failure: Failure, times: number, filter?: FailureFilter): void {
    this.#afterDone.push({ method, failure, remaining: times, filter });
  }

  chaos(method: string, chaos: Chaos): void {
    this.#chaos.set(method, chaos);
  }

  clearFailures(): void {
    this.#failures = [];
    this.#afterDone = [];
    this.#chaos.clear();
  }

  hold(method: string, filter?: FailureFilter): HeldCall {
    let arrive!: (call: RecordedCall) => void;
    let release!: () => void;
    const arrived = new Promise<RecordedCall>((resolve) => (arrive = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    this.#holds.push({ method, filter, arrive, released });
    return { arrived, release };
  }

  /** The answer to a call that an injected failure replaces, if one matches (and is used up by it). */
  takeFailure(method: string, args: ApiArgs): Reply | undefined {
    const rule = this.#failures.find((r) => r.method === method && r.remaining > 0 && matchesFilter(r.filter, args, this.resolveChannel));
    if (!rule) return undefined;
    rule.remaining -= 1;
    if (rule.remaining <= 0) this.#failures = this.#failures.filter((r) => r !== rule);
    return failureReply(rule.failure);
  }

  /** For a call that was carried out: the failure that replaces its answer, 'hang' for no answer ever, or nothing. */
  afterDone(method: string, args: ApiArgs): Reply | 'hang' | undefined {
    const rule = this.#afterDone.find((r) => r.method === method && r.remaining > 0 && matchesFilter(r.filter, args, this.resolveChannel));
    if (rule) {
      rule.remaining -= 1;
      if (rule.remaining <= 0) this.#afterDone = this.#afterDone.filter((r) => r !== rule);
      return failureReply(rule.failure);
    }
    const chaos = this.#chaos.get(method);
    if (!chaos) return undefined;
    const draw = chaos.random();
    if (draw < chaos.hang) return 'hang';
    if (draw < chaos.hang + chaos.failAfterDoing) return failureReply(chaos.failure ?? { kind: 'http', status: 500 });
    return undefined;
  }

  /** Resolves once a matching hold (if any) is released; the hold applies to one call only. */
  async waitForRelease(call: RecordedCall): Promise<void> {
    const hold = this.#holds.find((h) => h.method === call.method && matchesFilter(h.filter, call.args, this.resolveChannel));
    if (!hold) return;
    this.#holds = this.#holds.filter((h) => h !== hold);
    hold.arrive(call);
    await hold.released;
  }
}

function failureReply(failure: Failure): Reply {
  switch (failure.kind) {
    case 'ratelimited':
      return {
        status: 429,
        body: fail('ratelimited'),
        headers: { 'retry-after': String(failure.retryAfter) },
      };
    case 'http':
      return { status: failure.status, body: fail('fake_http_error') };
    case 'error':
      return { status: 200, body: fail(failure.error) };
  }
}
