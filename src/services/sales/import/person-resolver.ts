import type { Db } from '../../../../db/client.js';

/** Finds people by email or, failing that, by full name (case and spacing ignored). */
export class PersonResolver {
  readonly #byEmail = new Map<string, number>();
  readonly #byName = new Map<string, number[]>();
  /** Answers by the exact text asked: a file names the same few owners on every row. */
  readonly #answers = new Map<string, { id: number } | { problem: string }>();

  constructor(db: Db) {
    for (const p of db.$client.prepare('SELECT id, email, name FROM people').iterate() as IterableIterator<{
      id: number;
      email: string | null;
      name: string | null;
    }>) {
      if (p.email) this.#byEmail.set(p.email.toLowerCase(), p.id);
      if (p.name) {
        const key = nameKey(p.name);
        this.#byName.set(key, [...(this.#byName.get(key) ?? []), p.id]);
      }
    }
  }

  /** The person's id, or the reason there is none. `what` names the column in messages. */
  resolve(ref: string, what: string): { id: number } | { problem: string } {
    const key = `${what}\u0000${ref}`;
    let answer = this.#answers.get(key);
    if (answer === undefined) {
      answer = this.#find(ref, what);
      this.#answers.set(key, answer);
    }
    return answer;
  }

  #find(ref: string, what: string): { id: number } | { problem: string } {
    const email = emailIn(ref);
    if (email) {
      const id = this.#byEmail.get(email);
      return id === undefined ? { problem: `unknown ${what} "${ref}": nobody with that email (import them in the people file first)` } : { id };
    }
    const ids = this.#byName.get(nameKey(ref)) ?? [];
    if (ids.length === 1) return { id: ids[0] as number };
    if (ids.length > 1) return { problem: `${what} "${ref}" matches ${ids.length} people by name: use their email` };
    return { problem: `unknown ${what} "${ref}": nobody with that email or full name (import them in the people file first)` };
  }
}

export const nameKey = (name: string) => name.trim().toLowerCase().replace(/\s+/g, ' ');

/** "jane@x.com", "Jane Doe <jane@x.com>" or "Jane Doe (jane@x.com)" → the email; a plain name → null. */
export function emailIn(ref: string): string | null {
  const match = /([^\s<>()]+@[^\s<>()]+)/.exec(ref);
  return match ? (match[1] as string).toLowerCase() : null;
}
