import { describe, expect, it } from 'vitest';
import { commitmentInvite, validateCommitments } from '../../../src/domain/action-items/commitments.js';
import { buildTimeline } from '../../../src/domain/plan/timeline.js';

const context = { today: '2027-02-12', timeZone: 'America/New_York' };

describe('validateCommitments', () => {
  it('keeps the filled-in rows, each with its date, and skips blank ones', () => {
    expect(
      validateCommitments(
        [
          { text: ' Coach one call a week ', due: '2027-03-31' },
          { text: '', due: null },
          { text: 'Plan my top 5 accounts', due: '2027-02-12' },
        ],
        context,
      ),
    ).toEqual({
      ok: true,
      commitments: [
        { title: 'Coach one call a week', due: '2027-03-31' },
        { title: 'Plan my top 5 accounts', due: '2027-02-12' },
      ],
    });
  });

  it('says what each row lacks, and asks for at least one', () => {
    expect(
      validateCommitments(
        [
          { text: 'Coach', due: null },
          { text: null, due: '2027-02-11' },
          { text: 'x'.repeat(2001), due: '2027-03-01' },
        ],
        context,
      ),
    ).toEqual({
      ok: false,
      errors: {
        0: { due: 'Pick the date you will have done it by.' },
        1: {
          text: 'Write what you will do, or clear the date beside it.',
          due: '2027-02-11 is in the past (today is 2027-02-12 in America/New_York). Pick today or a later date.',
        },
        2: { text: 'Keep it to 2,000 characters; this has 2,001.' },
      },
    });
    expect(validateCommitments([{}, {}, {}], context)).toEqual({
      ok: false,
      errors: { 0: { text: 'Write at least one commitment: one thing you will do differently after the SKO.' } },
    });
  });
});

describe('commitmentInvite', () => {
  it('falls on Friday of week 11 at the reminder time, and stays useful to the end of week 12', () => {
    // Day 1 Tue 2 Feb 2027: week 10 is Mon 1 – Sun 7 Feb, week 11 Mon 8 – Sun 14 Feb, week 12 ends Sun 21 Feb.
    const dates = { day1: '2027-02-02', days: 3, hasDay0: false, timeZone: 'America/New_York' };
    const invite = commitmentInvite({ id: 7, day1: '2027-02-02', days: 3, reminderTime: '08:30' }, buildTimeline(dates, '2026-11-02'));
    expect(invite).toEqual({
      key: 'commitments-invite:7:2027-02-12',
      kind: 'commitments-invite',
      dueAt: new Date('2027-02-12T13:30:00Z'),
      staleAt: new Date('2027-02-22T05:00:00Z'),
      payload: { date: '2027-02-12' },
    });
  });

  it('waits for the first weekday after an event that runs into week 11', () => {
    // Seven days from Sun 7 Feb end on Sat 13 Feb; the first weekday after is Mon 15 Feb.
    const dates = { day1: '2027-02-07', days: 7, hasDay0: false, timeZone: 'America/New_York' };
    const invite = commitmentInvite({ id: 7, day1: '2027-02-07', days: 7, reminderTime: '09:00' }, buildTimeline(dates, '2026-11-02'));
    expect(invite.payload).toEqual({ date: '2027-02-15' });
  });
});
