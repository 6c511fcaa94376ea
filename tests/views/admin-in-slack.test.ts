import type { KnownBlock } from '@slack/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fiscalCalendar } from '../../src/services/sales/settings.js';
import { renderPlainText } from '../../views/kit/plain-text.js';
import { U } from '../support/builders.js';
import type { UploadedFile } from '../support/fake-slack/types.js';
import { DEALS_CSV, PEOPLE_CSV } from '../support/sales-data.js';
import { startWithSko } from '../support/sko.js';
import { stateValue, withEmptyInputs } from '../support/slack-driver/state-values.js';
import { eventually, type TestApp } from '../support/test-app.js';
import { openedView } from '../support/views.js';

const names = { user: (id: string) => id, channel: (id: string) => id };
/** The SKO's working hours as the modal shows them, which Slack sends back untouched. */
const slackSendsTheWorkingHours = {
  settings_work_start: { value: stateValue.time('08:00') },
  settings_work_end: { value: stateValue.time('18:00') },
  settings_work_days: { value: stateValue.checkboxes(['1', '2', '3', '4', '5']) },
};

/**
 * An admin with no terminal runs the SKO's data from Slack alone: imports people and deals in the
 * app's DM, sets the fiscal year in a modal, takes the survey answers and the action items away as
 * files, and changes a survey question by sharing its file back.
 */
