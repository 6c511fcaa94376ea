import { describe, expect, it } from 'vitest';
import { parseBudgetSplit } from '../../../src/domain/budget/split.js';

describe('the budget split as typed', () => {
  it('takes dollars as people write them, blank for the template, and checks the whole against the total', () => {
    // $100,000: venue set to $50K; travel, speakers, materials and technology share $50,000 by 30/15/10/5.
    const result = parseBudgetSplit(10_000_000, { venue: '50k', travel: '  ', speakers: null });
    expect(result.ok && result.overrides).toEqual({ venue: 5_000_000 });
    expect(result.ok && result.plan.categories.map((c) => c.plannedCents)).toEqual([5_000_000, 2_500_000, 1_250_000, 833_333, 416_667]);
    expect(parseBudgetSplit(10_000_000, { materials: '$0' })).toMatchObject({ ok: true, overrides: { materials: 0 } });
    expect(parseBudgetSplit(10_000_000, { venue: '$100,000.001' })).toEqual({
      ok: false,
      errors: { venue: '"$100,000.001" has fractions of a cent; give at most two decimals, such as 50000.50.' },
    });
  });
});

describe('what the budget split refuses', () => {
  it('a negative amount, text that is not money, and says each per category', () => {
    expect(parseBudgetSplit(10_000_000, { venue: '-5000', travel: 'lots', speakers: '1,000.5 USD', materials: '10.999 usd' })).toEqual({
      ok: false,
      errors: {
        venue: 'An amount cannot be below $0; leave it blank to follow the template.',
        travel: '"lots" is not an amount; give dollars, such as 50000 or $50,000, or leave it blank to follow the template.',
        materials: '"10.999 usd" has fractions of a cent; give at most two decimals, such as 50000.50.',
      },
    });
  });

  it('categories that add up to more than the total', () => {
    const result = parseBudgetSplit(1_000_000, { venue: '$20,000' });
    expect(result.ok).toBe(false);
  });

  it('two decimals are cents, and a trimmed amount is read', () => {
    expect(parseBudgetSplit(10_000_000, { technology: ' 4999.99 ' })).toMatchObject({ ok: true, overrides: { technology: 499_999 } });
  });
});
