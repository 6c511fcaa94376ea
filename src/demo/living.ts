/** How the demo lives through an SKO: the dispatcher sends what falls due, and the demo company answers through the same services the buttons and modals use. */
import type { Db } from '../../db/client.js';
import type { EventRow } from '../../db/schema.js';
import { type SimulatedMessage, simulateSchedule } from '../../schedules/simulate.js';
import type { ManualClock } from '../clock.js';
import { isAttendee, type RosterPerson } from '../domain/comms/audience.js';
import type { PlannedCommunication } from '../domain/comms/calendar.js';
import type { SurveyKind } from '../domain/surveys/surveys.js';
import { quietLogger } from '../logger.js';
import { loadCalendar } from '../services/comms/calendar.js';
import { recordRsvp } from '../services/comms/rsvps.js';
import { rsvpsOf } from '../services/people/attendees.js';
import { eventRoster } from '../services/people/people.js';
import { surveyOf } from '../services/surveys/surveys.js';
import { answerPage } from '../services/surveys/taking.js';
import { demoSessionRatings } from './agenda.js';
import { DEMO_SURVEY_KEY } from './company.js';
import { demoAnswers, demoRsvp } from './responses.js';

/** Something a demo company does at a moment: answers the save-the-date, a survey. */
export interface Step {
  at: Date;
  run(): void;
}

/** One SKO's life on the demo's clock. */
export interface DemoLife {
  event: EventRow;
  attendees: RosterPerson[];
  /** The calendar entry with this key (save-the-date, pre-event-survey…), when it is planned. */
  entry(key: string): PlannedCommunication | undefined;
  /** Runs the dispatcher up to `until` and moves the clock there, taking the steps met on the way at their moments: this SKO's calendar messages that went out. */
  advance(until: Date): Promise<SimulatedMessage[]>;
  /** What people do meanwhile (in this SKO or another), taken in time order as the clock passes it. */
  meanwhile(steps: readonly Step[]): void;
  /** Everyone on the roster who answers clicks an RSVP button. */
  answerRsvps(): void;
  /** Who answered the save-the-date with Attending. */
  attending(): RosterPerson[];
  /** These people answer the survey in its modal; how many finished it. */
  answerSurvey(kind: SurveyKind, who: readonly RosterPerson[], make: (i: number) => Record<string, unknown>): number;
}

export function demoLife(db: Db, clock: ManualClock, event: EventRow): DemoLife {
  const alongside: Step[] = [];
  const attendees = eventRoster(db, event.id).filter(isAttendee);
  const ownKey = `comm:${event.id}:`;
  const runTo = async (until: Date): Promise<SimulatedMessage[]> => {
    const from = clock.now();
    if (until <= from) return [];
    const sent = await simulateSchedule(db, { from, until, logger: quietLogger(), surveyKeySecret: DEMO_SURVEY_KEY });
    clock.set(until);
    return sent;
  };
  return {
    event,
    attendees,
    entry: (key) => loadCalendar(db, event).planned.find((e) => e.key === key),
    advance: async (until) => {
      const sent: SimulatedMessage[] = [];
      for (let step = alongside[0]; step && step.at <= until; step = alongside[0]) {
        alongside.shift();
        sent.push(...(await runTo(step.at)));
        step.run();
      }
      sent.push(...(await runTo(until)));
      return sent.filter((m) => m.key.startsWith(ownKey));
    },
    meanwhile: (steps) => {
      alongside.push(...steps);
      alongside.sort((a, b) => a.at.getTime() - b.at.getTime());
    },
    answerRsvps: () => {
      attendees.forEach((person, i) => {
        const said = demoRsvp(i);
        if (said && person.slackUserId) recordRsvp(db, event.id, person.slackUserId, said, clock.now());
      });
    },
    attending: () => {
      const answers = rsvpsOf(db, event.id);
      return attendees.filter((p) => answers.get(p.personId) === 'attending');
    },
    answerSurvey: (kind, who, make) => {
      const row = surveyOf(db, event.id, kind);
      // The feedback survey also asks people to rate the agenda's sessions.
      const rated = kind === 'post' ? (row?.definition.questions.filter((q) => q.metric === 'session-rating').map((q) => q.id) ?? []) : [];
      let answered = 0;
      who.forEach((person, i) => {
        if (!row || !person.slackUserId || !demoAnswers(i)) return;
        const { outcome } = answerPage(db, DEMO_SURVEY_KEY, {
          surveyId: row.id,
          slackUserId: person.slackUserId,
          pageNumber: 1,
          read: () => ({ ...make(i), ...demoSessionRatings(i, rated) }),
          now: clock.now(),
        });
        if (outcome?.kind === 'done') answered += 1;
      });
      return answered;
    },
  };
}

/** How an SKO's people answer when nobody watches: the save-the-date within hours, each survey within hours of its DM. */
export function quietAnswers(life: DemoLife, make: { pre: (i: number) => Record<string, unknown>; post: (i: number) => Record<string, unknown> }): Step[] {
  const after = (key: string, hours: number) => {
    const entry = life.entry(key);
    return entry ? new Date(entry.at.getTime() + hours * 3_600_000) : null;
  };
  const steps: (Step | null)[] = [
    withTime(after('save-the-date', 5), () => life.answerRsvps()),
    withTime(after('pre-event-survey', 2), () => life.answerSurvey('pre', life.attendees, make.pre)),
    withTime(after('post-event-survey', 3), () => life.answerSurvey('post', life.attending(), make.post)),
  ];
  return steps.filter((s): s is Step => s !== null);
}

const withTime = (at: Date | null, run: () => void): Step | null => (at ? { at, run } : null);
