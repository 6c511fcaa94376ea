import { describe, expect, it } from 'vitest';
import { actionItemCsv, type CsvActionItem, type SummaryItem, summarizeActionItems } from '../../../src/domain/action-items/reports.js';

describe('summarizeActionItems on Wednesday 2026-12-09', () => {
  const items: SummaryItem[] = [
    { id: 1, ownerPersonId: 1, team: 'East', status: 'open', due: '2026-12-04' }, // 5 days late
    { id: 2, ownerPersonId: 1, team: 'East', status: 'open', due: '2026-12-08' }, // 1 day late
    { id: 3, ownerPersonId: 1, team: 'East', status: 'done', due: '2026-12-01' }, // done, so not late
    { id: 4, ownerPersonId: 2, team: 'West', status: 'open', due: '2026-12-09' }, // due today, not late
    { id: 5, ownerPersonId: 2, team: 'West', status: 'open', due: null },
    { id: 6, ownerPersonId: 3, team: null, status: 'open', due: '2026-11-30' }, // 9 days late
    { id: 7, ownerPersonId: 4, team: 'West', status: 'done', due: null },
  ];

  it('counts open, done and overdue, by owner and by team, most overdue first', () => {
    expect(summarizeActionItems(items, '2026-12-09')).toEqual({
      open: 5,
      done: 2,
      overdue: 3,
      byOwner: [
        { personId: 1, open: 2, done: 1, overdue: 2, oldestOverdueDays: 5 },
        { personId: 3, open: 1, done: 0, overdue: 1, oldestOverdueDays: 9 },
        { personId: 2, open: 2, done: 0, overdue: 0, oldestOverdueDays: null },
        { personId: 4, open: 0, done: 1, overdue: 0, oldestOverdueDays: null },
      ],
      byTeam: [
        { team: 'East', open: 2, done: 1, overdue: 2 },
        { team: null, open: 1, done: 0, overdue: 1 },
        { team: 'West', open: 2, done: 1, overdue: 0 },
      ],
    });
  });

  it('is all zeros with no items', () => {
    expect(summarizeActionItems([], '2026-12-09')).toEqual({ open: 0, done: 0, overdue: 0, byOwner: [], byTeam: [] });
  });
});

describe('actionItemCsv', () => {
  const HEADER = 'id,title,owner_email,owner_name,creator_email,due,status,created_at,done_at,link\r\n';

  it('writes the fixed header even with no items', () => {
    expect(actionItemCsv([])).toBe(HEADER);
  });

  it('quotes by RFC 4180 and defuses cells a spreadsheet would run as formulas', () => {
    const items: CsvActionItem[] = [
      {
        id: 1,
        title: 'Send the pricing deck, v2',
        ownerEmail: 'maria@example.com',
        ownerName: 'María López',
        creatorEmail: 'sam@example.com',
        due: '2026-12-04',
        status: 'open',
        createdAt: new Date('2026-11-30T15:00:00.123Z'),
        doneAt: null,
        link: 'https://example.slack.com/archives/C0123/p1764514800000100',
      },
      {
        id: 2,
        title: '=HYPERLINK("http://evil.example","click")',
        ownerEmail: null,
        ownerName: '@admin',
        creatorEmail: null,
        due: null,
        status: 'done',
        createdAt: new Date('2026-12-01T10:00:00Z'),
        doneAt: new Date('2026-12-02T11:30:00Z'),
        link: null,
      },
      {
        id: 3,
        title: '-10% discount\nfor ACME',
        ownerEmail: '+lee@example.com',
        ownerName: 'Lee "Bud" Park',
        creatorEmail: 'sam@example.com',
        due: '2026-12-18',
        status: 'open',
        createdAt: new Date('2026-12-03T09:15:30Z'),
        doneAt: null,
        link: null,
      },
    ];
    expect(actionItemCsv(items)).toBe(
      HEADER +
        '1,"Send the pricing deck, v2",maria@example.com,María López,sam@example.com,2026-12-04,open,2026-11-30T15:00:00Z,,https://example.slack.com/archives/C0123/p1764514800000100\r\n' +
        `2,"'=HYPERLINK(""http://evil.example"",""click"")",,'@admin,,,done,2026-12-01T10:00:00Z,2026-12-02T11:30:00Z,\r\n` +
        `3,"'-10% discount\nfor ACME",'+lee@example.com,"Lee ""Bud"" Park",sam@example.com,2026-12-18,open,2026-12-03T09:15:30Z,,\r\n`,
    );
  });
});
