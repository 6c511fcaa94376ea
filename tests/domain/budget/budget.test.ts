import { beforeEach, describe, expect, it } from 'vitest';
import {
  type BudgetPlan,
  budgetReport,
  checkExpenseHeader,
  type Expense,
  expenseStatus,
  matchBudgetCategory,
  parseExpense,
  parseExpenseRows,
  planBudget,
} from '../../../src/domain/budget/budget.js';

function planOf(totalCents: number, overrides = {}): BudgetPlan {
  const result = planBudget(totalCents, overrides);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.plan;
}

const planned = (plan: BudgetPlan) => plan.categories.map((c) => [c.key, c.plannedCents, c.source]);

describe('planBudget', () => {
  it('splits $500,000 by the template: 40/30/15/10/5%', () => {
    expect(planned(planOf(50_000_000))).toEqual([
      ['venue', 20_000_000, 'template'],
      ['travel', 15_000_000, 'template'],
      ['speakers', 7_500_000, 'template'],
      ['materials', 5_000_000, 'template'],
      ['technology', 2_500_000, 'template'],
    ]);
  });

  it('gives the rounding cents of $333,333.33 to the largest fractions, so the plan adds up exactly', () => {
    // 33,333,333 cents: venue 13,333,333.2 · travel 9,999,999.9 · speakers 4,999,999.95 ·
    // materials 3,333,333.3 · technology 1,666,666.65. Whole cents add up to 33,333,330; the three
    // cents left go to the fractions .95 (speakers), .9 (travel) and .65 (technology).
    const plan = planOf(33_333_333);
    expect(planned(plan).map(([, cents]) => cents)).toEqual([13_333_333, 10_000_000, 5_000_000, 3_333_333, 1_666_667]);
    expect(plan.totalCents).toBe(33_333_333);
  });

  it('breaks equal fractions in template order', () => {
    // 10 cents: 4, 3, 1.5, 1, 0.5 → whole 9; speakers and technology tie at .5, speakers comes first.
    expect(planned(planOf(10)).map(([, cents]) => cents)).toEqual([4, 3, 2, 1, 0]);
  });

  it('keeps an override and lets the other categories share the rest in template proportions', () => {
    // Venue set to $250,000 leaves $250,000 for travel:speakers:materials:technology = 30:15:10:5 (of 60):
    // 125,000 · 62,500 · 41,666.666… · 20,833.333… → whole cents 24,999,999; the last cent goes to materials (.67).
    expect(planned(planOf(50_000_000, { venue: 25_000_000 }))).toEqual([
      ['venue', 25_000_000, 'override'],
      ['travel', 12_500_000, 'template'],
      ['speakers', 6_250_000, 'template'],
      ['materials', 4_166_667, 'template'],
      ['technology', 2_083_333, 'template'],
    ]);
  });

  it('accepts all five set when they add up to the total, and a category set to $0', () => {
    const all = { venue: 30_000_000, travel: 20_000_000, speakers: 0, materials: 0, technology: 0 };
    expect(planned(planOf(50_000_000, all)).map(([, cents]) => cents)).toEqual([30_000_000, 20_000_000, 0, 0, 0]);
  });

  it('refuses overrides above the total, and five overrides short of it, naming the figures', () => {
    const over = planBudget(50_000_000, { venue: 40_000_000, travel: 12_000_000 });
    expect(over).toEqual({
      ok: false,
      errors: {
        venue:
          'The categories you set add up to $520,000, $20,000 more than the total budget of $500,000; lower one of them, or raise the total in /sko setup.',
        travel:
          'The categories you set add up to $520,000, $20,000 more than the total budget of $500,000; lower one of them, or raise the total in /sko setup.',
      },
    });
    const short = planBudget(50_000_000, { venue: 10_000_000, travel: 10_000_000, speakers: 10_000_000, materials: 10_000_000, technology: 5_000_050 });
    expect(short.ok).toBe(false);
    if (!short.ok) {
      expect(short.errors.technology).toBe(
        'All five categories are set and add up to $450,000.50, $49,999.50 less than the total budget of $500,000; raise one of them, clear one to let it take the rest, or lower the total in /sko setup.',
      );
    }
  });

  it('refuses a total that is not a positive number of cents, and a negative or fractional override', () => {
    expect(planBudget(0)).toEqual({ ok: false, errors: { total: 'Set the total budget in /sko setup to a positive amount, such as $250,000.' } });
    expect(planBudget(50_000_000, { speakers: -1, materials: 10.5 })).toEqual({
      ok: false,
      errors: {
        speakers: 'Enter the speakers and entertainment budget as an amount of $0 or more, such as $50,000.',
        materials: 'Enter the materials and swag budget as an amount of $0 or more, such as $50,000.',
      },
    });
  });
});

