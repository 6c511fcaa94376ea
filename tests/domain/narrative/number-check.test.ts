import { describe, expect, it } from 'vitest';
import { toFacts } from '../../../src/domain/narrative/facts.js';
import { checkNumbers, findNumbers } from '../../../src/domain/narrative/number-check.js';

const result = () => ({
  agent: 'quota-performance-tracker',
  period: { from: '2017-01-01', to: '2017-12-31' },
  totals: { wonRevenue: 130_000, attainment: 0.2889, winRate: 0.6667, avgCycleDays: 32.5, wonCount: 4 },
  byRep: [
    { name: 'Ann Lee', wonRevenue: 100_000, attainment: 1 },
    { name: 'Bob Stone', wonRevenue: 30_000, attainment: 0.3 },
  ],
  byQuarter: [{ key: 'FY2017-Q1', wonRevenue: 70_000 }],
});

describe('the facts a model writes from', () => {
  it('replaces every number by a figure id and keeps the words', () => {
    const facts = toFacts(result(), { individual: true });
    expect(facts.outline).toMatchObject({ totals: { wonRevenue: '#totals.wonRevenue' }, byRep: [{ name: 'Ann Lee', wonRevenue: '#byRep.0.wonRevenue' }, {}] });
    expect(facts.figures.get('totals.wonRevenue')).toBe(130_000);
    expect(facts.figures.get('byRep.length')).toBe(2);
    expect(JSON.stringify(facts.outline)).not.toMatch(/\d{4,}(?!-)/);
  });

  it('with individual data off, no rep’s row reaches the outline or the figures', () => {
    const facts = toFacts(result(), { individual: false });
    expect(JSON.stringify(facts.outline)).not.toContain('Ann Lee');
    expect([...facts.figures.keys()].filter((id) => id.startsWith('byRep'))).toEqual([]);
  });

  it('cuts long lists to twelve rows, keeping the full count as a figure', () => {
    const many = { byRep: Array.from({ length: 30 }, (_, i) => ({ name: `Rep ${i}`, wonRevenue: i })) };
    const facts = toFacts(many, { individual: true });
    expect((facts.outline as { byRep: unknown[] }).byRep).toHaveLength(12);
    expect(facts.figures.get('byRep.length')).toBe(30);
    expect(facts.figures.has('byRep.12.wonRevenue')).toBe(false);
  });
});

describe('the number check', () => {
  it('reads amounts, percentages and counts with the precision they are shown at', () => {
    expect(findNumbers('Won $1.2M (65%) from 1,240 deals in FY2017-Q1.')).toEqual([
      { text: '$1.2M', value: 1_200_000, tolerance: 50_000, unit: 'money' },
      { text: '65%', value: 65, tolerance: 0.5, unit: 'percent' },
      { text: '1,240', value: 1240, tolerance: 0.5, unit: 'plain' },
    ]);
  });

  it('passes text whose every number is a figure at the shown precision', () => {
    const facts = toFacts(result(), { individual: true });
    const text =
      'The team won $130K, 29% of quota, at a 67% win rate over 4 deals; Ann Lee won $100,000 (100%), Bob Stone 30% in about 32.5 days, from 1 Jan 2017.';
    expect(checkNumbers(text, facts)).toEqual({ ok: true, unsupported: [] });
  });

  it('names each number no figure backs: a rounding too far, a sum of its own, a wrong unit', () => {
    const facts = toFacts(result(), { individual: true });
    // 28.89% shown as 28% is off at that precision; $200K is no figure (a made-up total); 130% is no rate.
    expect(checkNumbers('Attainment 28%, about $200K in all, up 130%.', facts)).toEqual({ ok: false, unsupported: ['28%', '$200K', '130%'] });
  });

  it('an amount is never read as a percentage: $67 is not the 67% win rate', () => {
    const facts = toFacts(result(), { individual: true });
    expect(checkNumbers('$67', facts).ok).toBe(false);
  });
});
