/**
 * Long reads on the app's one event loop, done in parts: a Monday's digest reads every expense,
 * action item and reader of the SKO, and a Slack request arriving meanwhile must not wait for all
 * of it (Slack gives up after 3 seconds, and `/sko status` should answer at its idle speed).
 */

/** Lets whatever else waits (a Slack request, a timer) run before the next piece of work. */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Work written in parts: each `yield` marks a point where it may let the event loop in. */
export type InParts<T> = Generator<void, T>;

/** Runs work in parts straight through, as one read. */
export function straightThrough<T>(parts: InParts<T>): T {
  for (;;) {
    const part = parts.next();
    if (part.done) return part.value;
  }
}

/** Runs work in parts, letting whatever waits run between them. */
export async function withPauses<T>(parts: InParts<T>): Promise<T> {
  for (;;) {
    const part = parts.next();
    if (part.done) return part.value;
    await yieldToEventLoop();
  }
}