describe('expenses', () => {
  it('matches a category by key or label in any case, "&" for "and"', () => {
    expect(matchBudgetCategory('VENUE')).toBe('venue');
    expect(matchBudgetCategory(' Technology & AV ')).toBe('technology');
    expect(matchBudgetCategory('travel and accommodations')).toBe('travel');
    expect(matchBudgetCategory('Food')).toBeNull();
  });

  it('parses a row: amount to cents, blank note to null', () => {
    expect(parseExpense({ category: 'Speakers and entertainment', vendor: ' Keynote Co ', amount: '$12,500.50', date: '2027-01-15', note: '' })).toEqual({
      ok: true,
      expense: { category: 'speakers', vendor: 'Keynote Co', amountCents: 1_250_050, date: '2027-01-15', note: null },
    });
  });

  it('says what to fix in each bad field', () => {
    expect(parseExpense({ category: 'Food', vendor: '', amount: '-40', date: '2027-02-30', note: 'x'.repeat(501) })).toEqual({
      ok: false,
      errors: {
        category:
          '"Food" is not a budget category; use one of: venue (Venue and catering), travel (Travel and accommodations), speakers (Speakers and entertainment), materials (Materials and swag), technology (Technology and AV).',
        vendor: 'Give the vendor (who is paid), such as "Hilton Chicago".',
        amount: 'The amount must be more than $0; record a refund by lowering the expense it refunds.',
        date: '"2027-02-30" is not a date; write it as YYYY-MM-DD, such as 2027-01-15.',
        note: 'Keep the note to 500 characters or fewer (it has 501).',
      },
    });
    const zero = parseExpense({ category: 'venue', vendor: 'Hotel', amount: '0', date: '2027-01-15' });
    expect(zero.ok ? null : zero.errors).toEqual({ amount: 'The amount must be more than $0; leave out expenses that cost nothing.' });
    const fraction = parseExpense({ category: 'venue', vendor: 'Hotel', amount: '10.005', date: '15/01/2027' });
    expect(fraction.ok ? null : fraction.errors).toEqual({
      amount: '"10.005" has fractions of a cent; give at most two decimals, such as 12500.50.',
      date: '"15/01/2027" is not a date; write it as YYYY-MM-DD, such as 2027-01-15.',
    });
  });

  it('rejects a file with any bad row whole, with every bad line and its reasons', () => {
    const rows = [
      { line: 2, input: { category: 'venue', vendor: 'Hotel', amount: '1000', date: '2027-01-15' } },
      { line: 3, input: { category: 'venue', vendor: 'Hotel', amount: 'lots', date: '2027-01-15' } },
      { line: 4, input: { category: 'travel', vendor: 'Air', amount: '500', date: '2027-01-16' } },
      { line: 5, input: { category: 'swag', vendor: '', amount: '500', date: '2027-01-16' } },
    ];
    expect(parseExpenseRows(rows)).toEqual({
      ok: false,
      problems: [
        { line: 3, messages: ['"lots" is not an amount; give dollars, such as 12500 or $12,500.50.'] },
        {
          line: 5,
          messages: [
            '"swag" is not a budget category; use one of: venue (Venue and catering), travel (Travel and accommodations), speakers (Speakers and entertainment), materials (Materials and swag), technology (Technology and AV).',
            'Give the vendor (who is paid), such as "Hilton Chicago".',
          ],
        },
      ],
    });
    const good = parseExpenseRows(rows.slice(0, 1));
    expect(good).toEqual({ ok: true, expenses: [{ category: 'venue', vendor: 'Hotel', amountCents: 100_000, date: '2027-01-15', note: null }] });
  });

  it('checks the header: the five columns, note optional, nothing unknown or repeated', () => {
    expect(checkExpenseHeader(['Category', 'Vendor', 'Amount', 'Date', 'Note'])).toBeNull();
    expect(checkExpenseHeader(['category', 'vendor', 'amount', 'date'])).toBeNull();
    expect(checkExpenseHeader(['category', 'vendor', 'amout', 'date', 'date'])).toBe(
      'The header row is wrong: the "amount" column is missing; "amout" is not a column this file can have; the "date" column appears more than once. The first row must be: category,vendor,amount,date,note (note may be left out).',
    );
  });

  it('is actual on or before the report date, committed after it', () => {
    expect(expenseStatus({ date: '2027-01-20' }, '2027-01-20')).toBe('actual');
    expect(expenseStatus({ date: '2027-01-21' }, '2027-01-20')).toBe('committed');
  });
});

