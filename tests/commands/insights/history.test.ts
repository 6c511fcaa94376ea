import type { KnownBlock } from '@slack/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { people, rsvps } from '../../../db/schema.js';
import { newestEvent } from '../../../src/services/plan/event-store.js';
import { saveSetup } from '../../../src/services/plan/setup.js';
import { renderPlainText } from '../../../views/kit/plain-text.js';
import { setupInput, U } from '../../support/builders.js';
import { startWithSko } from '../../support/sko.js';
import type { TestApp } from '../../support/test-app.js';

const names = { user: (id: string) => id, channel: () => 'sko' };

async function historySays(t: TestApp, userId: string): Promise<string> {
  const res = await t.driver.slashCommand({ userId, text: 'history' });
  return renderPlainText(res.json?.blocks as KnownBlock[], names);
}

function attend(t: TestApp, eventId: number, slackIds: readonly string[]): void {
  const ids = t.db
    .select()
    .from(people)
    .all()
    .filter((p) => slackIds.includes(p.slackUserId ?? ''));
  t.db
    .insert(rsvps)
    .values(ids.map((p) => ({ eventId, personId: p.id, answer: 'attending' as const, answeredAt: '2027-01-05T15:00:00.000Z' })))
    .run();
}

// startWithSko: the FY27 SKO, day 1 Tue 2 Feb 2027, 240 expected; its week 12 ends in March 2027.
describe('/sko history', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startWithSko();
  });
  afterAll(async () => {
    await t.close();
  });

  it('before any SKO has started, says there is nothing to compare yet', async () => {
    expect(await historySays(t, U.rep)).toBe('No SKO has started yet, so there is nothing to compare. /sko metrics shows the scorecard once the plan runs.');
  });

  it('with one SKO held, names it and says what the command will do', async () => {
    t.clock.set('2027-02-10T15:00:00Z');
    expect(await historySays(t, U.rep)).toContain('FY27 Sales Kickoff is the only SKO held here so far.');
  });

  it("compares last year's scorecard with this year's so far, with each change", async () => {
    const fy27 = newestEvent(t.db) as NonNullable<ReturnType<typeof newestEvent>>;
    // FY27: 3 of the 240 expected said they attend: 1.3%.
    attend(t, fy27.id, [U.dana, U.priya, U.marco]);
    // The next year's SKO, set up beside it in its own channel, a year later, with the same expected headcount.
    const fy28 = saveSetup(
      t.db,
      setupInput({ name: 'FY28 Sales Kickoff', day1: '2028-02-01', channelId: 'CSKO00028' }),
      U.dana,
      new Date('2027-11-19T15:00:00Z'),
      null,
    ).event;
    // FY28: 6 of 240: 2.5%, so +1.2 points.
    attend(t, fy28.id, [U.dana, U.priya, U.marco, U.aisha, U.tom, U.elena]);
    t.clock.set('2028-02-10T15:00:00Z');

    const text = await historySays(t, U.rep);
    expect(text).toContain('Compared: FY27 Sales Kickoff (Tue 2 Feb 2027), FY28 Sales Kickoff (Tue 1 Feb 2028).');
    expect(text).toContain('Attendance · target above 95% of the team\n● FY27 Sales Kickoff: 1.3%\n● FY28 Sales Kickoff (so far): 2.5% (+1.2 pts)');
    // The $620,000 budget (no expenses) over 3, then 6, attendees: cents rounded each year, so the change is a cent more than half.
    expect(text).toContain(
      'Cost per attendee · target below $3,000\n● FY27 Sales Kickoff: $206,666.67\n● FY28 Sales Kickoff (so far): $103,333.33 (−$103,333.34)',
    );
    expect(text).toContain('○ FY28 Sales Kickoff (so far): not measured');
    // Attendance up and cost per attendee down: both better; nothing else is measured in both years.
    expect(text).toContain('Against the SKO before it, the latest is better on 2 and worse on 0 of the 2 metrics both measured.');
    expect(text).not.toContain('Rep retention');
  });
});
