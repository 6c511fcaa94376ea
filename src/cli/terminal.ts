/** The command line's own output: lines on standard output, boxes around what Slack would show, and names for ids. */
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { people } from '../../db/schema.js';
import type { PlainTextNames } from '../../views/kit/plain-text.js';

export const print = (text = '') => process.stdout.write(`${text}\n`);

export function namesFrom(db: Db, channels: Record<string, string> = {}): PlainTextNames {
  return {
    user: (id) => db.select({ name: people.name }).from(people).where(eq(people.slackUserId, id)).get()?.name ?? undefined,
    channel: (id) => channels[id],
  };
}

export function boxed(title: string, body: string): string {
  const width = 78;
  return [`┌─ ${title} ${'─'.repeat(Math.max(0, width - title.length - 4))}`, ...body.split('\n').map((l) => `│ ${l}`), `└${'─'.repeat(width - 1)}`].join('\n');
}

/** "#sko-fy27" for a channel, "Dana Whitfield (DM)" for a person. */
export function recipient(channel: string, names: PlainTextNames): string {
  return /^[CG]/.test(channel) ? `#${names.channel(channel) ?? channel}` : `${names.user(channel) ?? channel} (DM)`;
}
