import type { KnownBlock } from '@slack/types';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { saveSetup } from '../../../src/services/plan/setup.js';
import { renderPlainText } from '../../../views/kit/plain-text.js';
import { setupInput, U } from '../../support/builders.js';
import { askFigures, FakeMessagesApi, figuresIn, replyText } from '../../support/fake-anthropic/server.js';
import { S, startSalesApp } from '../../support/sales-data.js';
import { eventually, type TestApp } from '../../support/test-app.js';

let t: TestApp;
let api: FakeMessagesApi;

const plain = (body: { blocks?: unknown[]; text?: string }) =>
  body.blocks ? renderPlainText(body.blocks as KnownBlock[], { user: () => undefined, channel: () => undefined }) : String(body.text);

/** Runs `/sko <text>`; returns the acknowledgement and, when it went on, the private reply. */
async function run(userId: string, text: string): Promise<{ ack: string; reply: string | null }> {
  const res = await t.driver.slashCommand({ userId, text });
  const ack = String(res.json?.text);
  if (!ack.startsWith(':hourglass')) return { ack, reply: null };
  const reply = await eventually(() => t.fake.responsesTo(res.responseUrl)[0], 15_000);
  return { ack, reply: plain(reply.body as { blocks?: unknown[] }) };
}

/** The SKO in March 2018, Lena among its sales leaders, planned on 15 Dec 2017. */
function setUpSko(): void {
  saveSetup(t.db, setupInput({ name: 'FY18 Sales Kickoff', day1: '2018-03-06', salesLeaders: [S.lena] }), U.dana, t.clock.now(), null);
}

describe('/sko brief with the model layer on', () => {
  beforeAll(async () => {
    api = await FakeMessagesApi.start();
    t = await startSalesApp({ baseUrl: api.baseUrl });
    setUpSko();
  });
  afterAll(async () => {
    await t.close();
    await api.close();
  });
  beforeEach(() => {
    api.reset();
    t.fake.reset();
  });
  afterEach(() => {
    expect(api.unexpected).toEqual([]);
    expect(t.errors).toEqual([]);
  });

  it('drafts the committee pack with the long model, as a canvas in the requester’s DM that she may edit', async () => {
    api.script(
      askFigures('event.headcount', 'event.budget', 'performance.totals.wonRevenue'),
      replyText((request) => {
        const f = figuresIn(request);
        return `# At a glance\n- ${f['event.headcount']} people, a $${Number(f['event.budget']) / 1000}K budget\n- Last year: $${Number(f['performance.totals.wonRevenue']) / 1000}K won`;
      }),
    );
    const { ack, reply } = await run(S.lena, 'brief committee');
    expect(ack).toBe(':hourglass_flowing_sand: Drafting “Planning committee meeting #1: the pack” from the plan and the figures you may see…');
    expect(reply).toContain('Planning committee meeting #1: the pack is drafted in a canvas in our DM (its tab at the top). It is yours to edit.');
    expect(reply).toContain('[ :thumbsup: Useful ] [ :thumbsdown: Not useful ]');
    expect(api.requests[0]?.model).toBe('claude-sonnet-5-5');
    // FY2017 (the year to 15 Dec): 140,000 won; the setup's 240 people and $620,000.
    expect(t.fake.canvases()).toEqual([
      {
        id: expect.any(String),
        title: 'Planning committee meeting #1: the pack',
        channelId: t.fake.dmChannelOf(S.lena),
        markdown: expect.stringContaining('# At a glance\n- 240 people, a $620K budget\n- Last year: $140K won\n\n---\n_Written by AI from the figures'),
        writers: [S.lena],
      },
    ]);
  });

  it('the review outline draws on the pipeline too', async () => {
    api.script(replyText('# The year\n- A steady year.'));
    await run(S.lena, 'brief review');
    const prompt = String(api.requests[0]?.messages[0]?.content);
    expect(prompt).toContain('"pipeline":{"agent":"sales-pipeline-analyst"');
    expect(t.fake.canvases()).toHaveLength(1);
  });

  it('a rep may not draft a brief, and nothing goes to the model', async () => {
    const { ack } = await run(S.ann, 'brief review');
    expect(ack).toBe('Only the SKO lead, the content lead, sales leaders and admins can draft the committee pack or the FY review outline.');
    expect(api.requests).toEqual([]);
  });

  it('the content lead gets the pack with only the sales figures she may see: her own, nobody else’s', async () => {
    api.script(replyText('# The SKO\n- Plan the agenda.'));
    await run(U.priya, 'brief committee');
    const prompt = String(api.requests[0]?.messages[0]?.content);
    expect(prompt).toContain('"salesFiguresFor":"you"');
    expect(prompt).not.toMatch(/Ann Lee|Bob Stone|Cat Diaz|Dan Moss|East|West/);
  });

  it('a draft whose numbers are not in the figures makes no canvas', async () => {
    api.script(replyText('# Plan\n- 999 people.'), replyText('# Plan\n- $1.5M budget.'));
    const { reply } = await run(S.lena, 'brief committee');
    expect(reply).toContain('used numbers that are not in the figures, so no canvas was made');
    expect(t.fake.canvases()).toEqual([]);
  });

  it('says which brief when none is named', async () => {
    const { ack } = await run(S.lena, 'brief');
    expect(ack).toBe('Say which brief: `/sko brief committee|review`.');
  });
});

describe('/sko brief with no ANTHROPIC_API_KEY', () => {
  beforeAll(async () => {
    t = await startSalesApp();
    setUpSko();
  });
  afterAll(async () => {
    await t.close();
  });

  it('does not exist: it is answered as unknown, and help does not list it', async () => {
    const { ack } = await run(S.lena, 'brief committee');
    expect(ack).toContain("I don't know `/sko brief`.");
    expect((await run(S.lena, 'help')).ack).not.toContain('brief');
    expect(t.fake.canvases()).toEqual([]);
  });
});