const expense = (category: Expense['category'], dollars: number, date: string): Expense => ({
  category,
  vendor: `${category} vendor`,
  amountCents: dollars * 100,
  date,
  note: null,
});

// Planned from $500,000: venue 200,000 · travel 150,000 · speakers 75,000 · materials 50,000 · technology 25,000.
let plan: ReturnType<typeof planOf>;
// Computed in each test, not while collecting: mutation testing credits a test only with the code it runs itself.
beforeEach(() => {
  plan = planOf(50_000_000);
});
const beforeEvent: Expense[] = [
  expense('venue', 60_000, '2026-12-01'), // deposit paid
  expense('venue', 135_000, '2027-02-01'), // balance due on arrival
  expense('travel', 40_000, '2027-01-10'),
  expense('travel', 100_000, '2027-01-25'),
  expense('speakers', 90_000, '2027-02-02'), // keynote fee, paid on the day
  expense('materials', 20_000, '2027-01-05'),
];

describe('budgetReport', () => {
  it('before the event: planned, actual, committed, adherence, and a projection that assumes unspent plan is spent', () => {
    const report = budgetReport({ plan, expenses: beforeEvent, expectedHeadcount: 180, actualAttendees: null, asOf: '2027-01-20', eventEnd: '2027-02-04' });
    expect(report.eventOver).toBe(false);
    expect(
      report.categories.map((c) => [c.key, c.plannedCents, c.actualCents, c.committedCents, c.remainingCents, c.variancePct, c.adherence, c.projectedCents]),
    ).toEqual([
      // venue: 60,000 + 135,000 = 195,000 of 200,000 → −2.5%, within; projected max(200,000, 195,000)
      ['venue', 20_000_000, 6_000_000, 13_500_000, 500_000, -2.5, 'within', 20_000_000],
      // travel: 40,000 + 100,000 = 140,000 of 150,000 → −6.666…% → −6.7, under
      ['travel', 15_000_000, 4_000_000, 10_000_000, 1_000_000, -6.7, 'under', 15_000_000],
      // speakers: 90,000 of 75,000 → +20%, over; projected at the 90,000 already committed
      ['speakers', 7_500_000, 0, 9_000_000, -1_500_000, 20, 'over', 9_000_000],
      // materials: 20,000 of 50,000 → −60%
      ['materials', 5_000_000, 2_000_000, 0, 3_000_000, -60, 'under', 5_000_000],
      // technology: nothing yet → −100%, projected at plan
      ['technology', 2_500_000, 0, 0, 2_500_000, -100, 'under', 2_500_000],
    ]);
    // Spent 120,000 + committed 325,000 = 445,000 of 500,000 → −11%.
    expect(report.totals).toEqual({
      plannedCents: 50_000_000,
      actualCents: 12_000_000,
      committedCents: 32_500_000,
      remainingCents: 5_500_000,
      variancePct: -11,
      adherence: 'under',
    });
    // 200,000 + 150,000 + 90,000 + 50,000 + 25,000 = 515,000 → +3%, within ±5%.
    expect(report.projection).toMatchObject({ totalCents: 51_500_000, variancePct: 3, adherence: 'within' });
    expect(report.projection.method).toContain('larger of its plan and what is already spent or committed');
    // 515,000 ÷ 180 = 2,861.11
    expect(report.costPerAttendee).toEqual({
      basisCents: 51_500_000,
      targetCents: 300_000,
      expectedHeadcount: 180,
      perExpectedCents: 286_111,
      perExpectedMeetsTarget: true,
      actualAttendees: null,
      perActualCents: null,
      perActualMeetsTarget: null,
    });
  });

  it('after the event: everything is actual, over by 6.4%, and the cost per actual attendee misses the target', () => {
    const after = [
      ...beforeEvent,
      expense('venue', 40_000, '2027-02-04'), // overtime and extra catering
      expense('technology', 35_000, '2027-02-03'),
      expense('materials', 12_000, '2027-01-28'),
    ];
    const report = budgetReport({ plan, expenses: after, expectedHeadcount: 180, actualAttendees: 150, asOf: '2027-02-20', eventEnd: '2027-02-04' });
    expect(report.eventOver).toBe(true);
    // venue 235,000 (+17.5%) · travel 140,000 (−6.7%) · speakers 90,000 (+20%) · materials 32,000 (−36%) · technology 35,000 (+40%)
    expect(report.categories.map((c) => [c.key, c.actualCents, c.committedCents, c.variancePct, c.adherence, c.projectedCents])).toEqual([
      ['venue', 23_500_000, 0, 17.5, 'over', 23_500_000],
      ['travel', 14_000_000, 0, -6.7, 'under', 14_000_000],
      ['speakers', 9_000_000, 0, 20, 'over', 9_000_000],
      ['materials', 3_200_000, 0, -36, 'under', 3_200_000],
      ['technology', 3_500_000, 0, 40, 'over', 3_500_000],
    ]);
    // 532,000 of 500,000 → +6.4%, beyond +5%.
    expect(report.totals).toMatchObject({ actualCents: 53_200_000, committedCents: 0, remainingCents: -3_200_000, variancePct: 6.4, adherence: 'over' });
    expect(report.projection).toEqual({
      totalCents: 53_200_000,
      variancePct: 6.4,
      adherence: 'over',
      method: 'The event is over, so the projection is what has been spent or committed.',
    });
    // 532,000 ÷ 180 = 2,955.56 (under $3,000); ÷ 150 = 3,546.67 (over).
    expect(report.costPerAttendee).toMatchObject({
      perExpectedCents: 295_556,
      perExpectedMeetsTarget: true,
      perActualCents: 354_667,
      perActualMeetsTarget: false,
    });
  });

  it('with no expenses recorded, projects the plan itself rather than $0 and 100% under budget, even after the event', () => {
    const report = budgetReport({ plan, expenses: [], expectedHeadcount: 180, actualAttendees: null, asOf: '2027-02-20', eventEnd: '2027-02-04' });
    expect(report.projection).toEqual({
      totalCents: 50_000_000,
      variancePct: 0,
      adherence: 'within',
      method: 'No expenses are recorded yet, so the projection is the plan itself; record them with `/sko budget add`.',
    });
    expect(report.costPerAttendee.basisCents).toBe(50_000_000);
  });

  it('counts exactly 5% as within and one cent more as over', () => {
    const small = planOf(10_000); // $100: venue $40, travel $30, speakers $15, materials $10, technology $5
    const at = (cents: number) =>
      budgetReport({
        plan: small,
        expenses: [{ ...expense('venue', 0, '2027-01-01'), amountCents: cents }],
        expectedHeadcount: 1,
        actualAttendees: null,
        asOf: '2027-03-01',
        eventEnd: '2027-02-04',
      });
    expect(at(10_500).totals).toMatchObject({ variancePct: 5, adherence: 'within' });
    expect(at(10_501).totals).toMatchObject({ variancePct: 5, adherence: 'over' });
    expect(at(9_500).totals).toMatchObject({ variancePct: -5, adherence: 'within' });
    expect(at(9_499).totals).toMatchObject({ variancePct: -5, adherence: 'under' });
  });

  it('refuses a headcount below one', () => {
    expect(() => budgetReport({ plan, expenses: [], expectedHeadcount: 0, actualAttendees: null, asOf: '2027-01-20', eventEnd: '2027-02-04' })).toThrow(
      'The expected headcount must be a whole number of 1 or more; got 0.',
    );
  });
});
