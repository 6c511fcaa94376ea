/**
 * Charts go to Slack once and are shown by reference: the first message that carries a chart uploads
 * it privately to the app (files.uploadV2 without a channel) and keeps the file id in the database;
 * every message then shows it in an image block naming that file (Block Kit's `slack_file`), which
 * Slack accepts from whoever has access to the file, the app itself here. Before, each digest
 * uploaded its own copy: two uploads a reader, 10,000 on a 5,000-reader Monday.
 */
import { createHash } from 'node:crypto';
import type { WebClient } from '@slack/web-api';
import { eq } from 'drizzle-orm';
import type { Db } from '../../../../db/client.js';
import { chartFiles, type MessageAttachment } from '../../../../db/schema.js';
import type { Clock } from '../../../clock.js';
import type { Logger } from '../../../logger.js';
import { recordChartFailure } from '../failure-notice.js';
import { DeliveryError, type OutgoingMessage, toDeliveryError } from '../outbox-transport.js';
import { renderChartPng } from './images.js';

type Uploaded = { fileId: string } | { refused: string };

export class ChartFiles {
  /** Uploads under way, so messages sent at the same moment wait for one upload instead of starting their own. */
  readonly #uploading = new Map<string, Promise<Uploaded>>();

  constructor(
    private readonly db: Db,
    private readonly client: WebClient,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /**
   * The image blocks showing the message's charts. A chart Slack could not take for now throws a
   * transient DeliveryError before anything is posted, so the outbox tries the whole message again
   * later; a chart Slack refused for good is left out and recorded as a delivery problem, once.
   */
  async imageBlocks(message: OutgoingMessage): Promise<unknown[]> {
    const blocks: unknown[] = [];
    for (const attachment of message.attachments ?? []) {
      const key = chartKey(attachment);
      const uploaded = await this.#fileFor(key, attachment);
      if ('refused' in uploaded) {
        recordChartFailure(this.db, { key, message }, uploaded.refused);
        continue;
      }
      blocks.push({
        type: 'image',
        slack_file: { id: uploaded.fileId },
        alt_text: attachment.title,
        title: { type: 'plain_text', text: attachment.title },
      });
    }
    return blocks;
  }

  #fileFor(key: string, attachment: MessageAttachment): Promise<Uploaded> {
    const stored = this.db.select().from(chartFiles).where(eq(chartFiles.key, key)).get();
    if (stored?.fileId) return Promise.resolve({ fileId: stored.fileId });
    if (stored?.error) return Promise.resolve({ refused: stored.error });
    let pending = this.#uploading.get(key);
    if (!pending) {
      pending = this.#upload(key, attachment).finally(() => this.#uploading.delete(key));
      this.#uploading.set(key, pending);
    }
    return pending;
  }

  async #upload(key: string, attachment: MessageAttachment): Promise<Uploaded> {
    const png = await renderChartPng(attachment.chart);
    const createdAt = this.clock.now().toISOString();
    try {
      const res = await this.client.files.uploadV2({ file: png, filename: attachment.filename, title: attachment.title, alt_text: attachment.title });
      const fileId = (res as { files?: { files?: { id?: string }[] }[] }).files?.[0]?.files?.[0]?.id;
      if (!fileId) throw new DeliveryError('transient', 'upload_without_file');
      this.db
        .insert(chartFiles)
        .values({ key, fileId, error: null, createdAt })
        .onConflictDoUpdate({ target: chartFiles.key, set: { fileId, error: null } })
        .run();
      return { fileId };
    } catch (error) {
      const failure = error instanceof DeliveryError ? error : toDeliveryError(error);
      if (failure.kind !== 'permanent') {
        // Not posted yet, so trying again later cannot show the message twice.
        throw new DeliveryError('transient', `chart_${failure.code}`);
      }
      this.logger.warn(`outbox: Slack refused the chart "${attachment.title}" for good: ${failure.code}`);
      this.db.insert(chartFiles).values({ key, fileId: null, error: failure.code, createdAt }).onConflictDoNothing().run();
      return { refused: failure.code };
    }
  }
}

/** The same chart (its name and every figure) is the same key, whoever it is for and however often it is sent. */
function chartKey(attachment: MessageAttachment): string {
  return createHash('sha256')
    .update(JSON.stringify([attachment.filename, attachment.title, attachment.chart]))
    .digest('hex');
}
