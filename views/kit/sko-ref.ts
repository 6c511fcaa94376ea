import type { Db } from '../../db/client.js';
import { NotFoundError } from '../../src/errors.js';
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
export function skoIdFrom(ref: string | undefined, before?: { db: Db; userId: string; channelId?: string | undefined }): number {
  const id = Number(ref);
  if (ref && Number.isInteger(id) && id > 0) return id;
  const sko = before ? whichSko(before.db, { slackUserId: before.userId, channelId: before.channelId }) : undefined;
  if (sko?.kind === 'found') return sko.event.id;
  throw new NotFoundError('That button belongs to an older message. Run the command again for a fresh one.');
}
