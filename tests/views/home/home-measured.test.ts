import type { KnownBlock } from '@slack/types';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { people, surveyResponses } from '../../../db/schema.js';
import { respondentKey } from '../../../src/domain/surveys/anonymity.js';
import { newestEvent } from '../../../src/services/plan/event-store.js';
import { surveyOf } from '../../../src/services/surveys/surveys.js';
import { RSVP } from '../../../views/kit/ids.js';
import { renderPlainText } from '../../../views/kit/plain-text.js';
import { U } from '../../support/builders.js';
import type { FakeSlack } from '../../support/fake-slack/server.js';
import { NAMES, setUpWalkEvent, startWalkApp, walk } from '../../support/schedule-walk.js';
import { eventually, SURVEY_KEY, type TestApp } from '../../support/test-app.js';

const names = { user: (id: string) => NAMES[id] ?? id, channel: () => 'sko' };

/**
 * App Home once the week-6 communications are out (day 1 Tue 13 Apr 2027, New York): the
 * save-the-date went on Mon 15 Mar, the pre-event survey on Tue 16 Mar, closing Fri 2 Apr.
 */
describe('App Home after the save-the-date and the pre-event survey', () => {
  let t: TestApp & { ownFake: FakeSlack };

  beforeAll(async () => {
    t = await startWalkApp('2027-02-01T15:00:00Z');
    await setUpWalkEvent(t);
    await walk(t, '2027-03-17T15:00:00Z', { stepMs: 60 * 60_000 });
    await t.deps.outbox.idle();
  }, 60_000);

  afterAll(async () => {
    await t.close();
  });

  const openHome = async (user: string) => {
    const before = t.fake.callsTo('views.publish').length;
    await t.driver.event({ type: 'app_home_opened', user, channel: 'D1', tab: 'home', event_ts: '1.1' });
    const calls = await eventually(() => t.fake.callsTo('views.publish').length > before && t.fake.callsTo('views.publish'));
    return renderPlainText((calls.at(-1)!.args.view as { blocks: KnownBlock[] }).blocks, names);
  };

  it('lists the survey a person still owes, and asks for their RSVP until they give it', async () => {
    const home = await openHome(U.priya);
    expect(home).toContain("My pending surveys\n• Pre-event survey · closes Fri 2 Apr: the survey's DM has the button");
    expect(home).toContain('My RSVP\nYou have not answered the save-the-date yet: its DM has the buttons.');
  });

  it('drops a survey once answered, and counts the answer towards engagement on the scorecard', async () => {
    const pre = surveyOf(t.db, newestEvent(t.db)?.id as number, 'pre');
    t.db
      .insert(surveyResponses)
      .values({
        surveyId: pre?.id as number,
        respondentKey: respondentKey(SURVEY_KEY, String(pre?.id), U.dana),
        answers: { clarity: 'yes', confidence: 4, motivation: 4 },
      })
      .run();
    expect(await openHome(U.dana)).toContain('My pending surveys\nNo surveys waiting for you.');
    expect(await openHome(U.priya)).toContain('• Pre-event survey · closes Fri 2 Apr');
    t.db.update(people).set({ role: 'leader' }).where(eq(people.slackUserId, U.elena)).run();
    const metrics = await t.driver.slashCommand({ userId: U.elena, text: 'metrics' });
    // One of the six attendees (the role holders) has answered a survey: 16.7%.
    expect(renderPlainText(metrics.json?.blocks as KnownBlock[], names)).toContain('Participant engagement 16.7%');
  });

  it("shows the answer given with the save-the-date's button", async () => {
    const saveTheDate = t.ownFake.messagesIn(U.priya).find((m) => m.text?.startsWith('Save the date'));
    if (!saveTheDate) throw new Error('Priya has no save-the-date');
    const before = t.fake.callsTo('views.publish').length;
    await t.driver.blockAction({ userId: U.priya, actionId: RSVP.maybe, channelId: saveTheDate.channel, messageTs: saveTheDate.ts });
    // The click redraws her Home tab without her opening it again.
    const published = await eventually(() =>
      t.fake
        .callsTo('views.publish')
        .slice(before)
        .find((c) => c.args.user_id === U.priya),
    );
    expect(renderPlainText((published.args.view as { blocks: KnownBlock[] }).blocks, names)).toContain(
      "My RSVP\nYou answered maybe; the save-the-date's buttons change it.",
    );
  });
});
