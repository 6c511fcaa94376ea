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

  describe('a file whose dates read two ways', () => {
    // Every day is 12 or less: 3/4/2017 is 3 April read day first, 4 March read month first.
    const AMBIGUOUS = 'id,owner_email,stage,close_date\nW1,ann@acme.com,Open,3/4/2017\nW2,ann@acme.com,Open,5/6/2017\n';
    const closeDates = () => t.db.$client.prepare("SELECT id, close_date FROM deals WHERE id IN ('W1', 'W2') ORDER BY id").all();
    const buttonsOf = (message: { blocks?: unknown[] } | undefined) =>
      (message?.blocks as { type: string; elements?: { action_id: string; value: string; text: { text: string } }[] }[] | undefined)
        ?.filter((b) => b.type === 'actions')
        .flatMap((b) => b.elements ?? []) ?? [];
    beforeEach(() => {
      t.db.$client.prepare("DELETE FROM deals WHERE id IN ('W1', 'W2')").run();
    });

    it('is refused with a choice, and a click reads the same file the way the admin picked', async () => {
      const dm = await share(S.adam, 'uk-deals.csv', AMBIGUOUS, 'deals');
      expect(await replyIn(dm)).toContain('Or tell me how this file writes its dates:');
      expect(closeDates()).toEqual([]);
      const refusal = t.fake.messagesIn(dm)[0];
      const buttons = buttonsOf(refusal);
      expect(buttons.map((b) => b.text.text)).toEqual(['Days first (31/01/2026)', 'Months first (1/31/2026)']);
      await t.driver.blockAction({
        userId: S.adam,
        actionId: buttons[0]?.action_id as string,
        value: buttons[0]?.value as string,
        channelId: dm,
        messageTs: refusal?.ts as string,
      });
      await eventually(() => t.fake.messagesIn(dm).find((m) => /Imported/.test(String(m.text))), 10_000);
      expect(closeDates()).toEqual([
        { id: 'W1', close_date: '2017-04-03' },
        { id: 'W2', close_date: '2017-06-05' },
      ]);
      // The refusal keeps its words but loses its buttons: the choice is made once.
      const after = t.fake.messagesIn(dm).find((m) => m.ts === refusal?.ts);
      expect(buttonsOf(after)).toEqual([]);
      expect(renderPlainText(after?.blocks as KnownBlock[], names)).toContain('Reading it again: Days first (31/01/2026).');
    });

    it('is read as the words shared with it say', async () => {
      const dm = await share(S.adam, 'uk-deals.csv', AMBIGUOUS, 'deals, months first');
      expect(await replyIn(dm)).toMatch(/^✔ Imported uk-deals\.csv as deals: 2 rows/);
      expect(closeDates()).toEqual([
        { id: 'W1', close_date: '2017-03-04' },
        { id: 'W2', close_date: '2017-05-06' },
      ]);
    });

    it('is not read again for someone who is not an admin', async () => {
      const dm = await share(S.adam, 'uk-deals.csv', AMBIGUOUS, 'deals');
      await replyIn(dm);
      const refusal = t.fake.messagesIn(dm)[0];
      const [first] = buttonsOf(refusal);
      await t.driver.blockAction({
        userId: S.lena,
        actionId: first?.action_id as string,
        value: first?.value as string,
        channelId: dm,
        messageTs: refusal?.ts as string,
      });
      // Adam's own share afterwards is answered only after Lena's click was handled.
      await share(S.adam, 'deals-after.csv', 'id,owner_email,stage\nW9,ann@acme.com,Open\n', 'deals');
      await eventually(() => t.fake.messagesIn(dm).find((m) => /deals-after/.test(String(m.text))), 10_000);
      expect(closeDates()).toEqual([]);
      expect(buttonsOf(t.fake.messagesIn(dm).find((m) => m.ts === refusal?.ts))).toHaveLength(2);
    });
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
