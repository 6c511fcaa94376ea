import type { KnownBlock } from '@slack/types';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { narrativeFeedback } from '../../../db/schema.js';
import { NARRATIVE } from '../../../views/kit/ids.js';
import { renderPlainText } from '../../../views/kit/plain-text.js';
import { askFigures, FakeMessagesApi, failWith, figuresIn, replyText } from '../../support/fake-anthropic/server.js';
import { S, startSalesApp } from '../../support/sales-data.js';
import { eventually, type TestApp } from '../../support/test-app.js';

type Body = { blocks?: KnownBlock[]; text?: string; response_type?: string };
const plainText = (body: Body) => renderPlainText(body.blocks ?? [], { user: () => undefined, channel: () => undefined });
const buttonsIn = (body: Body) =>
  (body.blocks ?? []).flatMap((b) => (b.type === 'actions' ? b.elements : [])).map((e) => ({ id: e.action_id, value: 'value' in e ? e.value : undefined }));

let api: FakeMessagesApi;
let t: TestApp;

/** Runs an agent command and returns its private reply's body. */
async function command(userId: string, text: string): Promise<Body> {
  const res = await t.driver.slashCommand({ userId, text });
  return (await eventually(() => t.fake.responsesTo(res.responseUrl)[0], 15_000)).body as Body;
}

/** Clicks a button of a private reply; returns the private reply to the click. */
async function click(userId: string, reply: Body, actionId: string, value?: string): Promise<Body> {
  const res = await t.driver.blockAction({
    userId,
    actionId,
    ...(value === undefined ? {} : { value }),
    ephemeral: true,
    channelId: 'D0LENA',
    message: { type: 'message', ts: '1513350000.000100', blocks: reply.blocks ?? [] } as never,
  });
  const response = await eventually(() => t.fake.responsesTo(res.responseUrl as string)[0], 15_000);
  expect(response.body.response_type).toBe('ephemeral');
  return response.body as Body;
}

