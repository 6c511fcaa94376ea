import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { ensurePeople } from '../../../src/services/people/people.js';
import { renderPlainText } from '../../../views/kit/plain-text.js';
import { briefLines, S, useSalesApp } from '../../support/sales-data.js';
import { eventually } from '../../support/test-app.js';

const sales = useSalesApp();
const { run } = sales;
const names = { user: () => undefined, channel: () => undefined };

describe('an agent reply, short first', () => {
  it('leads with the key figures in five lines, and the buttons for the rest', async () => {
    const { brief, reply } = await run(S.lena, 'perf');
    expect(brief).toBe(
      'PERFORMANCE · FY2017\n════════════════════\n\nthe company · 1 Jan – 31 Dec 2017\n\nWon revenue: $140K · 4 deals\nAttainment: 31% of $450K\nWin rate: 67% · 4 won, 2 lost\nAverage deal: $35K\nSales cycle: 32 days\n\n[ Show details ] [ Send as CSV ]',
    );
    // The whole reply keeps what the short one leaves out.
    expect(reply).toContain('1. Ann Lee (East): 100% of quota · $100K won · win rate 67%');
  });

  it('sends every table whole as CSV files in the DM of the person who asked', async () => {
    const res = await sales.t.driver.slashCommand({ userId: S.lena, text: 'perf' });
    const first = await eventually(() => sales.t.fake.responsesTo(res.responseUrl)[0], 15_000);
    const blocks = first.body.blocks as KnownBlock[];
    expect(briefLines(blocks).length).toBeLessThanOrEqual(5);
    const click = await sales.t.driver.blockAction({
      userId: S.lena,
      actionId: 'agent_download_csv',
      value: 'perf',
      ephemeral: true,
      message: { type: 'message', ts: '1700000000.000100', blocks },
    });
    const uploads = await eventually(() => {
      const done = sales.t.fake.uploads().filter((u) => u.completed && u.channel === sales.t.fake.dmChannelOf(S.lena));
      return done.length ? done : undefined;
    }, 15_000);
    const byRep = uploads.find((u) => u.filename === 'performance-by-rep.csv');
    const lines = byRep?.bytes?.toString('utf8').trim().split('\r\n') ?? [];
    expect(lines[0]).toBe('key,name,won_revenue,won_count,lost_count,win_rate,avg_deal_size,avg_cycle_days,quota,attainment,open_count,open_value');
    // Ann, Bob, Cat and Dan: every rep with deals in FY2017, not cut to what fits in a message.
    expect(lines).toHaveLength(5);
    expect(uploads.map((u) => u.filename)).toEqual([
      'performance-by-rep.csv',
      'performance-by-team.csv',
      'performance-by-region.csv',
      'performance-by-segment.csv',
      'performance-by-product.csv',
      'performance-by-quarter.csv',
      'performance-top.csv',
      'performance-bottom.csv',
      'performance-attainment-distribution.csv',
    ]);
    expect(byRep?.initialComment).toContain('as CSV, every row.');
    const after = await eventually(() => sales.t.fake.responsesTo(click.responseUrl as string).find((r) => String(r.body.text).startsWith('Performance')));
    expect(renderPlainText(after.body.blocks as KnownBlock[], names)).toContain(':inbox_tray: Sent 9 CSV files to our direct message.');
  });

  it('does not rank an event lead the sales data does not name as a rep who sold nothing', async () => {
    // Someone the app met in Slack only (an event lead): stored with the default role.
    ensurePeople(sales.t.db, ['ULEAD0001']);
    sales.t.db.$client.prepare("UPDATE people SET name = 'Lee Organiser' WHERE slack_user_id = 'ULEAD0001'").run();
    const { reply } = await run(S.lena, 'perf');
    expect(reply).not.toContain('Lee Organiser');
  });
});
