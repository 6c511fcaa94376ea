import { describe, expect, it } from 'vitest';
import { describeChanges, hubspotRecords, hubspotStageNames, latestModified, salesforceRecords } from '../../../src/domain/sales/crm-records.js';

const opp = (id: string, stage: string, closed: boolean, won: boolean) => ({
  Id: id,
  Owner: { Email: 'ann@acme.com' },
  Account: null,
  StageName: stage,
  Amount: 10,
  CloseDate: '2026-01-31',
  CreatedDate: '2026-01-01T00:00:00.000+0000',
  IsClosed: closed,
  IsWon: won,
  SystemModstamp: '2026-01-31T00:00:00.000+0000',
});

const quota = (email: string, start: string, amount: number, type: string, more: { IsAmount?: boolean; ProductFamily?: string } = {}) => ({
  QuotaOwner: { Email: email },
  StartDate: start,
  Period: { EndDate: `${start.slice(0, 8)}28` },
  QuotaAmount: amount,
  IsAmount: more.IsAmount ?? true,
  ProductFamily: more.ProductFamily ?? null,
  ForecastingType: { DeveloperName: type },
  LastModifiedDate: '2026-01-01T00:00:00.000+0000',
});

describe('Salesforce records', () => {
  it('keeps each owner’s revenue quota per period: the opportunity-revenue forecast over others, no quantities, no product-family parts', () => {
    const quotas = salesforceRecords({
      users: [],
      accounts: [],
      opportunities: [],
      history: [],
      quotas: [
        quota('ann@acme.com', '2026-01-01', 90, 'OpportunitySplitRevenue'),
        quota('ann@acme.com', '2026-01-01', 100, 'OpportunityRevenue'),
        quota('ann@acme.com', '2026-01-01', 70, 'OpportunityLineItemRevenue'),
        quota('ann@acme.com', '2026-02-01', 40, 'OpportunityRevenue', { ProductFamily: 'Hardware' }),
        quota('ann@acme.com', '2026-02-01', 5, 'OpportunityQuantity', { IsAmount: false }),
        quota('bo@acme.com', '2026-01-01', 80, 'OpportunitySplitRevenue'),
      ],
    }).quotas;
    expect(quotas).toEqual({
      header: ['email', 'period_start', 'period_end', 'amount'],
      rows: [
        ['ann@acme.com', '2026-01-01', '2026-01-28', '100'],
        ['bo@acme.com', '2026-01-01', '2026-01-28', '80'],
      ],
      names: ['quota of ann@acme.com from 2026-01-01', 'quota of bo@acme.com from 2026-01-01'],
    });
  });

  it('keeps one person per email, the last read, and none without one', () => {
    const records = salesforceRecords({
      users: [
        { Id: '1', Name: 'Ann (old)', Email: 'ann@acme.com', SystemModstamp: 'x' },
        { Id: '2', Name: 'Robot', Email: null, SystemModstamp: 'x' },
        { Id: '3', Name: 'Ann Lee', Email: 'ANN@acme.com', Manager: { Email: 'mia@acme.com' }, SystemModstamp: 'x' },
      ],
      accounts: [],
      opportunities: [],
      history: [],
      quotas: null,
    });
    expect(records).toEqual({
      people: { header: ['email', 'name', 'manager_email'], rows: [['ANN@acme.com', 'Ann Lee', 'mia@acme.com']], names: ['user Ann Lee'] },
    });
  });

  it('names a stage by the outcome Salesforce gives it when the org’s name says otherwise', () => {
    const deals = salesforceRecords({
      users: [],
      accounts: [],
      opportunities: [opp('A', 'Signed', true, true), opp('B', 'Dropped', true, false), opp('C', 'Closed Won', true, true), opp('D', 'Proposal', false, false)],
      history: [],
      quotas: null,
    }).deals;
    expect(deals?.rows.map((r) => r[3])).toEqual(['Closed Won', 'Closed Lost', 'Closed Won', 'Proposal']);
  });

  it('keeps a history’s stage changes: not the same stage logged again, one entry per stage a day', () => {
    const history = salesforceRecords({
      users: [],
      accounts: [],
      opportunities: [],
      history: [
        { OpportunityId: 'A', StageName: 'Proposal', CreatedDate: '2026-01-05T10:00:00Z' },
        { OpportunityId: 'A', StageName: 'Prospecting', CreatedDate: '2026-01-02T10:00:00Z' },
        { OpportunityId: 'A', StageName: 'Prospecting', CreatedDate: '2026-01-03T10:00:00Z' },
        { OpportunityId: 'A', StageName: 'Prospecting', CreatedDate: '2026-01-05T09:00:00Z' },
        { OpportunityId: 'B', StageName: 'Prospecting', CreatedDate: '2026-01-01T10:00:00Z' },
      ],
      quotas: null,
    })['stage-history'];
    expect(history?.rows).toEqual([
      ['A', 'Prospecting', '2026-01-02T10:00:00Z'],
      ['A', 'Proposal', '2026-01-05T10:00:00Z'],
      ['B', 'Prospecting', '2026-01-01T10:00:00Z'],
    ]);
  });
});

describe('HubSpot records', () => {
  it('names pipeline stages by label, or by their outcome when closed under another name', () => {
    expect(
      hubspotStageNames([
        {
          stages: [
            { id: '1', label: 'Partner signed', metadata: { isClosed: 'true', probability: '1.0' } },
            { id: '2', label: 'Partner gone', metadata: { isClosed: 'true', probability: '0.0' } },
            { id: '3', label: 'Closed lost', metadata: { isClosed: 'true', probability: '0' } },
            { id: '4', label: 'Partner review', metadata: { isClosed: 'false', probability: '0.5' } },
          ],
        },
      ]),
    ).toEqual({ '1': 'Closed Won', '2': 'Closed Lost', '3': 'Closed lost', '4': 'Partner review' });
  });

  it('gives deals their owner’s email, or names an owner HubSpot did not list', () => {
    const records = hubspotRecords({
      owners: [{ id: '11', email: 'jane@acme.com', firstName: 'Jane', lastName: 'Doe' }],
      pipelines: [],
      deals: [
        { id: '1', properties: { hubspot_owner_id: '11', dealstage: 'closedwon', dealname: 'Big' } },
        { id: '2', properties: { hubspot_owner_id: '99', dealstage: 'closedwon' } },
      ],
    });
    expect(records.deals?.rows.map((r) => r[1])).toEqual(['jane@acme.com', 'owner 99']);
    expect(records.deals?.names).toEqual(['deal 1 (Big)', 'deal 2']);
  });
});

describe('sync bookkeeping', () => {
  it('moves the mark to the latest modification read, never back', () => {
    expect(latestModified(['2026-01-02T00:00:00.000+0000', null, '2026-01-03T00:00:00Z'], '2026-01-01T00:00:00.000Z')).toBe('2026-01-03T00:00:00.000Z');
    expect(latestModified(['2025-12-01T00:00:00Z'], '2026-01-01T00:00:00.000Z')).toBe('2026-01-01T00:00:00.000Z');
    expect(latestModified([], null)).toBeNull();
  });

  it('says what changed in words', () => {
    expect(
      describeChanges([
        { kind: 'people', created: 1, updated: 0 },
        { kind: 'deals', created: 2, updated: 3 },
        { kind: 'accounts', created: 0, updated: 0 },
        { kind: 'stage-history', created: 0, updated: 1 },
      ]),
    ).toBe('1 new person; 2 new deals, 3 updated; 1 stage entry updated');
    expect(describeChanges([])).toBe('nothing changed');
  });
});
