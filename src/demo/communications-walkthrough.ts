/** The demo's communications part: the calendar's messages, RSVPs and surveys over weeks 6 to 12. */
import type { Db } from '../../db/client.js';
import type { EventRow } from '../../db/schema.js';
import type { SimulatedMessage } from '../../schedules/simulate.js';
import { buildAgendaMessage } from '../../views/agenda/message.js';
import { surveyFollowsText } from '../../views/agenda/modal.js';
import { buildCommsMessage } from '../../views/comms/calendar.js';
import { formatDateTime } from '../../views/kit/format.js';
import { type PlainTextNames, renderPlainText } from '../../views/kit/plain-text.js';
import { buildCertificationMessage } from '../../views/surveys/certification-message.js';
import { buildSurveyResultsMessage } from '../../views/surveys/results.js';
import { print } from '../cli/terminal.js';
import type { ManualClock } from '../clock.js';
import { localDate } from '../domain/dates.js';
import { importAgenda } from '../services/agenda/editing.js';
import { agendaReviewOf } from '../services/agenda/sessions.js';
import { setQuiz } from '../services/comms/editing.js';
import { communicationsOverview } from '../services/comms/overview.js';
import { timelineOf } from '../services/plan/event-store.js';
import { certificationForReader } from '../services/surveys/certification.js';
import { surveyResults } from '../services/surveys/surveys.js';
import { DEMO_AGENDA_CSV } from './agenda.js';
import { DEMO_COMPANY } from './company.js';
import { eventLife } from './event-life.js';
import { type DemoLife, demoLife, type Step } from './living.js';
import { demoPostEventAnswers, demoPreEventAnswers, demoQuizAnswers } from './responses.js';
import { demoBox, printList } from './show.js';

/**
 * Weeks 6 to 12 on the demo's own database: the calendar's messages go out at their times through
 * the same dispatcher and outbox (recording instead of sending), the demo company answers the
 * save-the-date and the surveys through the same services the buttons and modals use.
 */
export async function communicationsDemo(db: Db, clock: ManualClock, event: EventRow, names: PlainTextNames, meanwhile: readonly Step[]): Promise<DemoLife> {
  const tz = event.timeZone;
  const life = demoLife(db, clock, event);
  life.meanwhile([...meanwhile, ...eventLife(db, life)]);
  const { entry, advance, attendees } = life;
  const summarize = (messages: SimulatedMessage[]) => {
    const groups = new Map<string, number>();
    for (const m of messages) {
      const line = `${formatDateTime(m.at, tz).padEnd(26)} ${m.text}`;
      groups.set(line, (groups.get(line) ?? 0) + 1);
    }
    printList(
      [...groups].map(([line, count]) => `${line}  → ${count === 1 ? '1 person' : `${count} people`}`),
      print,
    );
  };
  const commsBox = (label: string) => {
    print(label);
    print(
      demoBox('/sko comms (only you can see this)', renderPlainText(buildCommsMessage(communicationsOverview(db, event), { mayEdit: true }).blocks, names)),
    );
    print();
  };

  setQuiz(db, event.id, DEMO_COMPANY.leads.communications, true, clock.now());
  const saveTheDate = entry('save-the-date');
  const preSurvey = entry('pre-event-survey');
  const postSurvey = entry('post-event-survey');
  const quiz = entry('certification-quiz');
  if (!saveTheDate || !preSurvey || !postSurvey || !quiz) return life;
  const agenda = importAgenda(db, event, DEMO_AGENDA_CSV, clock.now());
  print(
    `${localDate(clock.now(), tz)}: Priya, the content lead, adds the agenda (/sko agenda add): ${agenda.imported} sessions. ${surveyFollowsText(agenda.survey)}`,
  );
  print();
  commsBox(
    `${localDate(clock.now(), tz)}: Aisha, the communications lead, adds the certification quiz (/sko survey quiz on) and checks the communications calendar with /sko comms:`,
  );

  const first = await advance(new Date(saveTheDate.at.getTime() + 60_000));
  const rep = first.find((m) => names.user(m.channel) === 'Owen Park');
  print(`Week 6: the save-the-date reaches every attendee (${attendees.length} people). As Owen Park, a rep, sees it:`);
  if (rep?.blocks) print(demoBox('SKO Conductor → Owen Park (DM)', renderPlainText(rep.blocks, names)));
  print();

  clock.set(new Date(saveTheDate.at.getTime() + 5 * 3_600_000));
  life.answerRsvps();
  const afterPre = await advance(new Date(preSurvey.at.getTime() + 60_000));
  clock.set(new Date(preSurvey.at.getTime() + 2 * 3_600_000));
  const preAnswered = life.answerSurvey('pre', attendees, demoPreEventAnswers);
  const week8 = timelineOf(event).weeks[7] as ReturnType<typeof timelineOf>['weeks'][number];
  const untilWeek8 = await advance(week8.endsAt);
  print(
    `Within hours most click an RSVP button; ${preAnswered} answer the pre-event survey in its modal. Weeks 6 to 8, as sent (travel only to those attending, reminders only to those who have not answered):`,
  );
  summarize([...first, ...afterPre, ...untilWeek8]);
  print();
  commsBox(`${localDate(clock.now(), tz)}: Aisha runs /sko comms again: what went out, to how many, RSVPs against the headcount:`);

  const toPost = await advance(new Date(postSurvey.at.getTime() + 60_000));
  clock.set(new Date(postSurvey.at.getTime() + 3 * 3_600_000));
  const attended = life.attending();
  const postAnswered = life.answerSurvey('post', attended, demoPostEventAnswers);
  const toQuiz = await advance(new Date(quiz.at.getTime() + 60_000));
  clock.set(new Date(quiz.at.getTime() + 3 * 3_600_000));
  const quizTaken = life.answerSurvey('quiz', attended, demoQuizAnswers);
  const rest = await advance(timelineOf(event).weeks[11]?.endsAt ?? clock.now());
  print(`Weeks 11 and 12: ${postAnswered} of those who attended answer the feedback survey, and ${quizTaken} take the certification quiz.`);
  summarize([...toPost, ...toQuiz, ...rest]);
  print();
  const results = surveyResults(db, event.id, 'post');
  print(`${localDate(clock.now(), tz)}: Elena, the CRO, types /sko survey results post:`);
  print(demoBox('/sko survey results post (only you can see this)', renderPlainText(buildSurveyResultsMessage(results).blocks, names)));
  print();
  const manager = attended.find((p) => p.role === 'manager');
  if (manager?.slackUserId) {
    print(`${manager.name}, a sales manager, types /sko certification: the pass rate, and their own team by name (the content lead and leaders see everyone):`);
    print(
      demoBox(
        '/sko certification (only you can see this)',
        renderPlainText(buildCertificationMessage(certificationForReader(db, event, manager.slackUserId, localDate(clock.now(), tz))).blocks, names),
      ),
    );
    print();
  }
  const { sessions, review } = agendaReviewOf(db, event.id);
  print('Anyone types /sko agenda: the sessions with their ratings from the feedback survey (shown from 5 ratings), and the design checks:');
  print(
    demoBox(
      '/sko agenda (only you can see this)',
      renderPlainText(buildAgendaMessage({ eventName: event.name, sessions, review, dayDates: timelineOf(event).eventDays, eventId: event.id }).blocks, names),
    ),
  );
  print();
  return life;
}
