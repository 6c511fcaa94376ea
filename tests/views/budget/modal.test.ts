import type { KnownBlock } from '@slack/types';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { budgetOverrides, expenses } from '../../../db/schema.js';
import { BUDGET } from '../../../views/kit/ids.js';
import { renderPlainText } from '../../../views/kit/plain-text.js';
import { checkView } from '../../support/block-kit-limits.js';
import { addPeople, setupValues, U } from '../../support/builders.js';
import type { StoredView } from '../../support/fake-slack/types.js';
import { submitSetup } from '../../support/sko.js';
import { type StateValues, stateValue } from '../../support/slack-driver/state-values.js';
import { eventually, startTestApp, type TestApp } from '../../support/test-app.js';
import { openedView } from '../../support/views.js';

/**
 * FY27 SKO with a $100,000 budget, so the template reads at a glance: venue and catering $40,000,
 * travel $30,000, speakers $15,000, materials $10,000, technology $5,000. Today is Tue 1 Dec 2026
 * in New York. Dana is the SKO lead (and admin), Marco the logistics lead, Priya the content lead,
 * Elena a sales leader, Rita a rep.
 */
const names = { user: () => undefined, channel: () => undefined };
const E = BUDGET.expense;
const S = BUDGET.split;
const REFUSED = 'Only the logistics lead, the SKO lead or an admin can record expenses and change the budget split. Send them the invoice or the figure.';

let t: TestApp;
const count = (table: typeof expenses | typeof budgetOverrides) => t.db.select({ n: sql<number>`count(*)` }).from(table).get()?.n ?? 0;
const text = (view: unknown) => renderPlainText((view as { blocks: KnownBlock[] }).blocks, names);

/** A slash command that should open a modal, or the private refusal it gets instead. */
async function command(userId: string, commandText: string): Promise<{ view: StoredView | null; refusal: string | null }> {
  const before = t.fake.callsTo('views.open').length;
  const res = await t.driver.slashCommand({ userId, text: commandText });
  expect(res.status).toBe(200);
  const outcome = await eventually(() => {
    if (t.fake.callsTo('views.open').length > before) return { opened: true };
    const [reply] = t.fake.responsesTo(res.responseUrl);
    return reply ? { opened: false, reply: reply.body.text as string } : undefined;
  });
  return outcome.opened ? { view: await openedView(t, before), refusal: null } : { view: null, refusal: outcome.reply ?? null };
}

/** The form `userId` opens with `/sko budget add` (expense) or `/sko budget edit` (split). */
async function openForm(userId: string, form: 'expense' | 'split'): Promise<StoredView> {
  const { view } = await command(userId, form === 'expense' ? 'budget add' : 'budget edit');
  if (!view) throw new Error(`${userId} could not open the ${form} form`);
  return view;
}

const expenseForm = (f: { category?: string; vendor?: string; amount?: string; date?: string; note?: string }): StateValues => ({
  [E.blocks.category]: { [E.actionId]: stateValue.option(f.category ?? null) },
  [E.blocks.vendor]: { [E.actionId]: stateValue.text(f.vendor ?? null) },
  [E.blocks.amount]: { [E.actionId]: stateValue.text(f.amount ?? null) },
  [E.blocks.date]: { [E.actionId]: stateValue.date(f.date ?? null) },
  [E.blocks.note]: { [E.actionId]: stateValue.text(f.note ?? null) },
});

const splitForm = (amounts: Partial<Record<'venue' | 'travel' | 'speakers' | 'materials' | 'technology', string>>): StateValues =>
  Object.fromEntries(
    ['venue', 'travel', 'speakers', 'materials', 'technology'].map((key) => [
      `${S.categoryPrefix}${key}`,
      { [S.actionId]: stateValue.text(amounts[key as keyof typeof amounts] ?? null) },
    ]),
  );

beforeAll(async () => {
  t = await startTestApp({ now: '2026-11-20T15:00:00Z' });
  const res = await submitSetup(t, setupValues({ budget: stateValue.text('$100,000') }));
  expect(res.text).toBe('');
  addPeople(t.db, [{ slackUserId: U.rep, name: 'Rita', team: 'East' }]);
  t.clock.set('2026-12-01T15:00:00Z');
});
afterAll(async () => {
  await t.close();
});

