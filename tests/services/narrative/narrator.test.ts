import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { toFacts } from '../../../src/domain/narrative/facts.js';
import { createLogger } from '../../../src/logger.js';
import { createNarrator, type Narrator } from '../../../src/services/narrative/narrator.js';
import { askFigures, FakeMessagesApi, failWith, figuresIn, replyText } from '../../support/fake-anthropic/server.js';

const perf = () => ({
  agent: 'quota-performance-tracker',
  totals: { wonRevenue: 130_000, attainment: 0.2889 },
  byRep: [{ name: 'Ann Lee', wonRevenue: 100_000 }],
});

let api: FakeMessagesApi;
let narrator: Narrator;
let log: string[];

beforeAll(async () => {
  api = await FakeMessagesApi.start();
});
afterAll(async () => {
  await api.close();
});
beforeEach(() => {
  api.reset();
  log = [];
  narrator = createNarrator(
    { apiKey: 'sk-ant-test', baseUrl: api.baseUrl, quickModel: 'quick-model', longModel: 'long-model', individualData: true },
    createLogger('debug', (line) => log.push(line)),
  );
});

const write = () => narrator.write({ purpose: 'story:test', size: 'quick', task: 'Write the story.', facts: toFacts(perf(), { individual: true }) });

describe('the model layer', () => {
  it('answers the model’s figure look-ups from the facts, and passes a text whose numbers are those figures', async () => {
    api.script(
      askFigures('totals.wonRevenue', 'totals.attainment', 'totals.nothing'),
      replyText((request) => {
        const f = figuresIn(request);
        return `Won $${Number(f['totals.wonRevenue']) / 1000}K, ${Math.round(Number(f['totals.attainment']) * 100)}% of quota.`;
      }),
    );
    expect(await write()).toEqual({ kind: 'text', text: 'Won $130K, 29% of quota.' });
    const [first, second] = api.requests;
    expect(first?.model).toBe('quick-model');
    expect(first?.apiKey).toBe('sk-ant-test');
    expect(first?.tools?.map((t) => t.name)).toEqual(['get_figures']);
    // The model sees names and figure ids, never the numbers themselves.
    const prompt = String(first?.messages[0]?.content);
    expect(prompt).toContain('"wonRevenue":"#totals.wonRevenue"');
    expect(prompt).not.toContain('130000');
    expect(figuresIn(second as NonNullable<typeof second>)).toEqual({
      'totals.wonRevenue': 130_000,
      'totals.attainment': 0.2889,
      'totals.nothing': 'no such figure',
    });
  });

  it('a draft with a number not in the facts is not posted: it is written again once, naming the number', async () => {
    api.script(replyText('Won $999K.'), replyText('Won $130K.'));
    expect(await write()).toEqual({ kind: 'text', text: 'Won $130K.' });
    expect(JSON.stringify(api.requests[1]?.messages)).toContain('($999K)');
  });

  it('a second bad draft leaves the figures alone', async () => {
    api.script(replyText('Won $999K.'), replyText('Up 45% on last year.'));
    expect(await write()).toEqual({ kind: 'figures-only', reason: 'unchecked' });
    expect(api.requests).toHaveLength(2);
  });

  it('a 429 and a 529 are retried', async () => {
    api.script(failWith(429), failWith(529), replyText('Won $130K.'));
    expect(await write()).toEqual({ kind: 'text', text: 'Won $130K.' });
    expect(api.requests).toHaveLength(3);
  });

  it('an API that stays busy after the retries leaves the figures alone, with a warning and no error', async () => {
    api.script(failWith(429), failWith(529), failWith(529));
    expect(await write()).toEqual({ kind: 'figures-only', reason: 'unavailable' });
    expect(api.requests).toHaveLength(3);
    expect(log.some((line) => line.includes('the Messages API failed (529) after retries'))).toBe(true);
  });

  it('logs what was sent at debug level without the names or figures in it', async () => {
    api.script(askFigures('byRep.0.wonRevenue'), replyText('Ann Lee won $100K.'));
    await write();
    const debug = log.filter((line) => line.includes('story:test'));
    expect(debug.length).toBeGreaterThan(1);
    expect(debug.join('\n')).not.toMatch(/Ann Lee|100000|sk-ant/);
  });
});
