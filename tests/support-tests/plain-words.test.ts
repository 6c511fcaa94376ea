import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSlack } from '../support/fake-slack/server.js';
import { developersWordsIn } from '../support/plain-words.js';

/** The check every test app runs at its end finds the developers' words wherever a surface holds them. */
describe('developersWordsIn', () => {
  let fake: FakeSlack;
  let client: WebClient;
  beforeAll(async () => {
    fake = await FakeSlack.start();
    client = new WebClient('xoxb-test', { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });
  });
  afterAll(async () => {
    await fake.close();
  });

  it('finds a server command in a block, an agent code name in a modal, and the seed in a file comment; plain words pass', async () => {
    await client.chat.postMessage({
      channel: 'C1',
      text: 'Figures',
      blocks: [{ type: 'context', elements: [{ type: 'mrkdwn', text: 'As JSON: `npm run sko -- perf`' }] }],
    });
    await client.chat.postMessage({ channel: 'C1', text: 'Everything is in the playbook.' });
    await client.views.publish({
      user_id: 'U1',
      view: { type: 'home', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Made by the revenue-forecaster' } }] },
    });
    await client.files.uploadV2({ channel_id: 'C1', initial_comment: 'Seed 000 says so', file_uploads: [{ file: Buffer.from('a,b\r\n'), filename: 'x.csv' }] });
    const found = developersWordsIn(fake);
    expect(found).toHaveLength(3);
    expect(found[0]).toContain('message in C1: "As JSON: `npm run sko -- perf`"');
    expect(found[1]).toContain('home view');
    expect(found[2]).toContain('file x.csv: "Seed 000 says so"');
  });
});