describe('who may change the budget', () => {
  it.each([
    ['the SKO lead, who is the admin', U.dana, true],
    ['the logistics lead', U.marco, true],
    ['the content lead', U.priya, false],
    ['a sales leader', U.elena, false],
    ['a rep', U.rep, false],
  ])('%s: buttons under /sko budget, and /sko budget add', async (_who, userId, allowed) => {
    const res = await t.driver.slashCommand({ userId, text: 'budget' });
    const blocks = res.json?.blocks as { block_id?: string; elements?: { action_id: string }[] }[];
    const buttons = blocks.find((b) => b.block_id === BUDGET.actionsBlock)?.elements?.map((e) => e.action_id);
    expect(buttons).toEqual(allowed ? [BUDGET.recordExpense, BUDGET.editSplit] : undefined);
    const { view, refusal } = await command(userId, 'budget add');
    expect(refusal).toBe(allowed ? null : REFUSED);
    expect(view?.callback_id ?? null).toBe(allowed ? E.callbackId : null);
  });

  it('tells someone who clicks a button they may not use who can, and opens nothing', async () => {
    const before = t.fake.callsTo('views.open').length;
    const click = await t.driver.blockAction({ userId: U.priya, actionId: BUDGET.editSplit, channelId: 'C0GENERAL', ephemeral: true, message: { blocks: [] } });
    const [reply] = await eventually(() => t.fake.responsesTo(click.responseUrl as string).length > 0 && t.fake.responsesTo(click.responseUrl as string));
    expect(reply?.body.text).toBe(REFUSED);
    expect(t.fake.callsTo('views.open')).toHaveLength(before);
  });

  it('refuses a submission from someone who may no longer, and writes nothing', async () => {
    const before = count(expenses);
    const expense = await openForm(U.marco, 'expense');
    const split = await openForm(U.marco, 'split');
    // With both forms open, Marco stops being the logistics lead.
    expect((await submitSetup(t, setupValues({ budget: stateValue.text('$100,000'), logistics_lead: stateValue.user(U.tom) }))).text).toBe('');
    const res = await t.driver.viewSubmission({
      userId: U.marco,
      viewId: expense.id,
      callbackId: E.callbackId,
      values: expenseForm({ category: 'venue', vendor: 'Pub', amount: '100', date: '2026-11-30' }),
    });
    expect(res.json?.response_action).toBe('update');
    expect(text(res.json?.view)).toBe(REFUSED);
    const refusedSplit = await t.driver.viewSubmission({ userId: U.marco, viewId: split.id, callbackId: S.callbackId, values: splitForm({ venue: '90000' }) });
    expect(text(refusedSplit.json?.view)).toBe(REFUSED);
    expect([count(expenses), count(budgetOverrides)]).toEqual([before, 0]);
    // Marco is the logistics lead again for the tests that follow.
    expect((await submitSetup(t, setupValues({ budget: stateValue.text('$100,000') }))).text).toBe('');
  });
});

