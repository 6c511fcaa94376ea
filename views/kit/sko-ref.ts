import type { Deps } from '../../src/deps.js';
import { NotFoundError } from '../../src/errors.js';
import { type EventRow, eventById } from '../../src/services/plan/event-store.js';
import { whichSko } from '../../src/services/plan/which-sko.js';

/**
 * Which SKO a button or a modal is about: its id travels in the button's value or the modal's
 * private_metadata, so a button from one SKO's message never changes another SKO.
 */
export const skoRef = (eventId: number): string => String(eventId);

/**
 * The SKO a button or modal carries. One posted before SKOs were several carries none: it is about
 * the SKO of its channel, or its clicker's, when that is one; otherwise it is too old to say.
 */
export function skoIdFrom(ref: string | undefined, before?: Clicker): number {
  const event = before ? eventOfButton(ref, before) : undefined;
  const id = event?.id ?? Number(ref);
  if (Number.isInteger(id) && id > 0) return id;
  throw new NotFoundError('That button belongs to an older message. Run the command again for a fresh one.');
}

interface Clicker {
  db: Deps['db'];
  userId: string;
  channelId?: string | undefined;
}

/** The SKO a button carries, or for a button from before SKOs were several, the clicker's when that is one. */
export function eventOfButton(ref: string | undefined, clicker: Clicker): EventRow | undefined {
  if (ref && /^\d+$/.test(ref)) return eventById(clicker.db, Number(ref));
  const sko = whichSko(clicker.db, { slackUserId: clicker.userId, channelId: clicker.channelId });
  return sko.kind === 'found' ? sko.event : undefined;
}
