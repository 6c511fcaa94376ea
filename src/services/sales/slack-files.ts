import { Readable } from 'node:stream';
import type { WebClient } from '@slack/web-api';
import { InputError } from '../../errors.js';

export interface SharedFile {
  name: string;
  size: number;
  filetype: string;
  stream: Readable;
}

/**
 * Opens a file someone shared with the app, streaming. The download carries the bot token, so it
 * only goes to the Web API's own host or a host under the same domain (files.slack.com for
 * slack.com): never to a URL an event could point anywhere.
 */
export async function openSharedFile(slack: WebClient, fileId: string): Promise<SharedFile> {
  const { file } = await slack.files.info({ file: fileId });
  const url = file?.url_private_download ?? file?.url_private;
  if (!file || !url) throw new InputError('Slack did not give me a link to that file; share it again.');
  const target = new URL(url);
  const api = new URL(slack.slackApiUrl);
  const domain = api.hostname.split('.').slice(-2).join('.');
  if (target.hostname !== api.hostname && !target.hostname.endsWith(`.${domain}`))
    throw new InputError(`I only download files from Slack, not from ${target.hostname}.`);
  const res = await fetch(target, { headers: { authorization: `Bearer ${slack.token ?? ''}` } });
  if (!res.ok || !res.body || (res.headers.get('content-type') ?? '').startsWith('text/html')) {
    throw new InputError(
      `Slack would not let me download ${file.name ?? 'the file'} (HTTP ${res.status}). Check that the app has the files:read scope, then share it again.`,
    );
  }
  return {
    name: file.name ?? 'file',
    size: file.size ?? 0,
    filetype: file.filetype ?? '',
    stream: Readable.fromWeb(res.body as import('node:stream/web').ReadableStream),
  };
}
