import type { RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { SlackMessage } from './blocks.js';

/**
 * The only two ways agent results, comp figures and import reports leave the app: to the person
 * who asked, as an ephemeral reply to their command, or in their DM with the app. Neither takes a
 * channel or a response type, so no caller can post individual data where others would read it.
 */
export async function replyPrivately(respond: RespondFn, message: SlackMessage | string): Promise<void> {
  await respond({ ...(typeof message === 'string' ? { text: message } : message), response_type: 'ephemeral', replace_original: false });
}

/** Posts in a direct-message conversation with the app; `dm` must be one (D…), never a channel. */
export async function sendInDm(slack: WebClient, dm: string, message: SlackMessage | string): Promise<void> {
  if (!dm.startsWith('D')) throw new Error(`refusing to post private data outside a DM (${dm})`);
  await slack.chat.postMessage({ channel: dm, ...(typeof message === 'string' ? { text: message } : message) });
}

/** Replaces the reply a button was pressed in, still seen by that person alone (an ephemeral reply's response_url). */
export async function replacePrivately(respond: RespondFn, message: SlackMessage | string): Promise<void> {
  await respond({ ...(typeof message === 'string' ? { text: message } : message), response_type: 'ephemeral', replace_original: true });
}

/**
 * Sends files (CSV, a survey's JSON) to a person in their DM with the app (files.uploadV2), with a line saying what
 * they are. Like sendInDm, it takes a person, not a channel: exports hold individual figures.
 */
export async function sendFilesInDm(
  slack: WebClient,
  slackUserId: string,
  files: readonly { filename: string; content: string }[],
  comment: string,
): Promise<void> {
  const opened = await slack.conversations.open({ users: slackUserId });
  const dm = opened.channel?.id;
  if (!dm?.startsWith('D')) throw new Error(`Slack gave no DM with ${slackUserId}`);
  await slack.files.uploadV2({
    channel_id: dm,
    initial_comment: comment,
    file_uploads: files.map((f) => ({ file: Buffer.from(f.content, 'utf8'), filename: f.filename, title: f.filename })),
  });
}
