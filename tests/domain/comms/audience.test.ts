import { describe, expect, it } from 'vitest';
import { type Actor, decideEditCommunications, decideSeeCommunications, decideSeeSurveyResults } from '../../../src/domain/access.js';
import { audienceOf, isAttendee, type RosterPerson, type RsvpAnswer, tallyAttendance } from '../../../src/domain/comms/audience.js';
import { rsvpReminderTimes } from '../../../src/domain/comms/calendar.js';
import { type CommsContext, composeSaveTheDate, composeTravel, parseMaterialsLinks } from '../../../src/domain/comms/notices.js';
import { buildTimeline } from '../../../src/domain/plan/timeline.js';

const person = (personId: number, role: RosterPerson['role'], extra: Partial<RosterPerson> = {}): RosterPerson => ({
  personId,
  slackUserId: `U${personId}`,
  name: `P${personId}`,
  role,
  team: null,
  eventRoles: [],
  ...extra,
});

const roster: RosterPerson[] = [
  person(1, 'admin', { eventRoles: ['sko_lead'] }),
  person(2, 'guest', { eventRoles: ['logistics_lead'] }),
  person(3, 'guest'),
  person(4, 'rep'),
  person(5, 'rep', { slackUserId: null }),
  person(6, 'manager'),
  person(7, 'leader', { eventRoles: ['sales_leader'] }),
  person(8, 'rep'),
];
const rsvps = new Map<number, RsvpAnswer>([
  [4, 'attending'],
  [6, 'maybe'],
  [7, 'not-attending'],
  [5, 'attending'],
]);
const ids = (people: RosterPerson[]) => people.map((p) => p.personId);

describe('who hears what', () => {
  it('counts as attendees everyone with Slack except guests who hold no event role', () => {
    expect(ids(roster.filter(isAttendee))).toEqual([1, 2, 4, 6, 7, 8]);
  });

  it('chooses each audience from the roster and the RSVPs', () => {
    expect(ids(audienceOf('all-attendees', roster, rsvps))).toEqual([1, 2, 4, 6, 7, 8]);
    // Person 5 said yes but has no Slack account; a maybe is not a yes.
    expect(ids(audienceOf('attending', roster, rsvps))).toEqual([4]);
    expect(ids(audienceOf('leaders', roster, rsvps))).toEqual([1, 7]);
    expect(audienceOf('event-channel', roster, rsvps)).toEqual([]);
  });

  it('tallies RSVPs of attendees against the headcount', () => {
    // Attendees 1, 2, 4, 6, 7, 8: 4 attending, 6 maybe, 7 not, three without an answer; 1 of 4 expected = 25%.
    expect(tallyAttendance(roster, rsvps, 4)).toEqual({ attending: 1, notAttending: 1, maybe: 1, noAnswer: 3, headcount: 4, share: 0.25 });
  });
});

describe('composing the save-the-date and travel', () => {
  const ctx: CommsContext = {
    eventId: 9,
    event: { id: 1, name: 'SKO', day1: '2027-02-02', lastDay: '2027-02-04', day0: null, location: null, timeZone: 'America/New_York' },
    roster,
    rsvps,
  };

  it('sends the save-the-date to every attendee with their answer, and a reminder only to the silent', () => {
    const all = composeSaveTheDate(ctx, { body: 'Hi', rsvpBy: null, reminder: null });
    expect(all.map((n) => [n.to.kind === 'person' ? n.to.person.personId : 0, n.rsvp])).toEqual([
      [1, null],
      [2, null],
      [4, 'attending'],
      [6, 'maybe'],
      [7, 'not-attending'],
      [8, null],
    ]);
    const reminder = composeSaveTheDate(ctx, { body: 'Hi', rsvpBy: null, reminder: 2 });
    expect(reminder.map((n) => [n.to.kind === 'person' ? n.to.person.personId : 0, n.label])).toEqual([
      [1, 'reminder 2 of the save-the-date'],
      [2, 'reminder 2 of the save-the-date'],
      [8, 'reminder 2 of the save-the-date'],
    ]);
  });

  it('sends travel instructions to those attending, or to the one person asked for', () => {
    expect(composeTravel(ctx, { body: 'Book', contact: 'U2' }).map((n) => n.to.kind === 'person' && n.to.person.personId)).toEqual([4]);
    expect(composeTravel(ctx, { body: 'Book', contact: null, only: 8 })).toEqual([]);
  });
});

