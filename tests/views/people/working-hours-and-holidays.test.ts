import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fiscalCalendar } from '../../../src/services/sales/settings.js';
import { setupValues, U } from '../../support/builders.js';
import type { StoredView } from '../../support/fake-slack/types.js';
import { dispatchAt, submitSetup } from '../../support/sko.js';
import { type StateValues, stateValue, withEmptyInputs } from '../../support/slack-driver/state-values.js';
import { eventually, startTestApp, type TestApp } from '../../support/test-app.js';
import { openedView } from '../../support/views.js';

/**
 * Issue 14, point 3: the SKO lead (Priya here, who is not an admin) names the SKO's working hours
 * and holiday calendar in the settings modal, and the Monday task lists wait out a holiday.
 * Day 1 is Tue 2 Feb 2027 in New York; week 8 of the plan starts Mon 18 Jan, Martin Luther King Jr. Day.
 */
describe('the SKO lead sets the working hours and holidays', () => {
  let t: TestApp;

  beforeEach(async () => {
    t = await startTestApp({ now: '2026-11-20T15:00:00Z' });
    const res = await submitSetup(t, setupValues({ sko_lead: stateValue.user(U.priya), content_lead: stateValue.user(U.dana) }));
    if (res.status !== 200 || res.text !== '') throw new Error(`setup was refused: ${res.text}`);
  });
  afterEach(async () => {
    await t.close();
  });

  async function openSettings(userId: string): Promise<StoredView> {
    const before = t.fake.callsTo('views.open').length;
    const res = await t.driver.slashCommand({ userId, text: 'settings' });
    expect(res.text).toBe('');
    return openedView(t, before);
  }

  const submit = (userId: string, view: StoredView, values: StateValues) =>
    t.driver.viewSubmission({ userId, viewId: view.id, callbackId: 'sko_settings', values: withEmptyInputs(view, values) });

  const weekdays = (...days: string[]) => stateValue.checkboxes(days);
  const hours = (start: string, end: string, days = weekdays('1', '2', '3', '4', '5')): StateValues => ({
    settings_work_start: { value: stateValue.time(start) },
    settings_work_end: { value: stateValue.time(end) },
    settings_work_days: { value: days },
  });
  const rulesRow = () => t.db.$client.prepare('SELECT * FROM delivery_rules').all();
  const dmsTo = (userId: string) => t.fake.messagesIn(t.fake.dmChannelOf(userId)).map((m) => String(m.text));

  it('shows the SKO lead only the working hours and holidays, set to the defaults', async () => {
    const view = await openSettings(U.priya);
    const blockIds = view.blocks.map((b) => (b as { block_id?: string }).block_id).filter(Boolean);
    expect(blockIds).toEqual([
      'settings_work_start',
      'settings_work_end',
      'settings_work_days',
      'settings_holiday_country',
      'settings_holiday_region',
      'settings_holidays_added',
      'settings_holidays_removed',
    ]);
    const element = (id: string) => (view.blocks.find((b) => (b as { block_id?: string }).block_id === id) as { element: Record<string, unknown> }).element;
    expect(element('settings_work_start').initial_time).toBe('08:00');
    expect(element('settings_work_end').initial_time).toBe('18:00');
    expect((element('settings_work_days').initial_options as { value: string }[]).map((o) => o.value)).toEqual(['1', '2', '3', '4', '5']);
  });

  it('shows an admin the workspace settings and the SKO’s, and refuses everyone else, saying who can', async () => {
    const view = await openSettings(U.dana);
    const blockIds = view.blocks.map((b) => (b as { block_id?: string }).block_id);
    expect(blockIds).toContain('settings_fiscal_start');
    expect(blockIds).toContain('settings_holiday_country');
    const refused = await t.driver.slashCommand({ userId: U.rep, text: 'settings' });
    const [reply] = await eventually(() => t.fake.responsesTo(refused.responseUrl).length > 0 && t.fake.responsesTo(refused.responseUrl));
    expect(reply?.body.text).toBe(
      'Only admins change the settings: a Slack workspace owner or admin, or someone they made an admin here. The SKO lead can change the working hours and holidays.',
    );
  });

  it('sends each wrong field back saying what to fix, and saves nothing of it', async () => {
    const view = await openSettings(U.priya);
    const bad = await submit(U.priya, view, {
      ...hours('18:00', '08:00', weekdays()),
      settings_holiday_country: { value: stateValue.text('Atlantis') },
      settings_holidays_added: { value: stateValue.text('2027-12-24\n2027-02-30') },
    });
    expect(bad.json).toEqual({
      response_action: 'errors',
      errors: {
        settings_work_end: 'Working hours must end after they start (18:00).',
        settings_work_days: 'Tick at least one working day.',
        settings_holiday_country:
          'There is no holiday calendar for “Atlantis”. Type a country’s two-letter code or its name in English, e.g. DE or Germany, US or United States of America.',
        settings_holidays_added: '“2027-02-30” is not a date. Type dates as YYYY-MM-DD, one a line or separated by commas, e.g. 2027-01-18.',
      },
    });
    const region = await submit(U.priya, view, {
      ...hours('09:00', '17:00'),
      settings_holiday_country: { value: stateValue.text('Germany') },
      settings_holiday_region: { value: stateValue.text('Texas') },
      settings_holidays_added: { value: stateValue.text('2027-12-24') },
      settings_holidays_removed: { value: stateValue.text('2027-12-24') },
    });
    expect(region.json).toEqual({
      response_action: 'errors',
      errors: {
        settings_holiday_region:
          'Germany has no region “Texas”. Give no region for the whole country, or one of: BB, BE, BW, BY, HB, HE, HH, MV, NI, NW, RP, SH, SL, SN, ST, TH.',
        settings_holidays_removed: '2027-12-24 cannot be both a day off and a working day: keep it in one list.',
      },
    });
    expect(rulesRow()).toEqual([]);
    expect(dmsTo(U.priya).filter((text) => text.includes('Settings saved'))).toEqual([]);
  });

  it('keeps an admin’s good fiscal year unsaved while a holiday field is wrong', async () => {
    const view = await openSettings(U.dana);
    const res = await submit(U.dana, view, {
      settings_fiscal_start: { value: stateValue.option('4', 'April') },
      ...hours('08:00', '18:00'),
      settings_holidays_removed: { value: stateValue.text('18 Jan') },
    });
    expect(res.json).toMatchObject({ response_action: 'errors', errors: { settings_holidays_removed: expect.stringContaining('“18” is not a date.') } });
    expect(fiscalCalendar(t.db).startMonth).toBe(1);
    expect(rulesRow()).toEqual([]);
  });

  it('saves the calendar, says what is set in the lead’s DM, and shows it when the settings open again', async () => {
    const view = await openSettings(U.priya);
    const res = await submit(U.priya, view, {
      ...hours('09:00', '17:30', weekdays('1', '2', '3', '4')),
      settings_holiday_country: { value: stateValue.text('de') },
      settings_holiday_region: { value: stateValue.text('Bayern') },
      settings_holidays_added: { value: stateValue.text('2027-12-24, 2027-12-31') },
      settings_holidays_removed: { value: stateValue.text('2027-01-06') },
    });
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    expect(rulesRow()).toEqual([
      expect.objectContaining({
        work_start: '09:00',
        work_end: '17:30',
        work_days: '[1,2,3,4]',
        holiday_country: 'DE',
        holiday_region: 'BY',
        holidays_added: '["2027-12-24","2027-12-31"]',
        holidays_removed: '["2027-01-06"]',
      }),
    ]);
    const saved = await eventually(() => dmsTo(U.priya).find((text) => text.includes('Settings saved')));
    expect(saved).toBe(
      ':white_check_mark: Settings saved. Direct messages reach people 09:00–17:30 their time, Monday to Thursday, with the public holidays of Germany (Bayern); also off: Fri 24 Dec 2027, Fri 31 Dec 2027; working after all: Wed 6 Jan 2027.',
    );
    const again = await openSettings(U.priya);
    const element = (id: string) => (again.blocks.find((b) => (b as { block_id?: string }).block_id === id) as { element: Record<string, unknown> }).element;
    expect(element('settings_holiday_country').initial_value).toBe('DE');
    expect(element('settings_holiday_region').initial_value).toBe('BY');
    expect(element('settings_holidays_added').initial_value).toBe('2027-12-24\n2027-12-31');
    expect(element('settings_work_end').initial_time).toBe('17:30');
  });

  /** The dispatcher runs each Monday of weeks 6 to 8 at 09:00 in New York, then at `after`; what Dana, the content lead, has then. */
  async function mondaysThen(...after: string[]): Promise<string[]> {
    for (const at of ['2027-01-04T14:00:00Z', '2027-01-11T14:00:00Z', '2027-01-18T14:00:00Z', ...after]) await dispatchAt(t, at);
    return dmsTo(U.dana);
  }
  const week8 = (texts: string[]) => texts.filter((text) => text.includes('Week 8 of 12 ('));

  it('sends the Monday task list on Martin Luther King Jr. Day while no calendar is set', async () => {
    expect(week8(await mondaysThen())).toHaveLength(1);
  });

  it('holds the Monday task list of a holiday until the next working morning', async () => {
    const view = await openSettings(U.priya);
    await submit(U.priya, view, { ...hours('08:00', '18:00'), settings_holiday_country: { value: stateValue.text('US') } });
    expect(rulesRow()).toHaveLength(1);
    // Until Mon 18 Jan, 17:59 in New York, then Tue 19 Jan, 08:00: the start of working hours.
    expect(week8(await mondaysThen('2027-01-18T22:59:00Z'))).toEqual([]);
    await dispatchAt(t, '2027-01-19T13:00:00Z');
    expect(week8(dmsTo(U.dana))).toHaveLength(1);
  });
});