describe('Record an expense', () => {
  it('opens from the button with the five template categories and today’s date', async () => {
    const before = t.fake.callsTo('views.open').length;
    await t.driver.blockAction({ userId: U.marco, actionId: BUDGET.recordExpense, channelId: 'C0GENERAL', ephemeral: true, message: { blocks: [] } });
    const view = await openedView(t, before);
    expect(checkView(view)).toEqual([]);
    const blocks = view.blocks as { block_id?: string; element?: { options?: { text: { text: string }; value: string }[]; initial_date?: string } }[];
    expect(blocks.find((b) => b.block_id === E.blocks.category)?.element?.options?.map((o) => [o.value, o.text.text])).toEqual([
      ['venue', 'Venue and catering'],
      ['travel', 'Travel and accommodations'],
      ['speakers', 'Speakers and entertainment'],
      ['materials', 'Materials and swag'],
      ['technology', 'Technology and AV'],
    ]);
    expect(blocks.find((b) => b.block_id === E.blocks.date)?.element?.initial_date).toBe('2026-12-01');
  });

  it('puts each problem beside its field and records nothing', async () => {
    const before = count(expenses);
    const { id: viewId } = await openForm(U.marco, 'expense');
    const empty = await t.driver.viewSubmission({ userId: U.marco, viewId, callbackId: E.callbackId, values: expenseForm({}) });
    expect(empty.json).toEqual({
      response_action: 'errors',
      errors: {
        [E.blocks.category]:
          'Give the category; use one of: venue (Venue and catering), travel (Travel and accommodations), speakers (Speakers and entertainment), materials (Materials and swag), technology (Technology and AV).',
        [E.blocks.vendor]: 'Give the vendor (who is paid), such as "Hilton Chicago".',
        [E.blocks.amount]: 'Give the amount in dollars, such as 12500 or $12,500.50.',
        [E.blocks.date]: 'Give the date it was paid or falls due, as YYYY-MM-DD.',
      },
    });
    const cents = await t.driver.viewSubmission({
      userId: U.marco,
      viewId,
      callbackId: E.callbackId,
      values: expenseForm({ category: 'venue', vendor: 'Hilton Chicago', amount: '12.345', date: '2026-11-25', note: 'x'.repeat(501) }),
    });
    expect(cents.json).toEqual({
      response_action: 'errors',
      errors: {
        [E.blocks.amount]: '"12.345" has fractions of a cent; give at most two decimals, such as 12500.50.',
        [E.blocks.note]: 'Keep the note to 500 characters or fewer (it has 501).',
      },
    });
    const negative = await t.driver.viewSubmission({
      userId: U.marco,
      viewId,
      callbackId: E.callbackId,
      values: expenseForm({ category: 'venue', vendor: 'x'.repeat(101), amount: '-500', date: '2026-11-25' }),
    });
    expect(negative.json).toEqual({
      response_action: 'errors',
      errors: {
        [E.blocks.vendor]: 'Keep the vendor to 100 characters or fewer (it has 101).',
        [E.blocks.amount]: 'The amount must be more than $0; record a refund by lowering the expense it refunds.',
      },
    });
    const words = await t.driver.viewSubmission({
      userId: U.marco,
      viewId,
      callbackId: E.callbackId,
      values: expenseForm({ category: 'venue', vendor: 'Hilton Chicago', amount: 'twelve grand', date: '2026-11-25' }),
    });
    expect(words.json).toEqual({
      response_action: 'errors',
      errors: { [E.blocks.amount]: '"twelve grand" is not an amount; give dollars, such as 12500 or $12,500.50.' },
    });
    expect(count(expenses)).toBe(before);
  });

  it('records a paid expense and answers with its category’s figures', async () => {
    const form = await openForm(U.marco, 'expense');
    const res = await t.driver.viewSubmission({
      userId: U.marco,
      viewId: form.id,
      callbackId: E.callbackId,
      values: expenseForm({ category: 'venue', vendor: 'Hilton Chicago', amount: '$12,000', date: '2026-11-25', note: 'deposit' }),
    });
    expect(res.json?.response_action).toBe('update');
    expect(checkView(res.json?.view)).toEqual([]);
    // Venue: $40,000 planned (40% of $100,000); $12,000 paid 25 Nov; (12,000 − 40,000) ÷ 40,000 = −70.0%.
    expect(text(res.json?.view)).toBe(`Recorded $12,000 to Hilton Chicago, dated Wed 25 Nov 2026 (spent).
Venue and catering now: planned $40,000 · actual $12,000 · committed $0 · remaining $28,000 · -70.0% (under budget)
/sko budget shows the whole budget.`);
    expect(
      t.db
        .select({ category: expenses.category, vendor: expenses.vendor, amountCents: expenses.amountCents, date: expenses.date, note: expenses.note })
        .from(expenses)
        .all(),
    ).toEqual([{ category: 'venue', vendor: 'Hilton Chicago', amountCents: 1_200_000, date: '2026-11-25', note: 'deposit' }]);
  });

  it('counts an expense dated after today as committed', async () => {
    const form = await openForm(U.dana, 'expense');
    const res = await t.driver.viewSubmission({
      userId: U.dana,
      viewId: form.id,
      callbackId: E.callbackId,
      values: expenseForm({ category: 'travel', vendor: 'United', amount: '5000.50', date: '2027-01-20' }),
    });
    // Travel: $30,000 planned; $5,000.50 falls due 20 Jan; (5,000.50 − 30,000) ÷ 30,000 = −83.3%.
    expect(text(res.json?.view)).toBe(`Recorded $5,000.50 to United, dated Wed 20 Jan 2027 (committed).
Travel and accommodations now: planned $30,000 · actual $0 · committed $5,000.50 · remaining $24,999.50 · -83.3% (under budget)
/sko budget shows the whole budget.`);
    const budget = renderPlainText((await t.driver.slashCommand({ userId: U.rep, text: 'budget' })).json?.blocks as KnownBlock[], names);
    // Recorded $17,000.50 of $100,000: −83.0%; remaining $82,999.50.
    expect(budget).toContain('Venue and catering           $40,000  $12,000         $0     $28,000   -70.0%  under budget');
    expect(budget).toContain('Travel and accommodations    $30,000       $0  $5,000.50  $24,999.50   -83.3%  under budget');
    expect(budget).toContain('Total                       $100,000  $12,000  $5,000.50  $82,999.50   -83.0%  under budget');
  });
});

