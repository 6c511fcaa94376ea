/** The message that tells whoever asked (`notify_on_failure`) that a message could not be delivered, and what to do. */
import type { Db } from '../../../db/client.js';
import { type OutboxRow, outbox } from '../../../db/schema.js';
import { explainDeliveryError } from '../../domain/delivery.js';
import { enqueue } from './enqueue.js';
import type { OutgoingMessage } from './outbox-transport.js';

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

/**
 * A chart Slack refused for good, recorded like any undeliverable message (a failed outbox row, so
 * `/sko status` and the SKO lead's digest list it), once per chart however many messages carried
 * it; whoever asked to be told hears of it too. The messages themselves went out without it.
 */
export function recordChartFailure(db: Db, chart: { key: string; message: OutgoingMessage }, code: string): void {
  const { message } = chart;
  const row = db
    .insert(outbox)
    .values({
      key: `chart:${chart.key}`,
      kind: 'chart',
      label: `the chart in ${message.label ?? 'a message'}`,
      channel: message.channel,
      text: '',
      status: 'failed',
      attempts: 1,
      lastError: code,
      eventId: message.eventId ?? null,
      notifyOnFailure: message.notifyOnFailure ?? null,
    })
    .onConflictDoNothing({ target: outbox.key })
    .returning()
    .get();
  if (row) enqueueFailureNotice(db, row, code);
}