describe('"Write the story" with the model layer on', () => {
  beforeAll(async () => {
    api = await FakeMessagesApi.start();
    t = await startSalesApp({ baseUrl: api.baseUrl });
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

  it.each(['perf', 'forecast', 'pipeline'])('/sko %s offers the story under its figures', async (name) => {
    const reply = await command(S.lena, name);
    expect(buttonsIn(reply)).toContainEqual({ id: NARRATIVE.writeStory, value: name });
  });

  it('the story is written from the figures the model looked up, labelled as AI, with feedback buttons', async () => {
    const reply = await command(S.lena, 'perf');
    api.script(
      askFigures('totals.wonRevenue', 'totals.winRate'),
      replyText((request) => {
        const f = figuresIn(request);
        return `*What worked:* $${Number(f['totals.wonRevenue']) / 1000}K won at a ${Math.round(Number(f['totals.winRate']) * 100)}% win rate.`;
      }),
    );
    const story = await click(S.lena, reply, NARRATIVE.writeStory);
    // FY2017: 140,000 won (A1, A2, B1, D1), 4 won of 6 closed.
    expect(plainText(story)).toBe(
      [
        'The story · the company',
        'What worked: $140K won at a 67% win rate.',
        ':sparkles: Written by AI from the figures; every number in it was checked against them. Check it before you share it.',
        '[ :thumbsup: Useful ] [ :thumbsdown: Not useful ]',
      ].join('\n\n'),
    );
    expect(plainText(story)).toContain('Written by AI from the figures');
    expect(buttonsIn(story).map((b) => b.id)).toEqual([NARRATIVE.useful, NARRATIVE.notUseful]);
    expect(api.requests[0]?.model).toBe('claude-haiku-5-5');
  });

  it('a story with a number not in the figures is never shown; after one more try the figures stand alone, with a note', async () => {
    const reply = await command(S.lena, 'pipeline');
    api.script(replyText('Pipeline up 45% to $2.4M.'), replyText('Velocity is $9,999 a day.'));
    const story = await click(S.lena, reply, NARRATIVE.writeStory);
    expect(plainText(story)).toContain(
      'The story that was written used numbers that are not in the figures, so it is not shown. The figures above are the facts; try again for a new story.',
    );
    expect(plainText(story)).not.toMatch(/45%|\$2\.4M|9,999/);
    expect(api.requests).toHaveLength(2);
  });

  it('a 429 and 529s are retried, then a plain message says the figures stand', async () => {
    const reply = await command(S.lena, 'forecast');
    api.script(failWith(429), failWith(529), failWith(529));
    const story = await click(S.lena, reply, NARRATIVE.writeStory);
    expect(plainText(story)).toContain('The story could not be written just now: the writing service is busy or out of reach. The figures above stand');
    expect(api.requests).toHaveLength(3);
  });

  it('a rep clicking a story of a team she may not see gets the same refusal as the command, and nothing goes to the model', async () => {
    const reply = await command(S.ann, 'perf');
    const refusal = (await t.driver.slashCommand({ userId: S.ann, text: 'perf team West' })).json as Body;
    expect(refusal.text).toContain("can see West's performance");
    const answer = await click(S.ann, reply, NARRATIVE.writeStory, 'perf team West');
    expect(answer.text).toBe(refusal.text);
    expect(api.requests).toEqual([]);
  });

  it('the facts sent are only what the asker may see: a manager’s story holds her team, not the other', async () => {
    const reply = await command(S.mia, 'perf');
    api.script(replyText('East had a steady year.'));
    await click(S.mia, reply, NARRATIVE.writeStory);
    const prompt = String(api.requests[0]?.messages[0]?.content);
    expect(prompt).toContain('Ann Lee');
    expect(prompt).not.toMatch(/Cat Diaz|Dan Moss|West/);
  });

  it('feedback is kept with its verdict, and thanked privately', async () => {
    const reply = await command(S.lena, 'perf');
    api.script(replyText('A steady year.'));
    const story = await click(S.lena, reply, NARRATIVE.writeStory);
    const thanks = await click(S.lena, story, NARRATIVE.notUseful);
    expect(thanks.text).toBe('Thanks: noted as not useful. It helps make the next one better.');
    expect(t.db.select().from(narrativeFeedback).all()).toMatchObject([{ purpose: 'story:perf', verdict: 'not-useful', slackUserId: S.lena }]);
  });
});

describe('with individual data kept from the model', () => {
  beforeAll(async () => {
    api = await FakeMessagesApi.start();
    t = await startSalesApp({ baseUrl: api.baseUrl, individualData: 'off' });
  });
  afterAll(async () => {
    await t.close();
    await api.close();
  });

  it('a rep’s own figures offer no story, and a company story carries no rep’s name', async () => {
    expect(buttonsIn(await command(S.ann, 'perf')).filter((b) => String(b.id).startsWith('narrative'))).toEqual([]);
    const reply = await command(S.lena, 'perf');
    api.script(replyText('A steady year.'));
    await click(S.lena, reply, NARRATIVE.writeStory);
    expect(String(api.requests[0]?.messages[0]?.content)).not.toMatch(/Ann Lee|Bob Stone|Cat Diaz|Dan Moss/);
  });
});

describe('with no ANTHROPIC_API_KEY', () => {
  beforeAll(async () => {
    t = await startSalesApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it.each(['perf', 'forecast', 'pipeline', 'help'])('/sko %s offers no story and mentions no AI', async (name) => {
    const res = await t.driver.slashCommand({ userId: S.lena, text: name });
    const reply = name === 'help' ? (res.json as Body) : await command(S.lena, name);
    expect(buttonsIn(reply).filter((b) => String(b.id).startsWith('narrative'))).toEqual([]);
    expect(`${reply.text} ${plainText(reply)}`).not.toMatch(/\bAI\b|\bstory\b|\bmodel\b|written by/i);
  });
});
