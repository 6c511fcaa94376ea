import type { KnownBlock } from '@slack/types';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events, expenses } from '../../../db/schema.js';
import { BUDGET, SETUP_MODAL } from '../../../views/kit/ids.js';
import { renderPlainText } from '../../../views/kit/plain-text.js';
import { addPeople, setupValues, U } from '../../support/builders.js';
import { submitNewSko, submitSetup } from '../../support/sko.js';
import { type StateValues, stateValue } from '../../support/slack-driver/state-values.js';
import { eventually, startTestApp, type TestApp } from '../../support/test-app.js';
import { openedView } from '../../support/views.js';

/**
 * Two regional SKOs side by side. Dana (an admin) leads the Americas one, in #amer-sko; she sets
 * up the EMEA one too, in #emea-sko, with Emil as its SKO lead. Priya leads content for both.
 * Ava is a rep in the Americas, Lars one in EMEA.
 */
const EMIL = 'UEMIL0001';
const AVA = 'UAVA00001';
const LARS = 'ULARS0001';
const AMER = 'CAMER0001';
const EMEA = 'CEMEA0001';
const names = { user: (id: string) => id, channel: () => 'sko' };

let t: TestApp;
const eventNamed = (name: string) => t.db.select().from(events).where(eq(events.name, name)).get();
const text = (blocks: unknown) => renderPlainText((blocks ?? []) as KnownBlock[], names);

async function ask(userId: string, words: string, channelId?: string): Promise<string> {
  const res = await t.driver.slashCommand({ userId, text: words, ...(channelId ? { channelId } : {}) });
  return res.json ? text(res.json.blocks ?? []) || String(res.json.text) : res.text;
}

beforeAll(async () => {
  t = await startTestApp({ now: '2026-11-20T15:00:00Z' });
  addPeople(t.db, [
    { slackUserId: AVA, name: 'Ava', team: 'East', region: 'Americas' },
    { slackUserId: LARS, name: 'Lars', team: 'Nordics', region: 'EMEA' },
    { slackUserId: EMIL, name: 'Emil', team: 'DACH', region: 'EMEA' },
  ]);
  const amer = await submitSetup(
    t,
    setupValues({
      name: stateValue.text('Americas Kickoff FY27'),
      channelId: stateValue.channel(AMER),
      roster: stateValue.options(['region:Americas']),
    }),
  );
  expect(amer.text).toBe('');
  const emea = await submitNewSko(
    t,
    setupValues({
      name: stateValue.text('EMEA Kickoff FY27'),
      day1: stateValue.date('2027-02-09'),
      timeZone: stateValue.option('Europe/Berlin'),
      channelId: stateValue.channel(EMEA),
      sko_lead: stateValue.user(EMIL),
      roster: stateValue.options(['region:EMEA']),
    }),
  );
  expect(emea.text).toBe('');
});
afterAll(async () => {
  await t.close();
});

describe('several SKOs in one workspace', () => {
  it('gives each a handle from its name and keeps its roster', () => {
    expect(eventNamed('Americas Kickoff FY27')).toMatchObject({ handle: 'americas-fy27', roster: { teams: [], regions: ['Americas'] } });
    expect(eventNamed('EMEA Kickoff FY27')).toMatchObject({ handle: 'emea-fy27', roster: { teams: [], regions: ['EMEA'] } });
  });

  it('answers about the SKO of the channel the command is made in, whoever asks', async () => {
    expect(await ask(AVA, 'status', EMEA)).toContain('EMEA KICKOFF FY27');
    expect(await ask(LARS, 'status', AMER)).toContain('AMERICAS KICKOFF FY27');
  });

  it('elsewhere answers about the SKO the person attends or leads', async () => {
    expect(await ask(AVA, 'status')).toContain('AMERICAS KICKOFF FY27');
    expect(await ask(LARS, 'status')).toContain('EMEA KICKOFF FY27');
    expect(await ask(EMIL, 'plan')).toContain('EMEA KICKOFF FY27');
  });

  it('asks which SKO when the person is in both, and takes its handle as the first word', async () => {
    const reply = await ask(U.priya, 'status');
    expect(reply).toContain('Which SKO do you mean? You are in 2:');
    expect(reply).toContain('EMEA Kickoff FY27: /sko status emea-fy27');
    expect(reply).toContain('Americas Kickoff FY27: /sko status americas-fy27');
    expect(await ask(U.priya, 'status emea-fy27')).toContain('EMEA KICKOFF FY27');
    expect(await ask(U.priya, 'tasks americas-fy27')).toContain('YOUR TASKS: AMERICAS KICKOFF FY27');
  });

  it('refuses a second running SKO in a channel that is another SKO’s, saying whose', async () => {
    const refused = await submitNewSko(t, setupValues({ name: stateValue.text('Partner Kickoff'), channelId: stateValue.channel(EMEA) }));
    expect(refused.json).toEqual({
      response_action: 'errors',
      errors: { [SETUP_MODAL.blocks.channelId]: `<#${EMEA}> is the channel of EMEA Kickoff FY27. Pick a channel of this SKO's own.` },
    });
    expect(eventNamed('Partner Kickoff')).toBeUndefined();
  });
});

