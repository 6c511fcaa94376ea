import type { KnownBlock } from '@slack/types';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { renderPlainText } from '../../../views/kit/plain-text.js';
import { FakeMessagesApi, replyText } from '../../support/fake-anthropic/server.js';
import { S, startSalesApp } from '../../support/sales-data.js';
import { eventually, type TestApp } from '../../support/test-app.js';

const plain = (m: { text?: string; blocks?: unknown[] }) =>
  m.blocks ? renderPlainText(m.blocks as KnownBlock[], { user: () => undefined, channel: () => undefined }) : String(m.text);

let t: TestApp;
let api: FakeMessagesApi;
let thread = 0;

/** What the slash command shows this person: its refusal in the acknowledgement, or its private reply. */
async function commandSays(userId: string, text: string): Promise<string> {
  const res = await t.driver.slashCommand({ userId, text });
  const ack = String(res.json?.text);
  if (!ack.startsWith(':hourglass')) return ack;
  const reply = await eventually(() => t.fake.responsesTo(res.responseUrl)[0], 15_000);
  // The assistant's answer in words stands in for the command's story button.
  return plain(reply.body as { blocks?: unknown[] }).replace('\n\n[ Write the story ]', '');
}

/** Asks in a new assistant thread of the asker's DM; returns the app's replies there once `count` have come. */
async function ask(userId: string, question: string, count: number): Promise<{ texts: string[]; channel: string; threadTs: string }> {
  thread += 1;
  const channel = t.fake.dmChannelOf(userId);
  const threadTs = `1513350000.${String(thread).padStart(6, '0')}`;
  await t.driver.event({
    type: 'message',
    channel,
    channel_type: 'im',
    user: userId,
    text: question,
    ts: `1513350001.${String(thread).padStart(6, '0')}`,
    thread_ts: threadTs,
  });
  const replies = await eventually(() => {
    const found = t.fake.allMessages().filter((m) => m.channel === channel && m.thread_ts === threadTs);
    return found.length >= count ? found : undefined;
  }, 15_000);
  return { texts: replies.map(plain), channel, threadTs };
}

describe('the assistant, with the model layer on', () => {
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

  it('a new thread offers suggested prompts', async () => {
    const channel = t.fake.dmChannelOf(S.lena);
    await t.driver.event({
      type: 'assistant_thread_started',
      assistant_thread: { user_id: S.lena, context: {}, channel_id: channel, thread_ts: '1513350000.900000' },
      event_ts: '1513350000.900001',
    });
    const call = await eventually(() => t.fake.callsTo('assistant.threads.setSuggestedPrompts')[0]);
    expect(call.args.channel_id).toBe(channel);
    expect(JSON.stringify(call.args.prompts)).toContain('How is my team doing this year so far?');
  });

  // The access matrix through the assistant: each question shows exactly what the command it stands for shows that person.
  it.each([
    ['a rep about another team', S.ann, 'How is team West doing?', 'perf team West', false],
    ['a rep about another rep', S.ann, 'How did <@UCAT00001> perform?', 'perf <@UCAT00001>', false],
    ['a rep about herself', S.ann, 'How am I doing?', 'perf', true],
    ['a manager about her rep', S.mia, 'How is <@UANN00001> doing so far?', 'perf <@UANN00001> ytd', true],
    ['a manager about the other team’s pipeline', S.max, 'Where is the pipeline of team East stuck?', 'pipeline team East', false],
    ['the sales leader about the forecast', S.lena, 'What does the forecast for next year need?', 'forecast', true],
    ['someone not in the sales data', S.stranger, 'How is team East doing?', 'perf team East', false],
  ])('%s: the same as the command', async (_who, userId, question, command, allowed) => {
    if (allowed) api.script(replyText('A steady year.'));
    const expected = await commandSays(userId, command);
    const { texts } = await ask(userId, question, allowed ? 2 : 1);
    expect(texts[0]).toBe(expected);
    if (allowed) expect(texts[1]).toContain('A steady year.');
    else expect(api.requests).toEqual([]);
  });

  it('shows that it is working while the figures are crunched', async () => {
    api.script(replyText('A steady year.'));
    const { channel, threadTs } = await ask(S.lena, 'Who are our top performers?', 2);
    const status = t.fake.callsTo('assistant.threads.setStatus').find((c) => c.args.thread_ts === threadTs);
    expect(status?.args).toMatchObject({ channel_id: channel, status: 'is looking at the figures…' });
  });

  it('a question no agent answers gets examples, and nothing goes to the model', async () => {
    const { texts } = await ask(S.lena, 'What is the weather in Lisbon?', 1);
    expect(texts[0]).toContain('I answer questions about performance, the forecast and the pipeline');
    expect(api.requests).toEqual([]);
  });
});

describe('the assistant with no ANTHROPIC_API_KEY', () => {
  beforeAll(async () => {
    t = await startSalesApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers with the figures alone, and mentions no AI', async () => {
    const expected = await commandSays(S.lena, 'pipeline');
    const { texts } = await ask(S.lena, 'Where is the pipeline stuck?', 1);
    expect(texts).toEqual([expected]);
    expect(texts[0]).not.toMatch(/\bAI\b|written by/i);
  });
});
