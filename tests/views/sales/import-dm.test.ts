import type { KnownBlock } from '@slack/types';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { renderPlainText } from '../../../views/kit/plain-text.js';
import { importSalesData, S } from '../../support/sales-data.js';
import { eventually, startTestApp, type TestApp } from '../../support/test-app.js';

const names = { user: () => undefined, channel: () => undefined };
let t: TestApp;

beforeAll(async () => {
  // The admins here are the people file's (Adam), not the harness's default SKO_ADMINS.
  t = await startTestApp({ now: '2017-12-15T15:00:00Z', admins: '' });
  await importSalesData(t.db, ['people']);
});
afterAll(async () => {
  await t.close();
});
beforeEach(() => {
  t.fake.reset();
});

/** Slack's message.im event for a file shared in the app's DM. */
async function share(user: string, name: string, content: string, text = '', channelType = 'im') {
  const file = t.fake.addFile({ name, content, user });
  const channel = channelType === 'im' ? t.fake.dmChannelOf(user) : 'C0GENERAL';
  await t.driver.event({
    type: 'message',
    subtype: 'file_share',
    text,
    user,
    channel,
    channel_type: channelType,
    files: [file],
    ts: '1513350000.000100',
    upload: true,
    display_as_bot: false,
  });
  return channel;
}

async function replyIn(channel: string): Promise<string> {
  const message = await eventually(() => t.fake.messagesIn(channel)[0], 10_000);
  return message.blocks ? renderPlainText(message.blocks as KnownBlock[], names) : String(message.text);
}

const dealCount = () => t.db.$client.prepare('SELECT count(*) FROM deals').pluck().get();

describe('importing a CSV shared with the app in a DM', () => {
  it('imports it for an admin, downloading with the bot token, and says what it imported in the DM', async () => {
    const dm = await share(
      S.adam,
      'pipeline export.csv',
      'Opportunity ID,Opportunity Owner,Stage,Amount,Close Date,Opportunity Name\nX1,Ann Lee,Closed Won,"$1,000.00",1/31/2017,Big\nX2,bob@acme.com,Prospecting,,,Small\n',
      'deals',
    );
    expect(await replyIn(dm)).toBe('✔ Imported pipeline export.csv as deals: 2 rows: 2 new deals and 0 updated.\n\nIgnored columns: Opportunity Name.');
    expect(t.fake.downloads).toEqual([{ fileId: expect.stringMatching(/^F/), token: 'xoxb-test-token', status: 200 }]);
    expect(t.db.$client.prepare('SELECT id, outcome, amount_cents FROM deals ORDER BY id').all()).toEqual([
      { id: 'X1', outcome: 'won', amount_cents: 100_000 },
      { id: 'X2', outcome: 'open', amount_cents: null },
    ]);
  });

  it('takes the kind from the file name when the message does not say', async () => {
    const dm = await share(S.adam, 'quotas-fy2017.csv', 'email,period_start,period_end,amount\nann@acme.com,2017-01-01,2017-12-31,100000\n');
    expect(await replyIn(dm)).toContain('Imported quotas-fy2017.csv as quotas: 1 row: 1 new quota and 0 updated.');
  });

  it('rejects a file with bad rows whole, listing each line, and changes nothing', async () => {
    const before = dealCount();
    const dm = await share(
      S.adam,
      'deals.csv',
      'id,owner_email,stage,amount,close_date\nY1,ann@acme.com,Won,10,2017-02-01\nY2,ghost@acme.com,Won,10,2017-02-01\nY3,ann@acme.com,Won,-4,2017-02-01\n',
    );
    expect(await replyIn(dm)).toBe(
      [
        '✖ Nothing was imported from deals.csv: 2 rows have problems. Fix them and share the file again.',
        '',
        'line 3: unknown owner "ghost@acme.com": nobody with that email (import them in the people file first)',
        'line 4: amount -4 is negative',
      ].join('\n'),
    );
    expect(dealCount()).toBe(before);
  });

  it('refuses anyone but an admin, without downloading the file', async () => {
    const dm = await share(S.lena, 'deals.csv', 'id,owner_email,stage\nZ1,ann@acme.com,Open\n', 'deals');
    expect(await replyIn(dm)).toBe(`Only admins can import sales data: ask <@${S.adam}>. Nothing was imported.`);
    expect(t.fake.downloads).toEqual([]);
  });

  it('asks which data a file holds when neither the message nor the name says', async () => {
    const dm = await share(S.adam, 'export.csv', 'a,b\n1,2\n', 'here you go');
    expect(await replyIn(dm)).toBe(
      'Which data is in *export.csv*? Share it again with one of these words in the message: people, deals, quotas, accounts, comp-plans, stage-history, agenda, expenses.',
    );
  });

  it('explains that only CSV files can be imported', async () => {
    const dm = await share(S.adam, 'deals.xlsx', 'PK…', 'deals');
    expect(await replyIn(dm)).toBe('I can only import CSV files; *deals.xlsx* is not one. Export the report as CSV and share that.');
  });

  it('ignores files shared in channels', async () => {
    await share(S.adam, 'deals.csv', 'id,owner_email,stage\nZ2,ann@acme.com,Open\n', 'deals', 'channel');
    // Adam then shares the same kind of file in the DM, which takes the same steps (download, import,
    // reply): once that later share is answered, the channel one would have been answered too.
    const dm = await share(S.adam, 'deals-dm.csv', 'id,owner_email,stage\nZ3,ann@acme.com,Open\n', 'deals');
    expect(await replyIn(dm)).toMatch(/^✔ Imported deals-dm\.csv as deals: 1 row/);
    expect(t.fake.allMessages().map((m) => m.channel)).toEqual([dm]);
    expect(t.fake.downloads).toHaveLength(1);
    expect(t.db.$client.prepare("SELECT id FROM deals WHERE id IN ('Z2', 'Z3')").pluck().all()).toEqual(['Z3']);
  });
});
