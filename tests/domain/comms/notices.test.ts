import { describe, expect, it } from 'vitest';
import type { Session } from '../../../src/domain/agenda/sessions.js';
import type { RosterPerson, RsvpAnswer } from '../../../src/domain/comms/audience.js';
import {
  type CommsContext,
  composeAgendaPreview,
  composeAnalysis,
  composeRecap,
  composeReinforcement,
  composeSaveTheDate,
  composeSurveyInvite,
  composeTravel,
  isMessageKind,
  parseMaterialsLinks,
  type SurveyAnalysis,
  type SurveyFacts,
} from '../../../src/domain/comms/notices.js';

const person = (personId: number, role: RosterPerson['role'], extra: Partial<RosterPerson> = {}): RosterPerson => ({
  personId,
  slackUserId: `U${personId}`,
  name: `P${personId}`,
  role,
  team: null,
  eventRoles: [],
  ...extra,
});

// 1 is the SKO lead; 2 and 3 are reps (2 said yes, 3 has not answered); 4 is a leader; 5 said yes but has no Slack.
const roster = [
  person(1, 'admin', { eventRoles: ['sko_lead'] }),
  person(2, 'rep'),
  person(3, 'rep'),
  person(4, 'leader'),
  person(5, 'rep', { slackUserId: null }),
];
const rsvps = new Map<number, RsvpAnswer>([
  [2, 'attending'],
  [4, 'not-attending'],
  [5, 'attending'],
]);
const event = { id: 1, name: 'SKO', day1: '2027-02-02', lastDay: '2027-02-04', day0: null, location: 'Austin', timeZone: 'America/Chicago' };
const ctx: CommsContext = { eventId: 9, event, roster, rsvps };
const who = (notices: { to: { kind: string; person?: { personId: number } } }[]) => notices.map((n) => n.to.person?.personId);

const survey: SurveyFacts = {
  id: 3,
  kind: 'post',
  title: 'Post-event feedback',
  anonymous: true,
  questions: 8,
  sessionRatings: 0,
  minutes: 2,
  closesAt: new Date('2027-02-20T00:00:00Z'),
};

describe('message kinds', () => {
  it('knows the calendar messages it composes, and not the reminders or the digest', () => {
    expect(isMessageKind('save-the-date')).toBe(true);
    expect(isMessageKind('survey-analysis')).toBe(true);
    expect(isMessageKind('rsvp-reminder')).toBe(false);
    expect(isMessageKind('digest')).toBe(false);
  });
});

describe('the save-the-date', () => {
  it('goes to each attendee with Slack as a direct message carrying their own answer', () => {
    const notices = composeSaveTheDate(ctx, { body: 'Save it', rsvpBy: null, reminder: null });
    expect(who(notices)).toEqual([1, 2, 3, 4]);
    expect(notices[1]).toEqual({
      type: 'save-the-date',
      to: { kind: 'person', person: { personId: 2, slackUserId: 'U2', name: 'P2' }, mayReassign: false },
      label: 'the save-the-date',
      event,
      eventId: 9,
      body: 'Save it',
      rsvp: 'attending',
      rsvpBy: null,
      reminder: null,
    });
  });

  it('as a reminder, only reaches those who have not answered', () => {
    expect(who(composeSaveTheDate(ctx, { body: 'Save it', rsvpBy: null, reminder: 1 }))).toEqual([1, 3]);
  });
});

describe('travel instructions', () => {
  it('go to those attending, or only to the one who just said yes', () => {
    const notices = composeTravel(ctx, { body: 'Book', contact: 'ULOG' });
    expect(notices).toEqual([
      {
        type: 'travel-instructions',
        to: expect.objectContaining({ kind: 'person' }),
        label: 'the travel booking instructions',
        event,
        body: 'Book',
        contact: 'ULOG',
      },
    ]);
    expect(who(notices)).toEqual([2]);
    expect(who(composeTravel(ctx, { body: 'Book', contact: null, only: 2 }))).toEqual([2]);
  });
});

