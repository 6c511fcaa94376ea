import { describe, expect, it } from 'vitest';
import { FileConventions } from '../../../src/domain/sales/file-conventions.js';
import {
  FORMATS,
  type ImportKind,
  mapHeaders,
  normalizeHeader,
  parseDate,
  parseImportKind,
  rowProblems,
  rowSchemas,
} from '../../../src/domain/sales/import-formats.js';

/** A row through its kind's rules, in a file that has said nothing of its conventions: the parsed values, or the problems in column order. */
function parse(kind: ImportKind, row: Record<string, string>) {
  const result = rowSchemas(new FileConventions(FORMATS[kind], {}, {}))[kind].safeParse(row);
  return result.success ? { ok: true as const, row: result.data as Record<string, unknown> } : { ok: false as const, problems: rowProblems(result.error) };
}

describe('naming what is imported', () => {
  it('reads the kind however it is typed', () => {
    expect(parseImportKind(' Stage_History ')).toBe('stage-history');
    expect(parseImportKind('comp plans')).toBe('comp-plans');
    expect(parseImportKind('compplans')).toBe('comp-plans');
    expect(parseImportKind('COMP')).toBe('comp-plans');
    expect(parseImportKind('deals')).toBe('deals');
    expect(parseImportKind('leads')).toBeUndefined();
  });
});

describe('headers', () => {
  it('treats case, spaces, underscores, hyphens and a byte-order mark alike', () => {
    expect(normalizeHeader('\uFEFF  Close_Date ')).toBe('close date');
    expect(normalizeHeader('CLOSE--DATE')).toBe('close date');
    expect(normalizeHeader('close \t date')).toBe('close date');
  });

  it('maps Salesforce and HubSpot headers to our columns and lists the ones it ignores', () => {
    const mapping = mapHeaders('deals', ['Opportunity ID', 'Opportunity Owner', 'Stage', 'Amount', 'Probability (%)', ' ', 'Close Date']);
    expect(mapping).toEqual({
      columns: ['id', 'owner_email', 'stage', 'amount', null, null, 'close_date'],
      ignored: ['Probability (%)'],
      problems: [],
    });
  });

  it('refuses two columns that mean the same thing, naming both', () => {
    expect(mapHeaders('deals', ['id', 'Deal Owner', ' Owner ', 'stage']).problems).toEqual([
      'The columns "Deal Owner" and "Owner" both mean owner_email: keep one of them.',
    ]);
  });

  it('names each missing required column with the other headers that would do', () => {
    expect(mapHeaders('deals', ['amount']).problems).toEqual([
      'No id column (or "Opportunity Id", "Record Id", "Deal Id").',
      'No owner_email column (or "Opportunity Owner", "Deal Owner", "Owner", "Owner Name", "Sales Agent", "Opportunity Owner Email", "Deal Owner Email").',
      'No stage column (or "Deal Stage", "Opportunity Stage").',
    ]);
    expect(mapHeaders('comp-plans', ['ote']).problems).toEqual(['No plan column (or "Plan Name").']);
  });
});

describe('dates as CRMs export them', () => {
  it('takes ISO dates, with or without a time, and US dates, and pads them', () => {
    expect(parseDate('2017-1-5')).toBe('2017-01-05');
    expect(parseDate('2017-01-05T10:30:00Z')).toBe('2017-01-05');
    expect(parseDate('2017-01-05 10:30:00+02:00')).toBe('2017-01-05');
    expect(parseDate('1/5/2017')).toBe('2017-01-05');
    expect(parseDate('12/31/2017 9:15 pm')).toBe('2017-12-31');
  });

  it('knows the length of each month and which years are leap years', () => {
    expect(parseDate('2016-02-29')).toBe('2016-02-29');
    expect(parseDate('2000-02-29')).toBe('2000-02-29');
    expect(parseDate('2017-02-29')).toBeNull();
    expect(parseDate('1900-02-29')).toBeNull();
    expect(parseDate('2017-04-30')).toBe('2017-04-30');
    expect(parseDate('2017-04-31')).toBeNull();
    expect(parseDate('2017-12-31')).toBe('2017-12-31');
    expect(parseDate('2017-01-00')).toBeNull();
    expect(parseDate('2017-13-01')).toBeNull();
    expect(parseDate('2017-00-10')).toBeNull();
  });

  it('refuses anything else', () => {
    for (const v of ['31.12.2017', '2017/12/31', 'x2017-12-31', '2017-12-31x', '12/31/17', 'tomorrow', '']) expect(parseDate(v), v).toBeNull();
  });
});

