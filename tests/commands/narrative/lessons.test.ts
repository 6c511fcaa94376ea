import type { KnownBlock } from '@slack/types';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { rsvps } from '../../../db/schema.js';
import { findPersonBySlackId } from '../../../src/services/people/people.js';
import { newestEvent } from '../../../src/services/plan/event-store.js';
import { NARRATIVE } from '../../../views/kit/ids.js';
import { renderPlainText } from '../../../views/kit/plain-text.js';
import { U } from '../../support/builders.js';
import { askFigures, FakeMessagesApi, figuresIn, replyText } from '../../support/fake-anthropic/server.js';
import { runUntil, startWithSko } from '../../support/sko.js';
import { eventually, type TestApp } from '../../support/test-app.js';

type Body = { blocks?: KnownBlock[]; text?: string };
const plain = (body: Body) => (body.blocks ? renderPlainText(body.blocks, { user: () => undefined, channel: () => undefined }) : String(body.text));

let t: TestApp;
let api: FakeMessagesApi;

async function resultsOf(userId: string): Promise<Body> {
  const res = await t.driver.slashCommand({ userId, text: 'survey results post' });
  return (await eventually(() => t.fake.responsesTo(res.responseUrl)[0])).body as Body;
}

async function clickLessons(userId: string, reply: Body): Promise<string> {
  const res = await t.driver.blockAction({
    userId,
    actionId: NARRATIVE.draftLessons,
    ephemeral: true,
    channelId: t.fake.dmChannelOf(userId),
    message: { type: 'message', ts: '1700000000.000100', blocks: reply.blocks ?? [] } as never,
  });
  return plain((await eventually(() => t.fake.responsesTo(res.responseUrl as string)[0])).body as Body);
}

describe('the week-12 survey analysis, with the model layer on', () => {
  beforeAll(async () => {
    api = await FakeMessagesApi.start();
    t = await startWithSko({ baseUrl: api.baseUrl });
    // Dana attends; the day after the event the feedback survey has gone to her, so there are results to analyse.
    const event = newestEvent(t.db) as NonNullable<ReturnType<typeof newestEvent>>;
    const dana = findPersonBySlackId(t.db, U.dana) as NonNullable<ReturnType<typeof findPersonBySlackId>>;
    t.db.insert(rsvps).values({ eventId: event.id, personId: dana.id, answer: 'attending', answeredAt: '2027-01-06T15:00:00.000Z' }).run();
    await runUntil(t, '2027-02-09T15:00:00Z');
  });
  afterAll(async () => {
    await t.close();
    await api.close();
  });
  beforeEach(() => api.reset());
  afterEach(() => {
    expect(api.unexpected).toEqual([]);
    expect(t.errors).toEqual([]);
  });

  it('the post-event results offer a lessons-learned draft, which becomes a canvas in the SKO lead’s DM for her to edit', async () => {
    const reply = await resultsOf(U.dana);
    expect(plain(reply)).toContain('[ Draft the lessons learned ]');
    api.script(
      askFigures('postEventSurvey.invited', 'postEventSurvey.responses'),
      replyText((request) => {
        const f = figuresIn(request);
        return `# What to keep\n- ${f['postEventSurvey.responses']} of ${f['postEventSurvey.invited']} answered: ask earlier next time.`;
      }),
    );
    expect(await clickLessons(U.dana, reply)).toContain('Lessons learned for the next SKO: the draft is drafted in a canvas in our DM');
    const [canvas] = t.fake.canvases();
    expect(canvas?.channelId).toBe(t.fake.dmChannelOf(U.dana));
    expect(canvas?.writers).toEqual([U.dana]);
    expect(canvas?.markdown).toMatch(/^# Lessons learned for the next SKO: the draft\n\n# What to keep\n- 0 of \d+ answered: ask earlier next time\./);
    expect(api.requests[0]?.model).toBe('claude-sonnet-5-5');
  });

  it('someone who may not see the results gets the same refusal from the button, and nothing goes to the model', async () => {
    const refusal = String((await t.driver.slashCommand({ userId: U.rep, text: 'survey results post' })).json?.text);
    const reply = await resultsOf(U.dana);
    expect(await clickLessons(U.rep, reply)).toBe(refusal);
    expect(api.requests).toEqual([]);
  });
});

describe('the week-12 survey analysis with no ANTHROPIC_API_KEY', () => {
  beforeAll(async () => {
    t = await startWithSko();
  });
  afterAll(async () => {
    await t.close();
  });

  it('offers no draft', async () => {
    expect(plain(await resultsOf(U.dana))).not.toMatch(/lessons learned|\bAI\b/i);
  });
});