describe('survey invitations', () => {
  const invite = { kind: 'post-event-survey', audience: 'all-attendees', body: 'Tell us', survey } as const;

  it('go to the whole audience the first time, labelled with the survey', () => {
    const notices = composeSurveyInvite(ctx, { ...invite, reminder: null });
    expect(who(notices)).toEqual([1, 2, 3, 4]);
    expect(notices[0]).toMatchObject({ type: 'survey-invite', label: 'the post-event feedback survey', body: 'Tell us', survey, reminder: null, event });
  });

  it('as a reminder, only to those invited earlier who have not answered', () => {
    const notices = composeSurveyInvite(ctx, { ...invite, reminder: 2, invited: new Set([1, 2, 3]), answered: new Set([2]) });
    expect(who(notices)).toEqual([1, 3]);
    expect(notices[0]?.label).toBe('reminder 2 of the post-event feedback survey');
    expect(composeSurveyInvite(ctx, { ...invite, reminder: 1 })).toEqual([]);
    // Nobody has answered yet: every one invited is reminded.
    expect(who(composeSurveyInvite(ctx, { ...invite, reminder: 1, invited: new Set([2, 3]) }))).toEqual([2, 3]);
  });
});

describe('the recap, reinforcement and analysis', () => {
  it('carry their body and extras to their audience', () => {
    const links = [{ label: 'Slides', url: 'https://x.test/s' }];
    const recap = composeRecap(ctx, { audience: 'attending', body: 'Thanks', highlights: 'Great', links });
    expect(recap).toEqual([
      { type: 'thank-you-recap', to: expect.anything(), label: 'the thank-you and recap', event, body: 'Thanks', highlights: 'Great', links },
    ]);
    expect(who(recap)).toEqual([2]);

    const reinforcement = composeReinforcement(ctx, { audience: 'leaders', body: 'Q1' });
    expect(reinforcement[0]).toEqual({ type: 'q1-reinforcement', to: expect.anything(), label: 'the Q1 kickoff reinforcement', event, body: 'Q1' });
    expect(who(reinforcement)).toEqual([1, 4]);

    const analysis: SurveyAnalysis = { surveys: [], metrics: [], top: [], bottom: [] };
    const analyses = composeAnalysis(ctx, { audience: 'leaders', body: 'Results', analysis });
    expect(analyses[0]).toEqual({ type: 'survey-analysis', to: expect.anything(), label: 'the survey analysis', event, body: 'Results', analysis });
    expect(who(analyses)).toEqual([1, 4]);
  });
});

describe('the agenda preview', () => {
  const session = { title: 'Opening' } as Session;

  it('lists only the days that have sessions', () => {
    const days = [
      { day: 1, date: '2027-02-02', sessions: [session] },
      { day: 2, date: '2027-02-03', sessions: [] },
    ];
    const notices = composeAgendaPreview(ctx, { audience: 'all-attendees', body: 'Agenda', days });
    expect(who(notices)).toEqual([1, 2, 3, 4]);
    expect(notices[0]).toEqual({ type: 'agenda-preview', to: expect.anything(), label: 'the agenda preview', event, body: 'Agenda', days: [days[0]] });
  });

  it('is not sent while the agenda is empty', () => {
    expect(composeAgendaPreview(ctx, { audience: 'all-attendees', body: 'Agenda', days: [{ day: 1, date: '2027-02-02', sessions: [] }] })).toEqual([]);
  });
});

describe('materials links', () => {
  it('take the label on either side of the link, with separators trimmed, and the address alone when unlabelled', () => {
    expect(parseMaterialsLinks('https://x.test/s — Slides\r\nRecordings: http://x.test/r\n - https://x.test/q -')).toEqual({
      ok: true,
      links: [
        { label: 'Slides', url: 'https://x.test/s' },
        { label: 'Recordings', url: 'http://x.test/r' },
        { label: 'x.test/q', url: 'https://x.test/q' },
      ],
    });
  });

  it('names a line whose link is not a web address', () => {
    expect(parseMaterialsLinks('Slides https://x.test/s\nBroken https://[x')).toEqual({ ok: false, error: 'Line 2: "https://[x" is not a web address.' });
  });
});
