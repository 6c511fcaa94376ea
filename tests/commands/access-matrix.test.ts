import type { KnownBlock } from '@slack/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveTerritorySettings } from '../../src/services/sales/settings.js';
import { renderPlainText } from '../../views/kit/plain-text.js';
import { S, startSalesApp } from '../support/sales-data.js';
import { eventually, type TestApp } from '../support/test-app.js';

/**
 * PRODUCT §3 as a matrix: role × command × subject → allowed (the data comes back, privately) or
 * refused (a clear refusal, in the acknowledgement, naming who may see it). Real signed slash
 * commands through the driver, the real app, the real database.
 */

const names = { user: () => undefined, channel: () => undefined };
let t: TestApp;

beforeAll(async () => {
  t = await startSalesApp();
  saveTerritorySettings(t.db, 2018, { targetCents: 60_000_000 });
});
afterAll(async () => {
  await t.close();
});

type Command = 'perf' | 'territory' | 'comp';
const mention = (id: string) => `<@${id}|someone>`;

/** The heading each command's reply carries for a subject, so an allowed answer is checked to be about them. */
const heading: Record<Command, (about: string) => string> = {
  perf: (about) => `PERFORMANCE · FY2017\n${'═'.repeat(20)}\n\n${about} · 1 Jan – 31 Dec 2017`,
  territory: (about) => `TERRITORY AND QUOTA PLAN · FY2018\n${'═'.repeat(33)}\n\n${about} · 1 Jan – 31 Dec 2018`,
  comp: (about) => `\n\n${about} · 1 Jan – 31 Dec 2017`,
};

interface Case {
  who: string;
  actor: string;
  subject: string;
  text: string;
  /** What the reply is about, when allowed; the refusal text, when not. */
  allowed: string | null;
  refusal?: string;
}

const ANN_MANAGERS = `their managers (<@${S.mia}>, <@${S.lena}>)`;
const CAT_MANAGERS = `their managers (<@${S.max}>, <@${S.lena}>)`;

const cases: Case[] = [
  // A rep: themselves yes, anyone else no.
  { who: 'rep', actor: S.ann, subject: 'self, by default', text: '', allowed: 'Ann Lee' },
  { who: 'rep', actor: S.ann, subject: 'self, named', text: mention(S.ann), allowed: 'Ann Lee' },
  {
    who: 'rep',
    actor: S.ann,
    subject: 'another rep in their team',
    text: mention(S.bob),
    allowed: null,
    refusal: `Only <@${S.bob}> themselves, ${ANN_MANAGERS}, sales leaders and admins can see <@${S.bob}>'s`,
  },
  {
    who: 'rep',
    actor: S.ann,
    subject: 'a rep in another team',
    text: mention(S.cat),
    allowed: null,
    refusal: `Only <@${S.cat}> themselves, ${CAT_MANAGERS}, sales leaders and admins can see <@${S.cat}>'s`,
  },
  {
    who: 'rep',
    actor: S.ann,
    subject: 'their own team',
    text: 'team East',
    allowed: null,
    refusal: `Only East's manager (<@${S.mia}>), sales leaders and admins can see East's`,
  },
  // A manager: their reports and their team yes; another team and its reps no.
  { who: 'manager', actor: S.mia, subject: 'their team, by default', text: '', allowed: 'your team' },
  { who: 'manager', actor: S.mia, subject: 'a rep on their team', text: mention(S.ann), allowed: 'Ann Lee' },
  { who: 'manager', actor: S.mia, subject: 'their own team, by name', text: 'team east', allowed: 'team East' },
  {
    who: 'manager',
    actor: S.mia,
    subject: 'a rep in another team',
    text: mention(S.cat),
    allowed: null,
    refusal: `Only <@${S.cat}> themselves, ${CAT_MANAGERS}, sales leaders and admins can see <@${S.cat}>'s`,
  },
  {
    who: 'manager',
    actor: S.mia,
    subject: 'another team',
    text: 'team West',
    allowed: null,
    refusal: `Only West's manager (<@${S.max}>), sales leaders and admins can see West's`,
  },
  {
    who: 'manager',
    actor: S.mia,
    subject: 'their own manager',
    text: mention(S.lena),
    allowed: null,
    refusal: `Only <@${S.lena}> themselves, their manager, sales leaders and admins can see <@${S.lena}>'s`,
  },
  // A sales leader and an admin: everyone.
  { who: 'leader', actor: S.lena, subject: 'everyone, by default', text: '', allowed: 'the company' },
  { who: 'leader', actor: S.lena, subject: 'any rep', text: mention(S.cat), allowed: 'Cat Diaz' },
  { who: 'leader', actor: S.lena, subject: 'any team', text: 'team West', allowed: 'team West' },
  { who: 'admin', actor: S.adam, subject: 'everyone, by default', text: '', allowed: 'the company' },
  { who: 'admin', actor: S.adam, subject: 'any rep, found by their Slack email', text: mention(S.dan), allowed: 'Dan Moss' },
  { who: 'admin', actor: S.adam, subject: 'any team', text: 'team East', allowed: 'team East' },
  // Someone the sales data does not know.
  { who: 'stranger', actor: S.stranger, subject: 'themselves', text: '', allowed: null, refusal: "I can't find you in the sales data" },
  { who: 'stranger', actor: S.stranger, subject: 'a rep', text: mention(S.ann), allowed: null, refusal: "I can't find you in the sales data" },
];