describe('an admin with no terminal', () => {
  let t: TestApp;
  let dm: string;
  let seen = 0;

  beforeAll(async () => {
    t = await startWithSko();
    dm = t.fake.dmChannelOf(U.dana);
  });
  afterAll(async () => {
    await t.close();
  });

  /** Dana drops a file into her DM with the app; returns the app's next reply there. */
  async function share(name: string, content: string, text = ''): Promise<string> {
    const file = t.fake.addFile({ name, content, user: U.dana });
    await t.driver.event({
      type: 'message',
      subtype: 'file_share',
      text,
      user: U.dana,
      channel: dm,
      channel_type: 'im',
      files: [file],
      ts: `${Date.now() / 1000}`,
    });
    const reply = await eventually(() => t.fake.messagesIn(dm)[seen], 10_000);
    seen += 1;
    return reply.blocks ? renderPlainText(reply.blocks as KnownBlock[], names) : String(reply.text);
  }

  /** Dana clicks a button in a private reply; returns the files that reached her DM since `before`. */
  async function click(actionId: string, value: string, before: number): Promise<UploadedFile[]> {
    await t.driver.blockAction({ userId: U.dana, actionId, value, ephemeral: true, message: { type: 'message', ts: '1700000000.000100', blocks: [] } });
    return eventually(() => {
      const done = t.fake.uploads().filter((u) => u.completed && u.channel === dm);
      return done.length > before ? done.slice(before) : undefined;
    }, 10_000);
  }

  it('imports the people and the deals by sharing the CRM exports in the DM', async () => {
    expect(await share('people.csv', PEOPLE_CSV)).toContain('Imported people.csv as people: 8 rows');
    expect(await share('opportunities.csv', DEALS_CSV, 'deals')).toContain('Imported opportunities.csv as deals: 8 rows: 8 new deals');
    expect(t.db.$client.prepare('SELECT count(*) FROM deals').pluck().get()).toBe(8);
  });

  it('sets the fiscal year in the settings modal, with a wrong figure sent back to its field', async () => {
    const before = t.fake.callsTo('views.open').length;
    await t.driver.slashCommand({ userId: U.dana, text: 'settings' });
    const view = await openedView(t, before);
    const bad = await t.driver.viewSubmission({
      userId: U.dana,
      viewId: view.id,
      callbackId: 'sko_settings',
      values: withEmptyInputs(view, {
        settings_fiscal_start: { value: stateValue.option('2', 'February') },
        settings_plan_year: { value: stateValue.text('2027') },
        settings_target: { value: stateValue.text('lots') },
        ...slackSendsTheWorkingHours,
      }),
    });
    expect(bad.json).toEqual({ response_action: 'errors', errors: { settings_target: 'Type an amount, e.g. $50M or 48,500,000.' } });
    // Nothing of a form with a wrong field is saved.
    expect(fiscalCalendar(t.db).startMonth).toBe(1);
    await t.driver.viewSubmission({
      userId: U.dana,
      viewId: view.id,
      callbackId: 'sko_settings',
      values: withEmptyInputs(view, {
        settings_fiscal_start: { value: stateValue.option('2', 'February') },
        settings_plan_year: { value: stateValue.text('2027') },
        settings_target: { value: stateValue.text('$1.2M') },
        ...slackSendsTheWorkingHours,
      }),
    });
    expect(fiscalCalendar(t.db).startMonth).toBe(2);
    const saved = await eventually(() => t.fake.messagesIn(dm)[seen], 10_000);
    seen += 1;
    expect(saved.text).toBe(
      ':white_check_mark: Settings saved. The fiscal year starts in February. FY2027 plan: $1.2M target, 10% over-assignment, ramp 0/25/50/75/100, history weighs 50%. Direct messages reach people 08:00–18:00 their time, Monday to Friday, with no public holidays.',
    );
  });

  it('takes the survey answers and every action item away as CSV files in the DM', async () => {
    await t.driver.slashCommand({ userId: U.dana, text: 'action Book the venue due:2026-12-04' });
    const answers = await click('export_survey_answers', 'pre', 0);
    expect(answers.map((f) => f.filename)).toEqual(['pre-event-survey-answers.csv']);
    expect(answers[0]?.bytes?.toString('utf8').split('\r\n')[0]).toMatch(/^respondent,/);
    const items = await click('export_action_items', '', 1);
    expect(items.map((f) => f.filename)).toEqual(['action-items.csv']);
    expect(items[0]?.bytes?.toString('utf8')).toContain('Book the venue');
  });

  it('changes a survey question by sharing its file back, and a broken file changes nothing', async () => {
    const [file] = await click('export_survey_questions', 'pre', 2);
    expect(file?.filename).toBe('pre-event-survey-questions.json');
    const survey = JSON.parse(file?.bytes?.toString('utf8') ?? '{}') as { questions: { prompt: string }[] };
    expect(survey.questions[0]?.prompt).toBe('Which topics do you most want the SKO to cover?');
    const broken = { ...survey, questions: [{ ...survey.questions[0], prompt: '' }, ...survey.questions.slice(1)] };
    expect(await share('pre-event-survey-questions.json', JSON.stringify(broken))).toContain('The survey was not changed');
    survey.questions[0] = { ...survey.questions[0], prompt: 'Which three topics matter most to you this year?' };
    expect(await share('pre-event-survey-questions.json', JSON.stringify(survey))).toBe('✔ Saved: the pre-event survey now has 5 questions.');
    const stored = t.db.$client.prepare("SELECT definition FROM surveys WHERE kind = 'pre'").pluck().get() as string;
    expect(JSON.parse(stored).questions[0].prompt).toBe('Which three topics matter most to you this year?');
  });

  it('sees on App Home what data is loaded, when and by whom, what is missing and how to add it, the admins and the settings', async () => {
    await t.driver.event({ type: 'app_home_opened', user: U.dana, channel: dm, tab: 'home' });
    const home = await eventually(() => t.fake.homeViewOf(U.dana));
    const text = renderPlainText(home.blocks as KnownBlock[], names);
    // The newest deal record: C1's close on Sun 1 Oct 2017 (open deals' expected closes are not records).
    expect(text).toContain('Data loaded · Sales data as of Sun 1 Oct 2017 (the newest deal).');
    expect(text).toMatch(/• People: 8 rows · last file people\.csv \w{3} \d+ \w{3} 2026 \d\d:\d\d EST by @UDANA0001/);
    expect(text).toMatch(/• Deals: 8 rows · last file opportunities\.csv .* by @UDANA0001/);
    expect(text).toContain('• Quotas: share a quotas sheet (email, period start and end, amount)');
    expect(text).toContain('The fiscal year starts in February. FY2027 plan: $1.2M target');
    expect(text).toContain('[ Change settings ]');
    expect(text).toContain('Admins: @UADAM0001, @UDANA0001 · /sko admins changes who else is one.');
    // A rep's App Home has none of it.
    await t.driver.event({ type: 'app_home_opened', user: U.rep, channel: t.fake.dmChannelOf(U.rep), tab: 'home' });
    const rep = await eventually(() => t.fake.homeViewOf(U.rep));
    expect(renderPlainText(rep.blocks as KnownBlock[], names)).not.toContain('Data loaded');
  });
});
