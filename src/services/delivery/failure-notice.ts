/** The message that tells whoever asked (`notify_on_failure`) that a message could not be delivered, and what to do. */
import type { Db } from '../../../db/client.js';
import type { OutboxRow } from '../../../db/schema.js';
import { explainDeliveryError } from '../../domain/delivery.js';
import { enqueue } from './enqueue.js';

/** Queues the notice for a failed row; false when nobody asked to be told. */
export function enqueueFailureNotice(db: Db, row: OutboxRow, lastError: string): boolean {
  if (!row.notifyOnFailure) return false;
  const where =
    row.channel.startsWith('C') || row.channel.startsWith('G')
      ? { kind: 'channel' as const, mention: `<#${row.channel}>` }
      : { kind: 'person' as const, mention: `<@${row.channel}>` };
  const text = `I could not post ${row.label} ${where.kind === 'channel' ? 'in' : 'to'} ${where.mention}. ${explainDeliveryError(lastError, where)}`;
  enqueue(db, [
    {
      key: `${row.key}:failure-notice`,
      kind: 'delivery-failure',
      label: `the notice that ${row.label} failed`,
      channel: row.notifyOnFailure,
      text,
      eventId: row.eventId,
    },
  ]);
  return true;
}
