import { describe, expect, it } from 'vitest';
import { detectDelimiter, parseRates, parseStageMapping, readStage, reportFooter } from '../../../src/domain/sales/export-shapes.js';
import { amountEvidence, currencyCode, dateEvidence, parseAmount, parseDate, readingAskedIn } from '../../../src/domain/sales/import-values.js';

describe('the separator', () => {
  it('is the one the header uses most outside quotes, a comma when there is none', () => {
    expect(detectDelimiter('id;owner;"a,b,c";stage')).toBe(';');
    expect(detectDelimiter('id\towner\tstage')).toBe('\t');
    expect(detectDelimiter('"Opportunity ID","Owner; Name",Stage')).toBe(',');
    expect(detectDelimiter('email')).toBe(',');
  });
});

describe('report footers', () => {
  it('knows Salesforce’s footer rows, and nothing that merely starts like them', () => {
    expect(reportFooter(['Grand Totals (1,204 records)', '', '$1,000.00'])).toBe('Grand Totals');
    expect(reportFooter(['Total (3 records)'])).toBe('Grand Totals');
    expect(reportFooter(['Confidential Information - Do Not Distribute'])).toBe('Confidential Information');
    expect(reportFooter(['Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved.'])).toBe('Copyright (c)');
    expect(reportFooter(['Confidential Information deal', 'ann@acme.com'])).toBeNull();
    expect(reportFooter(['Grand Totals deal', ''])).toBeNull();
    expect(reportFooter(['D1', 'ann@acme.com'])).toBeNull();
  });
});

describe('stages', () => {
  it('reads HubSpot’s internal ids as their labels, a mapping first, and refuses an unknown numeric id', () => {
    expect(readStage('closedwon', {})).toEqual({ stage: 'Closed won' });
    expect(readStage('decisionmakerboughtin', {})).toEqual({ stage: 'Decision maker bought-in' });
    expect(readStage(' Negotiation ', {})).toEqual({ stage: 'Negotiation' });
    expect(readStage('closed won', {})).toEqual({ stage: 'closed won' });
    expect(readStage('123', { ' 123 ': 'Closed Lost' })).toEqual({ stage: 'Closed Lost' });
    expect(readStage('ClosedWon', { closedwon: 'Won' })).toEqual({ stage: 'Won' });
    expect(readStage('123', {})).toEqual({
      problem: 'stage "123" is a CRM stage id the app does not know: add it to the stage mapping with its name, e.g. 123=Closed Won',
    });
  });

  it('parses a mapping and refuses a part without both sides', () => {
    expect(parseStageMapping('1=Closed Won, 2 = Negotiation')).toEqual({ mapping: { '1': 'Closed Won', '2': 'Negotiation' } });
    expect(parseStageMapping('1=Won,2')).toEqual({ problem: '"2" is not a stage mapping: write the CRM\'s stage, "=", and its name, e.g. 12345=Closed Won' });
  });
});

describe('rates files', () => {
  it('reads currency,rate lines under an optional header', () => {
    expect(parseRates('currency,rate\nusd,1\nEUR;1.08\n')).toEqual({ rates: { USD: 1, EUR: 1.08 } });
    expect(parseRates('EUR,0\n')).toEqual({ problem: 'line 1 of the rates file, "EUR,0", is not a currency code and a rate above 0 (like EUR,1.08)' });
    expect(parseRates('currency,rate\n')).toMatchObject({ problem: expect.stringContaining('no rates') });
  });
});

describe('dates in either order', () => {
  it('reads day first or month first, with the times CRMs add', () => {
    expect(parseDate('1/31/2026, 10:15 AM')).toBe('2026-01-31');
    expect(parseDate('31/01/2026', 'DMY')).toBe('2026-01-31');
    expect(parseDate('31.01.2026 14:05', 'DMY')).toBe('2026-01-31');
    expect(parseDate('31-01-2026', 'DMY')).toBe('2026-01-31');
    expect(parseDate('31/01/2026', 'MDY')).toBeNull();
    expect(parseDate('1/31.2026')).toBeNull();
  });

  it('says whether a date settles the order', () => {
    expect(dateEvidence('13/01/2026')).toEqual({ decides: 'DMY' });
    expect(dateEvidence('01/13/2026')).toEqual({ decides: 'MDY' });
    expect(dateEvidence('03/04/2026')).toBe('ambiguous');
    expect(dateEvidence('12/12/2026')).toBe('either');
    expect(dateEvidence('2026-04-03')).toBe('either');
    expect(dateEvidence('31/31/2026')).toBe('either');
  });
});

