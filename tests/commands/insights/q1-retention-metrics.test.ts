import { Readable } from 'node:stream';
import type { KnownBlock } from '@slack/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCsv } from '../../../src/services/sales/import/import-csv.js';
import { renderPlainText } from '../../../views/kit/plain-text.js';
import { LEAVERS_CSV, PEOPLE_CSV, Q1_DEALS_CSV, S } from '../../support/sales-data.js';
import { dispatchAt, submitSetup } from '../../support/sko.js';
import { startTestApp, type TestApp } from '../../support/test-app.js';

const names = { user: (id: string) => id, channel: () => 'sko' };

describe('/sko metrics: Q1 productivity, deal velocity and rep retention from the sales data', () => {
  let t: TestApp;
  const metrics = async (userId: string) => {
    const res = await t.driver.slashCommand({ userId, text: 'metrics' });
    return renderPlainText(res.json?.blocks as KnownBlock[], names);
  };

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-20T15:00:00Z' });
    await importCsv(t.db, 'people', Readable.from([PEOPLE_CSV]));
    await submitSetup(t);
    await importCsv(t.db, 'deals', Readable.from([Q1_DEALS_CSV]));
    await importCsv(t.db, 'people', Readable.from([LEAVERS_CSV]));
    t.clock.set('2027-03-10T15:00:00Z');
  });

  it('says the Q1 figures are being worked out until the minute job has worked them out in the agent worker', async () => {
    const text = await metrics(S.lena);
    expect(text).toContain('not measured · Productivity');
    expect(text).toContain('The Q1 figures are being worked out from the sales data; they are ready within a few minutes of new data or a new day.');
    await dispatchAt(t, '2027-03-10T15:01:00Z');
    expect(await metrics(S.lena)).toContain('Productivity +35%');
  });

  afterAll(async () => {
    await t.close();
  });

  it('measures won revenue per rep and velocity in Q1 so far against the same dates last year, with what each rests on', async () => {
    const text = await metrics(S.lena);
    // $108,000 over Ann, Bob, Cat and Dan (Ann left in Q1, so she was a rep in it) against $80,000 over the same four: +35%.
    expect(text).toContain('Productivity +35%');
    expect(text).toContain(
      'Q1 so far: $27,000 per rep in 1 Jan 2027–10 Mar 2027 (4 reps, 2 won deals) against $20,000 per rep in 1 Jan 2026–10 Mar 2026 (4 reps, 2 won deals).',
    );
    // Last year: 1 open × 2/3 won × $40,000 ÷ 40 days = $666.67 a day; this year 2 open × 1 × $54,000 ÷ 45 days = $2,400.
    expect(text).toContain('Deal velocity +260%');
    expect(text).toContain('Q1 so far: $2,400 a day in 1 Jan 2027–10 Mar 2027 (2 open deals) against $666.67 a day in 1 Jan 2026–10 Mar 2026 (1 open deal).');
  });

  it('names the attendees who left to a sales leader and an admin, for them to judge', async () => {
    for (const userId of [S.lena, S.adam]) {
      const text = await metrics(userId);
      expect(text).toContain('Rep retention 1 (target: no SKO-related departures)');
      expect(text).toContain('Attendees left soon after the SKO: sales leaders judge whether any departure was SKO-related.');
      expect(text).toContain('Who left: Ann Lee (20 Feb 2027).');
    }
    // The roster: the seven people file members with a Slack id, and the six event role holders setup named.
    expect(await metrics(S.lena)).toContain(
      '1 of 13 attendees left between day 1 (2 Feb 2027) and 90 days after it, so far (the 90 days run until 3 May 2027).',
    );
  });

  it('gives a manager and a rep the count without names', async () => {
    for (const userId of [S.max, S.bob]) {
      const text = await metrics(userId);
      expect(text).toContain('Rep retention 1 (target: no SKO-related departures)');
      expect(text).not.toContain('Who left');
      expect(text).not.toContain('Ann Lee');
    }
  });
});
