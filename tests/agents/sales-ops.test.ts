import { describe, expect, it } from 'vitest';
import { certificationStatus, materialsPortal, quotasCsv, territoriesCsv } from '../../src/agents/sales-ops.js';
import type { RepPackage } from '../../src/agents/territory.js';

const attendee = (name: string) => ({ key: `${name.toLowerCase()}@example.com`, name, team: 'East' });
/** A five-question quiz with an 80% pass mark: 4 right passes. */
const grade = (name: string, correct: number) => ({
  key: `${name.toLowerCase()}@example.com`,
  correct,
  total: 5,
  scorePct: correct * 20,
  passed: correct >= 4,
});

describe('certification tracking from the quiz', () => {
  const attendees = ['Ann', 'Bob', 'Cat', 'Dan', 'Eve'].map(attendee);

  it('passed and failed on the latest attempt, not taken, and the pass rate against > 75%', () => {
    const status = certificationStatus(attendees, [
      grade('Ann', 5),
      grade('Bob', 3),
      grade('Cat', 5),
      grade('Bob', 4),
      grade('Cat', 2),
      grade('Dan', 5),
      grade('Zed', 5),
    ]);
    expect(status.passed.map((p) => [p.name, p.correct, p.scorePct])).toEqual([
      ['Ann', 5, 100],
      ['Bob', 4, 80],
      ['Dan', 5, 100],
    ]);
    // Cat got all five right, then retook it and got two: the retake counts.
    expect(status.failed.map((p) => [p.name, p.correct, p.scorePct])).toEqual([['Cat', 2, 40]]);
    expect(status.notTaken.map((p) => p.name)).toEqual(['Eve']);
    // 3 of 5 attendees: 60%, below the bar. Zed took the quiz but did not attend: not counted.
    expect(status.passRate).toBe(0.6);
    expect(status.meetsTarget).toBe(false);
  });

  it('exactly 75% does not meet "more than 75%"; 80% does', () => {
    const four = attendees.slice(0, 4);
    expect(certificationStatus(four, [grade('Ann', 5), grade('Bob', 5), grade('Cat', 5)]).meetsTarget).toBe(false);
    expect(certificationStatus(attendees, [grade('Ann', 5), grade('Bob', 5), grade('Cat', 5), grade('Dan', 5)]).meetsTarget).toBe(true);
  });

  it('no attendees: no pass rate', () => {
    expect(certificationStatus([], []).passRate).toBeNull();
  });
});

describe('the materials portal', () => {
  it('lists materials by session, slides first', () => {
    const portal = materialsPortal([
      { session: 'Opening keynote', kind: 'recording', url: 'https://v.example/1', recordedBy: 'ann@example.com' },
      { session: 'Discovery workshop', kind: 'slides', url: 'https://s.example/2', recordedBy: null },
      { session: 'opening keynote', kind: 'slides', url: 'https://s.example/1', recordedBy: null },
    ]);
    expect(portal).toEqual([
      {
        session: 'Opening keynote',
        items: [
          { kind: 'slides', url: 'https://s.example/1' },
          { kind: 'recording', url: 'https://v.example/1' },
        ],
      },
      { session: 'Discovery workshop', items: [{ kind: 'slides', url: 'https://s.example/2' }] },
    ]);
  });
});

describe('the territories CSV', () => {
  it('quotes what needs quoting and writes amounts as the importer reads them', () => {
    expect(
      territoriesCsv([{ name: 'Acme, Inc.', ownerEmail: 'ann@example.com', region: 'US', segment: null, industry: 'Tech', potentialCents: 12_345_050 }]),
    ).toBe('name,owner_email,region,segment,industry,potential\n"Acme, Inc.",ann@example.com,US,,Tech,123450.50\n');
  });
});

describe('certification lists', () => {
  it('are in name order, two people of the same name by email, whatever order the attendees came in', () => {
    const samB = { key: 'sam.b@example.com', name: 'Sam', team: null };
    const samA = { key: 'sam.a@example.com', name: 'Sam', team: null };
    const status = certificationStatus([attendee('Zoe'), samB, attendee('Abe'), samA], [grade('Zoe', 1), grade('Abe', 1)]);
    expect(status.failed.map((p) => p.name)).toEqual(['Abe', 'Zoe']);
    expect(status.notTaken.map((p) => p.key)).toEqual(['sam.a@example.com', 'sam.b@example.com']);
    expect([status.attendees, status.passRate, status.target, status.meetsTarget]).toEqual([4, 0, 0.75, false]);
  });
});

describe('the materials portal order', () => {
  it('puts slides before recordings before resources within a session', () => {
    const portal = materialsPortal([
      { session: 'Keynote', kind: 'resource', url: 'https://r.example/1', recordedBy: null },
      { session: 'Keynote', kind: 'recording', url: 'https://v.example/1', recordedBy: null },
      { session: 'Keynote', kind: 'slides', url: 'https://s.example/1', recordedBy: null },
    ]);
    expect(portal[0]?.items.map((i) => i.kind)).toEqual(['slides', 'recording', 'resource']);
  });
});

describe('the quotas CSV', () => {
  const pkg = (key: string, quarters: number[]) =>
    ({ key, byQuarter: quarters.map((quota, i) => ({ key: `FY2018-Q${i + 1}`, quota })) }) as unknown as RepPackage;

  it('writes one row per rep per quarter with quota, on the fiscal calendar, in the importer’s format', () => {
    const file = quotasCsv(2018, [pkg('ann@example.com', [0, 25_000, 25_000.5, 30_000]), pkg('bob@example.com', [0, 0, 0, 0])], { startMonth: 2 });
    expect(file).toBe(
      'email,period_start,period_end,amount\n' +
        'ann@example.com,2017-05-01,2017-07-31,25000\n' +
        'ann@example.com,2017-08-01,2017-10-31,25000.50\n' +
        'ann@example.com,2017-11-01,2018-01-31,30000\n',
    );
  });

  it('writes only the header when nobody carries quota', () => {
    expect(quotasCsv(2018, [], { startMonth: 1 })).toBe('email,period_start,period_end,amount\n');
  });
});

describe('the territories CSV quoting', () => {
  it('doubles quotes inside a quoted cell, quotes line breaks, and leaves an unknown potential empty', () => {
    expect(territoriesCsv([{ name: 'The "Big" One', ownerEmail: null, region: 'line\nbreak', segment: 'a\rb', industry: null, potentialCents: null }])).toBe(
      'name,owner_email,region,segment,industry,potential\n"The ""Big"" One",,"line\nbreak","a\rb",,\n',
    );
  });
});