describe('Edit the budget split…', () => {
  it('shows the total and each category’s template share and current amount', async () => {
    const { view } = await command(U.marco, 'budget edit');
    expect(view?.callback_id).toBe(S.callbackId);
    expect(checkView(view)).toEqual([]);
    expect(text(view)).toContain('FY27 Sales Kickoff: total budget $100,000 (set in /sko setup).');
    const inputs = (view!.blocks as { type: string; label?: { text: string }; hint?: { text: string }; element?: { initial_value?: string } }[]).filter(
      (b) => b.type === 'input',
    );
    expect(inputs.map((b) => [b.label?.text, b.hint?.text, b.element?.initial_value])).toEqual([
      ['Venue and catering (template 40%)', 'Follows the template: $40,000 now.', undefined],
      ['Travel and accommodations (template 30%)', 'Follows the template: $30,000 now.', undefined],
      ['Speakers and entertainment (template 15%)', 'Follows the template: $15,000 now.', undefined],
      ['Materials and swag (template 10%)', 'Follows the template: $10,000 now.', undefined],
      ['Technology and AV (template 5%)', 'Follows the template: $5,000 now.', undefined],
    ]);
  });

  it('puts each problem beside its category and saves nothing', async () => {
    const { id: viewId } = await openForm(U.marco, 'split');
    const typo = await t.driver.viewSubmission({
      userId: U.marco,
      viewId,
      callbackId: S.callbackId,
      values: splitForm({ venue: 'lots', travel: '-100', speakers: '1.005' }),
    });
    expect(typo.json).toEqual({
      response_action: 'errors',
      errors: {
        [`${S.categoryPrefix}venue`]: '"lots" is not an amount; give dollars, such as 50000 or $50,000, or leave it blank to follow the template.',
        [`${S.categoryPrefix}travel`]: 'An amount cannot be below $0; leave it blank to follow the template.',
        [`${S.categoryPrefix}speakers`]: '"1.005" has fractions of a cent; give at most two decimals, such as 50000.50.',
      },
    });
    const over = await t.driver.viewSubmission({ userId: U.marco, viewId, callbackId: S.callbackId, values: splitForm({ venue: '$70,000', travel: '40000' }) });
    // $70,000 + $40,000 = $110,000, $10,000 over the $100,000 total.
    const overBy =
      'The categories you set add up to $110,000, $10,000 more than the total budget of $100,000; lower one of them, or raise the total in /sko setup.';
    expect(over.json).toEqual({ response_action: 'errors', errors: { [`${S.categoryPrefix}venue`]: overBy, [`${S.categoryPrefix}travel`]: overBy } });
    const all = await t.driver.viewSubmission({
      userId: U.marco,
      viewId,
      callbackId: S.callbackId,
      values: splitForm({ venue: '40000', travel: '30000', speakers: '15000', materials: '10000', technology: '4000' }),
    });
    // 40 + 30 + 15 + 10 + 4 thousand = $99,000, $1,000 short, with nothing left to take it.
    const short =
      'All five categories are set and add up to $99,000, $1,000 less than the total budget of $100,000; raise one of them, clear one to let it take the rest, or lower the total in /sko setup.';
    expect(Object.values((all.json as { errors: Record<string, string> }).errors)).toEqual([short, short, short, short, short]);
    expect(count(budgetOverrides)).toBe(0);
  });

  it('saves a category set by hand; the blank ones share the rest by the template', async () => {
    const form = await openForm(U.marco, 'split');
    const res = await t.driver.viewSubmission({ userId: U.marco, viewId: form.id, callbackId: S.callbackId, values: splitForm({ venue: '$50,000' }) });
    expect(res.json?.response_action).toBe('update');
    // $50,000 left for 30/15/10/5 (of 60): $25,000, $12,500, $8,333.33 and $4,166.67 (the odd cent to the larger fraction, 0.67).
    expect(text(res.json?.view)).toBe(`The budget split is saved.
Category                      Planned  From
Venue and catering            $50,000  set
Travel and accommodations     $25,000  template 30%
Speakers and entertainment    $12,500  template 15%
Materials and swag          $8,333.33  template 10%
Technology and AV           $4,166.67  template 5%
Total                        $100,000`);
    expect(t.db.select({ category: budgetOverrides.category, amountCents: budgetOverrides.amountCents }).from(budgetOverrides).all()).toEqual([
      { category: 'venue', amountCents: 5_000_000 },
    ]);
    const budget = renderPlainText((await t.driver.slashCommand({ userId: U.rep, text: 'budget' })).json?.blocks as KnownBlock[], names);
    // Venue now $50,000 with $12,000 paid: −76.0%.
    expect(budget).toContain('Venue and catering            $50,000  $12,000         $0     $38,000   -76.0%  under budget');
  });

  it('shows a set amount when opened again, and a cleared one goes back to the template', async () => {
    const { view } = await command(U.dana, 'budget edit');
    const venue = (view!.blocks as { block_id?: string; hint?: { text: string }; element?: { initial_value?: string } }[]).find(
      (b) => b.block_id === `${S.categoryPrefix}venue`,
    );
    expect([venue?.element?.initial_value, venue?.hint?.text]).toEqual(['$50,000', 'Set by hand; clear it to follow the template.']);
    const res = await t.driver.viewSubmission({ userId: U.dana, viewId: view!.id, callbackId: S.callbackId, values: splitForm({}) });
    expect(text(res.json?.view)).toContain('Venue and catering           $40,000  template 40%');
    expect(count(budgetOverrides)).toBe(0);
    expect(t.errors).toEqual([]);
  });
});