describe('deal rows', () => {
  const deal = { id: 'A1', owner_email: 'ann@acme.com', stage: 'Closed Won', close_date: '2017-02-01' };

  it('reads amounts as people write them, to whole cents', () => {
    const amounts: [string, number][] = [
      ['$12,345.50', 1_234_550],
      ['USD 12345.5', 1_234_550],
      ['12345 EUR', 1_234_500],
      ['12 345', 1_234_500],
      ['€99', 9_900],
      ['0.005', 1],
    ];
    for (const [amount, cents] of amounts) expect(parse('deals', { ...deal, amount }), amount).toMatchObject({ ok: true, row: { amount: cents } });
  });

  it('refuses a negative amount, in either notation, and text', () => {
    expect(parse('deals', { ...deal, amount: '(500)' })).toEqual({ ok: false, problems: ['amount (500) is negative'] });
    expect(parse('deals', { ...deal, amount: '-500' })).toEqual({ ok: false, problems: ['amount -500 is negative'] });
    expect(parse('deals', { ...deal, amount: 'lots' })).toEqual({ ok: false, problems: ['amount "lots" is not an amount'] });
    expect(parse('deals', { ...deal, amount: '1.2.3' })).toEqual({
      ok: false,
      problems: ['amount "1.2.3" is not an amount written like 1,234.50, as this file writes them'],
    });
  });

  it('classifies the stage and keeps blank optional fields as nothing', () => {
    expect(parse('deals', { ...deal, account: '  ', product: ' Core ' })).toEqual({
      ok: true,
      row: {
        id: 'A1',
        owner_email: 'ann@acme.com',
        account: null,
        product: 'Core',
        segment: null,
        stage: 'Closed Won',
        amount: null,
        created_date: null,
        close_date: '2017-02-01',
        outcome: 'won',
      },
    });
  });

  it('needs an id, an owner and a stage, and a close date for a won or lost deal', () => {
    expect(parse('deals', { owner_email: ' ', stage: 'Closed Lost' })).toEqual({ ok: false, problems: ['id is missing', 'owner is missing'] });
    expect(parse('deals', { ...deal, stage: 'Closed Lost', close_date: '' })).toEqual({ ok: false, problems: ['a lost deal needs a close_date'] });
    expect(parse('deals', { ...deal, stage: 'won', close_date: ' ' })).toEqual({ ok: false, problems: ['a won deal needs a close_date'] });
    expect(parse('deals', { ...deal, stage: 'Proposal', close_date: '' })).toMatchObject({ ok: true, row: { outcome: 'open', close_date: null } });
    expect(parse('deals', { id: 'A1', owner_email: 'ann@acme.com' })).toEqual({ ok: false, problems: ['stage is missing'] });
  });

  it('refuses a deal that closes before it was created, but not one created and closed the same day', () => {
    expect(parse('deals', { ...deal, created_date: '2017-02-02' })).toEqual({
      ok: false,
      problems: ['close_date 2017-02-01 is before created_date 2017-02-02'],
    });
    expect(parse('deals', { ...deal, created_date: '2017-02-01' }).ok).toBe(true);
    expect(parse('deals', { ...deal, close_date: 'soon' })).toEqual({
      ok: false,
      problems: ['close_date "soon" is not a date: use YYYY-MM-DD (or a date like 1/31/2026)'],
    });
  });
});

describe('people rows', () => {
  it('lower-cases the email and the role, and checks the Slack user ID', () => {
    expect(parse('people', { email: 'Ann@Acme.COM', role: 'Manager', slack_user_id: 'U0123ABCD', hire_date: '4/1/2015' })).toMatchObject({
      ok: true,
      row: { email: 'ann@acme.com', role: 'manager', slack_user_id: 'U0123ABCD', hire_date: '2015-04-01' },
    });
    expect(parse('people', { email: 'w@acme.com', slack_user_id: 'W12' }).ok).toBe(true);
  });

  it('says what is wrong with each field', () => {
    expect(parse('people', { email: 'ann at acme', app_role: 'boss', slack_user_id: 'ann' })).toEqual({
      ok: false,
      problems: [
        'email "ann at acme" is not an email address',
        'app_role "boss" is not one of admin, leader, manager, rep, guest',
        'slack_user_id "ann" is not a Slack user ID (like U0123ABCD)',
      ],
    });
    expect(parse('people', { email: 'a@b' })).toEqual({ ok: false, problems: ['email "a@b" is not an email address'] });
    expect(parse('people', { email: 'a@b.co', slack_user_id: 'U1' })).toEqual({
      ok: false,
      problems: ['slack_user_id "U1" is not a Slack user ID (like U0123ABCD)'],
    });
    expect(parse('people', {})).toEqual({ ok: false, problems: ['email is missing'] });
  });
});