const WHAT: Record<Command, string> = { perf: 'performance.', territory: 'territory and quota.', comp: 'comp plan and earnings.' };

describe.each(['perf', 'territory', 'comp'] as const)('/sko %s', (command) => {
  it.each(cases.map((c) => ({ ...c, verdict: c.allowed === null ? 'refused' : 'allowed' })))(
    '$who about $subject → $verdict',
    async ({ actor, text, allowed, refusal }) => {
      const before = t.fake.responses.length;
      const res = await t.driver.slashCommand({ userId: actor, text: `${command} ${text}`.trim() });
      expect(res.status).toBe(200);
      expect(res.json?.response_type).toBe('ephemeral');
      const ack = String(res.json?.text);
      if (allowed === null) {
        expect(ack).toContain(refusal);
        if (refusal?.startsWith('Only')) expect(ack).toMatch(new RegExp(`${WHAT[command].replace('.', '\\.')}$`));
        // The refusal is the acknowledgement itself, and an agent command acknowledges once, before it
        // runs its agent: acknowledged with a refusal, it ran nothing, so nothing follows.
        expect(t.fake.responses.length).toBe(before);
        return;
      }
      expect(ack).toMatch(/^:hourglass_flowing_sand: /);
      const reply = await eventually(() => t.fake.responsesTo(res.responseUrl)[0], 15_000);
      expect(reply.body.response_type).toBe('ephemeral');
      const shown = renderPlainText(reply.body.blocks as KnownBlock[], names);
      expect(shown).toContain(heading[command](allowed));
    },
  );
});

describe('/sko me', () => {
  it.each([
    ['rep', S.ann, 'Ann Lee'],
    ['manager', S.mia, 'Mia Ward'],
    ['leader', S.lena, 'Lena Ortiz'],
    ['admin', S.adam, 'Adam Fox'],
  ])('a %s sees their own package', async (_role, actor, name) => {
    const res = await t.driver.slashCommand({ userId: actor, text: 'me' });
    const reply = await eventually(() => t.fake.responsesTo(res.responseUrl)[0], 15_000);
    expect(reply.body.response_type).toBe('ephemeral');
    expect(renderPlainText(reply.body.blocks as KnownBlock[], names)).toContain(`YOUR PACKAGE · ${name.toUpperCase()}`);
  });

  it('takes no one else: /sko me is always about the person asking', async () => {
    const res = await t.driver.slashCommand({ userId: S.ann, text: `me ${mention(S.bob)}` });
    expect(String(res.json?.text)).toContain('does not apply here');
  });

  it('is refused to someone the sales data does not know', async () => {
    const res = await t.driver.slashCommand({ userId: S.stranger, text: 'me' });
    expect(String(res.json?.text)).toContain("I can't find you in the sales data");
  });
});

describe('privacy', () => {
  it('no message with individual or comp data was ever posted in a channel', () => {
    // Every reply went to the person who asked: ephemeral via response_url, nothing through chat.postMessage.
    expect(t.fake.allMessages().filter((m) => !m.channel.startsWith('D'))).toEqual([]);
    expect(t.fake.responses.length).toBeGreaterThan(30);
    expect(t.fake.responses.filter((r) => r.body.response_type !== 'ephemeral')).toEqual([]);
    expect(t.errors).toEqual([]);
  });
});
