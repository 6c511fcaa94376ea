/**
 * Answering a survey from its DM: whether it is open for this person, their earlier answers to
 * start from, and saving each page. The survey's window comes from the communications calendar.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { events, type SurveyRow } from '../../../db/schema.js';
import { audienceOf, type RosterPerson } from '../../domain/comms/audience.js';
import { groupLabelFor } from '../../domain/surveys/anonymity.js';
import type { SurveyPage } from '../../domain/surveys/paging.js';
import type { Answers } from '../../domain/surveys/surveys.js';
import { NotFoundError } from '../../errors.js';
import { refreshSessionRatings } from '../agenda/ratings.js';
import { loadCalendar } from '../comms/calendar.js';
import { rsvpsOf } from '../people/attendees.js';
import { eventRoster } from '../people/people.js';
import { earlierAnswers, invitedPersonIds, type PageOutcome, recordInvitations, submitSurveyPage, surveyById, surveyPages } from './surveys.js';

export type SurveyAccess =
  | { kind: 'open'; row: SurveyRow; person: RosterPerson & { slackUserId: string }; group: string | null; closesAt: Date; timeZone: string }
  | { kind: 'closed'; title: string; closesAt: Date; timeZone: string }
  | { kind: 'not-yet'; title: string; opensAt: Date; timeZone: string };

const NOT_RUNNING = 'This survey is not running any more; it may have been cancelled.';

/**
 * Whether this person may answer now. Anyone the survey was sent to may, and anyone in its
 * audience who joined the roster since (they are counted as invited from now on).
 */
export function surveyAccess(db: Db, surveyId: number, slackUserId: string, now: Date): SurveyAccess {
  const row = surveyById(db, surveyId);
  const event = row ? db.select().from(events).where(eq(events.id, row.eventId)).get() : undefined;
  if (!row || !event) throw new NotFoundError(NOT_RUNNING);
  const entry = loadCalendar(db, event).planned.find((e) => e.survey?.kind === row.kind);
  if (!entry?.survey) throw new NotFoundError(NOT_RUNNING);
  const { timeZone } = event;
  if (now >= entry.survey.closesAt) return { kind: 'closed', title: row.definition.title, closesAt: entry.survey.closesAt, timeZone };
  if (now < entry.at) return { kind: 'not-yet', title: row.definition.title, opensAt: entry.at, timeZone };
  const roster = eventRoster(db, event.id);
  const person = roster.find((p) => p.slackUserId === slackUserId);
  const invited = person !== undefined && invitedPersonIds(db, row.id).has(person.personId);
  const inAudience = person !== undefined && audienceOf(entry.audience, roster, rsvpsOf(db, event.id)).some((p) => p.personId === person.personId);
  if (!person || (!invited && !inAudience))
    throw new NotFoundError(`“${row.definition.title}” went to the SKO's attendees, and you are not on the list. Ask the SKO lead if you should be.`);
  if (!invited) recordInvitations(db, row.id, [person.personId], now);
  const group = groupLabelFor(person.team, roster.filter((p) => p.team !== null && p.team === person.team).length);
  return { kind: 'open', row, person: person as RosterPerson & { slackUserId: string }, group, closesAt: entry.survey.closesAt, timeZone };
}

/** The first page, filled in with the person's earlier answers. */
export function firstPage(db: Db, secret: string, access: Extract<SurveyAccess, { kind: 'open' }>): { page: SurveyPage; answers: Answers } {
  return { page: surveyPages(access.row.definition)[0] as SurveyPage, answers: earlierAnswers(db, secret, access.row, access.person.slackUserId) };
}

/** Saves one page, if the survey is still open for this person; `read` takes that page's raw answers from the form. The post-event survey's last page updates the sessions' ratings with it. */
export function answerPage(
  db: Db,
  secret: string,
  input: { surveyId: number; slackUserId: string; pageNumber: number; read: (page: SurveyPage) => Record<string, unknown>; now: Date },
): { access: SurveyAccess; outcome: PageOutcome | null } {
  const access = surveyAccess(db, input.surveyId, input.slackUserId, input.now);
  if (access.kind !== 'open') return { access, outcome: null };
  const page = surveyPages(access.row.definition)[input.pageNumber - 1];
  const raw = page ? input.read(page) : {};
  const { row } = access;
  return db.transaction(() => {
    const outcome = submitSurveyPage(db, secret, { row, person: access.person, group: access.group, pageNumber: input.pageNumber, raw, now: input.now });
    if (outcome.kind === 'done' && row.kind === 'post') refreshSessionRatings(db, row);
    return { access, outcome };
  });
}