describe('people as CRMs export them', () => {
  it('joins first and last names, and keeps a CRM role that is no app role apart, for a warning', () => {
    expect(parse('people', { email: 'jane@acme.com', first_name: 'Jane', last_name: 'Doe', role: 'Western Sales Team' })).toMatchObject({
      ok: true,
      row: { name: 'Jane Doe', role: null, crmRole: 'Western Sales Team' },
    });
    expect(parse('people', { email: 'jane@acme.com', name: 'J. Doe', first_name: 'Jane', role: 'Western Sales Team', app_role: 'Leader' })).toMatchObject({
      ok: true,
      row: { name: 'J. Doe', role: 'leader', crmRole: null },
    });
    expect(parse('people', { email: 'jane@acme.com', last_name: 'Doe', role: 'rep' })).toMatchObject({
      ok: true,
      row: { name: 'Doe', role: 'rep', crmRole: null },
    });
  });
});

describe('quota rows', () => {
  it('need every field, and an end on or after the start', () => {
    expect(parse('quotas', { email: 'ann@acme.com', period_start: '2017-01-01', period_end: '2017-01-01', amount: '1000' })).toEqual({
      ok: true,
      row: { email: 'ann@acme.com', period_start: '2017-01-01', period_end: '2017-01-01', amount: 100_000, amount_currency: null, quota_type: null },
    });
    expect(parse('quotas', { email: 'ann@acme.com', period_start: '2017-12-31', period_end: '2017-01-01', amount: '1000' })).toEqual({
      ok: false,
      problems: ['period_end 2017-01-01 is before period_start 2017-12-31'],
    });
    expect(parse('quotas', { email: 'ann@acme.com' })).toEqual({
      ok: false,
      problems: ['period_start is missing', 'period_end is missing', 'amount is missing'],
    });
  });

  it('say whether a quota is a rep quota or an overlay, in any case; anything else is refused', () => {
    const row = { email: 'mia@acme.com', period_start: '2017-01-01', period_end: '2017-12-31', amount: '9000000' };
    expect(parse('quotas', { ...row, quota_type: 'Overlay' })).toMatchObject({ ok: true, row: { quota_type: 'overlay' } });
    expect(parse('quotas', { ...row, quota_type: 'REP' })).toMatchObject({ ok: true, row: { quota_type: 'rep' } });
    expect(parse('quotas', { ...row, quota_type: 'team' })).toEqual({ ok: false, problems: ['quota_type "team" is not one of rep, overlay'] });
  });
});

describe('comp plan rows', () => {
  it('take percentages with or without the sign, and multipliers with or without an x', () => {
    expect(parse('comp-plans', { plan: 'AE', base_pct: '50%', cap_pct: '250', tier_from_pct: '0', tier_to_pct: '100 %', rate: '1.5x' })).toMatchObject({
      ok: true,
      row: { base_pct: 50, cap_pct: 250, tier_from_pct: 0, tier_to_pct: 100, rate: 1.5 },
    });
    expect(parse('comp-plans', { plan: 'AE', base_pct: '100', rate: '0' })).toMatchObject({ ok: true, row: { base_pct: 100, rate: 0 } });
  });

  it('refuses a base over 100%, a negative or non-numeric percentage, and a rate that is not a multiplier', () => {
    expect(parse('comp-plans', { plan: 'AE', base_pct: '101' })).toEqual({ ok: false, problems: ['base_pct 101 is more than 100%'] });
    expect(parse('comp-plans', { plan: 'AE', cap_pct: '-1' })).toEqual({ ok: false, problems: ['cap_pct "-1" is not a percentage (e.g. 50 or 50%)'] });
    expect(parse('comp-plans', { plan: 'AE', tier_to_pct: 'all' })).toEqual({
      ok: false,
      problems: ['tier_to_pct "all" is not a percentage (e.g. 50 or 50%)'],
    });
    expect(parse('comp-plans', { plan: 'AE', rate: '-0.5' })).toEqual({ ok: false, problems: ['rate "-0.5" is not a multiplier (e.g. 1 or 1.5)'] });
    expect(parse('comp-plans', { plan: 'AE', rate: 'double' })).toEqual({ ok: false, problems: ['rate "double" is not a multiplier (e.g. 1 or 1.5)'] });
  });
});

describe('stage history and account rows', () => {
  it('need a deal, a stage and the date it was entered', () => {
    expect(parse('stage-history', { deal_id: 'A1', stage: 'Proposal', entered_date: '2017-01-11T00:00:00Z' })).toEqual({
      ok: true,
      row: { deal_id: 'A1', stage: 'Proposal', entered_date: '2017-01-11' },
    });
    expect(parse('stage-history', {})).toEqual({ ok: false, problems: ['deal_id is missing', 'stage is missing', 'entered_date is missing'] });
  });

  it('read the potential as money', () => {
    expect(parse('accounts', { name: 'Acme', potential: '$400,000' })).toMatchObject({ ok: true, row: { name: 'Acme', potential: 40_000_000 } });
    expect(parse('accounts', { potential: '1' })).toEqual({ ok: false, problems: ['name is missing'] });
  });
});