describe('amounts in either format', () => {
  it('says whether an amount settles the format', () => {
    expect(amountEvidence('1.234,50 €')).toEqual({ decides: '1.234,50' });
    expect(amountEvidence('$1,234.50')).toEqual({ decides: '1,234.50' });
    expect(amountEvidence('1,234,567')).toEqual({ decides: '1,234.50' });
    expect(amountEvidence('1.234.567')).toEqual({ decides: '1.234,50' });
    expect(amountEvidence('12,5')).toEqual({ decides: '1.234,50' });
    expect(amountEvidence('0,500')).toEqual({ decides: '1.234,50' });
    expect(amountEvidence('1,234')).toBe('ambiguous');
    expect(amountEvidence('EUR 1.234')).toBe('ambiguous');
    expect(amountEvidence('1234')).toBe('either');
    expect(amountEvidence('(500)')).toBe('either');
  });

  it('reads an amount in a format, with its currency', () => {
    expect(parseAmount('1.234,50 €', '1.234,50')).toEqual({ cents: 123_450, currency: 'EUR' });
    expect(parseAmount('1 234,50', '1.234,50')).toEqual({ cents: 123_450, currency: null });
    expect(parseAmount("CHF 1'234.50", '1,234.50')).toEqual({ cents: 123_450, currency: 'CHF' });
    expect(parseAmount('US$ 12,345.5', '1,234.50')).toEqual({ cents: 1_234_550, currency: 'USD' });
    expect(parseAmount('(500)', '1,234.50')).toEqual({ cents: -50_000, currency: null });
    expect(parseAmount('1.234,50', '1,234.50')).toBeNull();
    expect(parseAmount('12,34,5', '1,234.50')).toBeNull();
    expect(parseAmount('$5 EUR', '1,234.50')).toBeNull();
  });

  it('reads the plain shapes most rows have exactly as the full reading would', () => {
    expect(parseAmount('$1,234.50', '1,234.50')).toEqual({ cents: 123_450, currency: 'USD' });
    expect(parseAmount('12,345,678.9', '1,234.50')).toEqual({ cents: 1_234_567_890, currency: null });
    expect(parseAmount('0.29', '1,234.50')).toEqual({ cents: 29, currency: null });
    expect(parseAmount('007', '1,234.50')).toEqual({ cents: 700, currency: null });
    expect(parseAmount('1.234', '1.234,50')).toEqual({ cents: 123_400, currency: null });
    expect(parseAmount('$1.234,5', '1.234,50')).toEqual({ cents: 123_450, currency: 'USD' });
    expect(parseAmount('1.2345', '1,234.50')).toEqual({ cents: 123, currency: null });
    expect(parseAmount('9999999999999.99', '1,234.50')).toEqual({ cents: 999_999_999_999_999, currency: null });
    expect(parseAmount('1,234,56', '1,234.50')).toBeNull();
    expect(parseAmount('1234,567.00', '1,234.50')).toBeNull();
    expect(parseAmount('1,23', '1,234.50')).toBeNull();
    expect(parseAmount('5.', '1,234.50')).toBeNull();
    expect(parseAmount('$', '1,234.50')).toBeNull();
  });

  it('knows currency codes and symbols', () => {
    expect(currencyCode(' eur ')).toBe('EUR');
    expect(currencyCode('£')).toBe('GBP');
    expect(currencyCode('euro')).toBeNull();
  });
});

describe('the reading a person asks for in words', () => {
  it('takes a date order and a number format named once, and neither when named both ways', () => {
    expect(readingAskedIn('deals, days first')).toEqual({ dateOrder: 'DMY' });
    expect(readingAskedIn('Quotas (DMY) 1.234,50')).toEqual({ dateOrder: 'DMY', numberFormat: '1.234,50' });
    expect(readingAskedIn('pipeline month first, decimal point')).toEqual({ dateOrder: 'MDY', numberFormat: '1,234.50' });
    expect(readingAskedIn('days first or months first?')).toEqual({});
    expect(readingAskedIn('deals for the first day')).toEqual({});
  });
});
