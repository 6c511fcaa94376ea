/**
 * The sales-ops-automator's certification tracking (issue 7, PRODUCT §5 "> 75% pass certification"):
 * the event's certification quiz graded person by person against those expected to certify, and
 * narrowed to what the reader may see (src/domain/access.ts).
 */
import { and, asc, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { type EventRow, people, surveyResponses } from '../../../db/schema.js';
import { type Attendee, type CertifiedPerson, certificationStatus, type QuizGrade } from '../../agents/sales-ops.js';
import { decideCertificationScope } from '../../domain/access.js';
import { audienceOf } from '../../domain/comms/audience.js';
import { MIN_GROUP_SIZE } from '../../domain/surveys/anonymity.js';
import { gradeQuiz } from '../../domain/surveys/quiz.js';
import { loadCalendar } from '../comms/calendar.js';
import { actorFor, organisation } from '../people/access.js';
import { rsvpsOf } from '../people/attendees.js';
import { eventRoster } from '../people/people.js';
import { surveyOf } from './surveys.js';

type CertificationScope = 'event' | 'organisation' | 'self';

/** Who is expected to certify, as every rendering says it. */
const EXPECTED_TO_CERTIFY = 'those who RSVPed Attending, the people the quiz goes to';

export interface CertificationTotals {
  expected: number;
  passed: number;
  failed: number;
  notTaken: number;
  /** Passed ÷ expected; null while nobody is expected or nobody has taken the quiz. */
  passRate: number | null;
  /** Passed ÷ those who took it: the quiz pass rate of `/sko survey results quiz`. */
  takersPassRate: number | null;
  target: number;
  meetsTarget: boolean;
}

/** People by name, as far as the reader may see them. */
export interface CertificationPeople {
  expected: number;
  passed: CertifiedPerson[];
  failed: CertifiedPerson[];
  notTaken: Attendee[];
}

export interface CertificationReport {
  event: string;
  /** The event's local date the figures are as of. */
  asOf: string;
  timeZone: string;
  expectedToCertify: string;
  quiz: {
    title: string;
    passMark: number;
    /** Questions with right answers, and how many of them a pass needs. */
    graded: number;
    toPass: number;
    opensAt: string | null;
    closesAt: string | null;
  } | null;
  /** Why there is no pass rate: no quiz, an anonymous one, nobody expected, nobody has taken it. */
  notMeasured: string | null;
  scope: CertificationScope;
  /** Event-wide figures; null without a quiz, or when hidden from this reader. */
  overall: CertificationTotals | null;
  overallHidden: string | null;
  /** Everyone for the event scope, the reader's organisation, or the reader alone. Null without a quiz. */
  people: CertificationPeople | null;
  /** People who took the quiz without being expected to (their answers count for nothing here). */
  notExpectedTakers: number;
}

const NO_QUIZ =
  'This SKO has no certification quiz. The communications lead, the SKO lead or an admin turns it on with `/sko survey quiz on`: it goes to those who RSVPed Attending in week 11.';
const ANONYMOUS_QUIZ = 'The certification quiz was made anonymous, so nobody’s result can be told apart. `/sko survey results quiz` has its pass rate.';

interface Measured {
  report: CertificationReport;
  /** The person behind each expected attendee's key, for narrowing to an organisation. */
  personIds: Map<string, number>;
}

function measure(db: Db, event: EventRow, asOf: string): Measured {
  const base = {
    event: event.name,
    asOf,
    timeZone: event.timeZone,
    expectedToCertify: EXPECTED_TO_CERTIFY,
    scope: 'event' as const,
    overallHidden: null,
    notExpectedTakers: 0,
  };
  const row = surveyOf(db, event.id, 'quiz');
  if (!row || row.definition.anonymous) {
    return { report: { ...base, quiz: null, notMeasured: row ? ANONYMOUS_QUIZ : NO_QUIZ, overall: null, people: null }, personIds: new Map() };
  }
  const quiz = row.definition;
  const sending = loadCalendar(db, event).planned.find((e) => e.survey?.kind === 'quiz');
  const graded = quiz.questions.filter((q) => q.kind === 'single' || q.kind === 'multi').length;
  // checkSurvey refuses a quiz without a pass mark, so a stored quiz has one.
  const passMark = quiz.passMark as number;

  const attending = audienceOf('attending', eventRoster(db, event.id), rsvpsOf(db, event.id));
  const expected: Attendee[] = attending.map((p) => ({ key: p.slackUserId as string, name: p.name ?? (p.slackUserId as string), team: p.team }));
  // One answer set per person: a retake replaced the earlier one, so what is stored is the latest.
  const grades: QuizGrade[] = db
    .select({ key: people.slackUserId, answers: surveyResponses.answers })
    .from(surveyResponses)
    .innerJoin(people, eq(people.id, surveyResponses.personId))
    .where(and(eq(surveyResponses.surveyId, row.id), isNotNull(surveyResponses.answers), isNotNull(people.slackUserId)))
    .orderBy(asc(people.id))
    .all()
    .map((r) => {
      const g = gradeQuiz(quiz, r.answers ?? {});
      return { key: r.key as string, correct: g.correct, total: g.total, scorePct: g.score, passed: g.passed };
    });
  const status = certificationStatus(expected, grades);
  const taken = status.passed.length + status.failed.length;
  const notMeasured =
    status.attendees === 0
      ? 'Nobody has RSVPed Attending, so nobody is expected to certify yet.'
      : taken === 0
        ? 'Nobody has taken the certification quiz yet.'
        : null;
  const expectedKeys = new Set(expected.map((e) => e.key));
  return {
    personIds: new Map(attending.map((p) => [p.slackUserId as string, p.personId])),
    report: {
      ...base,
      quiz: {
        title: quiz.title,
        passMark,
        graded,
        toPass: Math.ceil((passMark * graded) / 100),
        opensAt: sending?.at.toISOString() ?? null,
        closesAt: sending?.survey?.closesAt.toISOString() ?? null,
      },
      notMeasured,
      overall: {
        expected: status.attendees,
        passed: status.passed.length,
        failed: status.failed.length,
        notTaken: status.notTaken.length,
        passRate: taken === 0 ? null : status.passRate,
        takersPassRate: taken === 0 ? null : status.passed.length / taken,
        target: status.target,
        meetsTarget: taken > 0 && status.meetsTarget,
      },
      people: { expected: status.attendees, passed: status.passed, failed: status.failed, notTaken: status.notTaken },
      notExpectedTakers: grades.filter((g) => !expectedKeys.has(g.key)).length,
    },
  };
}

/** The whole event's certification, everyone by name: for the command line and for readers who see everyone. */
export function certificationFor(db: Db, event: EventRow, asOf: string): CertificationReport {
  return measure(db, event, asOf).report;
}

/**
 * The certification as this Slack user may see it: everyone, their organisation, or themselves.
 * The event-wide figures reach those who do not see everyone only once enough people have taken
 * the quiz that nobody's result can be worked out from them (as the survey results hide the quiz pass rate).
 */
export function certificationForReader(db: Db, event: EventRow, slackUserId: string, asOf: string): CertificationReport {
  const { report, personIds } = measure(db, event, asOf);
  const actor = actorFor(db, slackUserId, event);
  const org = actor ? organisation(db, actor.personId) : [];
  const scope = decideCertificationScope(actor, { hasReports: org.length > 1 });
  if (scope === 'event' || !report.people || !report.overall) return { ...report, scope };

  const visible = new Set(scope === 'organisation' ? org : actor ? [actor.personId] : []);
  const keys = new Set([...personIds].filter(([, personId]) => visible.has(personId)).map(([key]) => key));
  const mine = <T extends Attendee>(list: T[]) => list.filter((p) => keys.has(p.key));
  const taken = report.overall.passed + report.overall.failed;
  const hidden = taken > 0 && taken < MIN_GROUP_SIZE;
  return {
    ...report,
    scope,
    overall: hidden ? null : report.overall,
    overallHidden: hidden
      ? `The event-wide pass rate is shown once at least ${MIN_GROUP_SIZE} people have taken the quiz, so that nobody’s result can be worked out from it.`
      : null,
    people: { expected: keys.size, passed: mine(report.people.passed), failed: mine(report.people.failed), notTaken: mine(report.people.notTaken) },
    notExpectedTakers: 0,
  };
}