describe('RSVP reminders', () => {
  it('fall halfway to, and the day before, Friday of week 7', () => {
    // Day 1 Tue 2 Feb 2027, planned from 20 Nov 2026: week 6 starts Mon 4 Jan, week 7 Mon 11 Jan.
    const timeline = buildTimeline({ day1: '2027-02-02', days: 3, hasDay0: false, timeZone: 'America/New_York' }, '2026-11-20');
    expect(rsvpReminderTimes(timeline, new Date('2027-01-04T15:00:00Z')).map((d) => d.toISOString())).toEqual([
      '2027-01-08T15:00:00.000Z',
      '2027-01-14T15:00:00.000Z',
    ]);
    // Sent on the Thursday of week 7, only "the day before" is left, and it is that same day: none.
    expect(rsvpReminderTimes(timeline, new Date('2027-01-14T15:00:00Z'))).toEqual([]);
    expect(rsvpReminderTimes(timeline, new Date('2027-01-16T15:00:00Z'))).toEqual([]);
  });
});

describe('materials links', () => {
  it('reads a label and a link per line, in the forms people type', () => {
    expect(parseMaterialsLinks('Slides https://x.test/s\n\n  Recordings | https://x.test/r  \nhttps://x.test/portal/home\nAgenda: https://x.test/a')).toEqual({
      ok: true,
      links: [
        { label: 'Slides', url: 'https://x.test/s' },
        { label: 'Recordings', url: 'https://x.test/r' },
        { label: 'x.test/portal/home', url: 'https://x.test/portal/home' },
        { label: 'Agenda', url: 'https://x.test/a' },
      ],
    });
    expect(parseMaterialsLinks('')).toEqual({ ok: true, links: [] });
  });

  it('names the line without a link', () => {
    expect(parseMaterialsLinks('Slides https://x.test/s\nwww.example.com')).toEqual({
      ok: false,
      error: 'Line 2 has no link: write a label and a web address starting with https://, such as "Slides https://…".',
    });
  });
});

describe('access to communications and results', () => {
  const actor = (role: Actor['role'], eventRoles: Actor['eventRoles'] = []): Actor => ({ personId: 1, role, eventRoles });
  const matrix: [string, Actor | null, boolean, boolean, boolean][] = [
    // who, edit the calendar, see it, see survey results
    ['the communications lead (a guest)', actor('guest', ['communications_lead']), true, true, false],
    ['the SKO lead (a rep)', actor('rep', ['sko_lead']), true, true, true],
    ['an admin', actor('admin'), true, true, true],
    ['a leader', actor('leader'), false, true, true],
    ['a sales leader of the event who is a manager', actor('manager', ['sales_leader']), false, false, true],
    ['the content lead', actor('guest', ['content_lead']), false, false, false],
    ['a manager', actor('manager'), false, false, false],
    ['a rep', actor('rep'), false, false, false],
    ['someone unknown', null, false, false, false],
  ];
  it.each(matrix)('%s', (_who, who, edit, see, results) => {
    expect([decideEditCommunications(who).allowed, decideSeeCommunications(who).allowed, decideSeeSurveyResults(who).allowed]).toEqual([edit, see, results]);
  });
});

describe('leaders and role holders', () => {
  const cast: RosterPerson[] = [
    person(11, 'leader'),
    person(12, 'admin'),
    person(13, 'rep', { eventRoles: ['sko_lead'] }),
    person(14, 'rep', { eventRoles: ['sales_leader'] }),
    person(15, 'guest', { eventRoles: ['technology_lead'] }),
    person(16, 'manager'),
    person(17, 'leader', { slackUserId: null }),
    person(18, 'rep', { eventRoles: ['content_lead'], slackUserId: null }),
  ];

  it('leaders are leaders, admins, the SKO lead and sales leaders with Slack', () => {
    expect(ids(audienceOf('leaders', cast, new Map()))).toEqual([11, 12, 13, 14]);
  });

  it('the digest also reaches anyone holding an event role, but nobody without Slack', () => {
    expect(ids(audienceOf('leaders-and-role-holders', cast, new Map()))).toEqual([11, 12, 13, 14, 15]);
  });

  it('with no headcount, the attending share is 0 rather than undefined', () => {
    expect(tallyAttendance(cast, new Map([[11, 'attending']]), 0).share).toBe(0);
  });
});