describe('roles per SKO', () => {
  async function budgetForm(userId: string, channelId: string): Promise<{ opened: boolean; reply?: string }> {
    const before = t.fake.callsTo('views.open').length;
    const res = await t.driver.slashCommand({ userId, text: 'budget add', channelId });
    return eventually(() => {
      if (t.fake.callsTo('views.open').length > before) return { opened: true };
      const [reply] = t.fake.responsesTo(res.responseUrl);
      return reply ? { opened: false, reply: reply.body.text as string } : undefined;
    });
  }

  it('the EMEA SKO lead changes the EMEA SKO, and not the Americas one', async () => {
    expect(await budgetForm(EMIL, EMEA)).toEqual({ opened: true });
    expect(await budgetForm(EMIL, AMER)).toEqual({
      opened: false,
      reply: 'Only the logistics lead, the SKO lead or an admin can record expenses and change the budget split. Send them the invoice or the figure.',
    });
    const setup = await t.driver.slashCommand({ userId: EMIL, text: 'setup', channelId: AMER });
    expect(setup.text).toContain('Only an admin or the SKO lead');
  });

  it('a form opened for one SKO records on that SKO, wherever it is submitted', async () => {
    const before = t.fake.callsTo('views.open').length;
    await t.driver.slashCommand({ userId: U.dana, text: 'budget add', channelId: EMEA });
    const view = await openedView(t, before);
    const values: StateValues = {
      [BUDGET.expense.blocks.category]: { [BUDGET.expense.actionId]: stateValue.option('venue') },
      [BUDGET.expense.blocks.vendor]: { [BUDGET.expense.actionId]: stateValue.text('Berlin Congress Center') },
      [BUDGET.expense.blocks.amount]: { [BUDGET.expense.actionId]: stateValue.text('$40,000') },
      [BUDGET.expense.blocks.date]: { [BUDGET.expense.actionId]: stateValue.date('2026-12-01') },
      [BUDGET.expense.blocks.note]: { [BUDGET.expense.actionId]: stateValue.text(null) },
    };
    await t.driver.viewSubmission({ userId: U.dana, viewId: view.id, callbackId: BUDGET.expense.callbackId, values });
    const recorded = t.db.select({ eventId: expenses.eventId, vendor: expenses.vendor }).from(expenses).all();
    expect(recorded).toEqual([{ eventId: eventNamed('EMEA Kickoff FY27')?.id, vendor: 'Berlin Congress Center' }]);
  });

  it('setup opened in an SKO’s channel edits that SKO', async () => {
    const before = t.fake.callsTo('views.open').length;
    await t.driver.slashCommand({ userId: U.dana, text: 'setup', channelId: EMEA });
    const view = await openedView(t, before);
    expect(view.private_metadata).toBe(String(eventNamed('EMEA Kickoff FY27')?.id));
    const name = (view.blocks as { block_id?: string; element?: { initial_value?: string } }[]).find((b) => b.block_id === SETUP_MODAL.blocks.name);
    expect(name?.element?.initial_value).toBe('EMEA Kickoff FY27');
  });
});
