import { describe, expect, it } from 'vitest';
import { type ContentStanding, checkContentLink, contentApproval } from '../../../src/domain/content/approval.js';

describe('a content link', () => {
  it.each([
    ['https://docs.example.com/deck', 'https://docs.example.com/deck'],
    ['  http://drive.example.org/folder?id=7  ', 'http://drive.example.org/folder?id=7'],
    ['https://wiki.example.com/a|b>c', 'https://wiki.example.com/a%7Cb%3Ec'],
  ])('accepts %j as %j', (raw, link) => {
    expect(checkContentLink(raw)).toEqual({ ok: true, value: link });
  });

  it.each([
    ['', 'Paste the link to the session content (the deck, document or folder), such as https://docs.example.com/deck.'],
    ['docs.example.com/deck', '"docs.example.com/deck" is not a web link; paste the whole address, starting with https://.'],
    ['ftp://files.example.com/deck', '"ftp://files.example.com/deck" is not a web link; paste the whole address, starting with https://.'],
    ['https://intranet/deck', '"https://intranet/deck" is not a web link; paste the whole address, starting with https://.'],
    [`https://example.com/${'a'.repeat(1000)}`, 'Keep the link to 1000 characters or fewer (it has 1020).'],
  ])('refuses %j, saying what to fix', (raw, error) => {
    expect(checkContentLink(raw)).toEqual({ ok: false, error });
  });
});

describe('the share of sessions approved', () => {
  const deadline = new Date('2027-02-01T05:00:00Z');
  const sessions: ContentStanding[] = [
    { kind: 'strategy', state: 'approved', firstApprovedAt: '2027-01-20T15:00:00Z' },
    // Approved in time, then resubmitted after the deadline: it counted by the deadline.
    { kind: 'training', state: 'submitted', firstApprovedAt: '2027-01-28T15:00:00Z' },
    { kind: 'product', state: 'approved', firstApprovedAt: '2027-02-01T05:00:00Z' },
    { kind: 'planning', state: 'draft', firstApprovedAt: null },
    { kind: 'social', state: 'draft', firstApprovedAt: null },
  ];

  it('counts the approvals standing now until the deadline, leaving social time out', () => {
    const before = sessions.map((s) => (s.kind === 'product' ? { ...s, state: 'submitted' as const, firstApprovedAt: null } : s));
    expect(contentApproval(before, new Date('2027-01-31T15:00:00Z'), deadline)).toEqual({ approved: 1, total: 4, frozen: false });
  });

  it('counts the sessions first approved before the deadline once it has passed', () => {
    expect(contentApproval(sessions, deadline, deadline)).toEqual({ approved: 2, total: 4, frozen: true });
  });
});
