/** The demo company's live Q&A: on each event day, mid-morning and mid-afternoon, a few attendees ask and more upvote. */
import type { Db } from '../../db/client.js';
import { addDays, atLocalTime } from '../domain/dates.js';
import { askQuestion, voteFor, whereQuestionGoes } from '../services/qa/questions.js';
import { DEMO_SURVEY_KEY } from './company.js';
import type { DemoLife, Step } from './living.js';
import { seededRandom } from './random.js';

const QUESTIONS = [
  'How will territories be rebalanced for new hires?',
  'When do we get our final quota letters?',
  'Which accounts move with the new segment split?',
  'Will the accelerators change mid-year?',
  'How do we register partner-sourced deals now?',
  'What does the new pricing mean for renewals?',
];
/** Each moment, about 1 attendee in 7 asks (a third of them anonymously) and 1 in 3 upvotes. */
const ASK_SHARE = 0.15;
const VOTE_SHARE = 0.3;
const MOMENTS = ['10:30', '15:00'];

export function questionsSteps(db: Db, life: DemoLife): Step[] {
  const { event } = life;
  const random = seededRandom(event.id * 7919);
  const firstDay = event.hasDay0 ? 0 : 1;
  const days = Array.from({ length: event.days - firstDay + 1 }, (_, i) => addDays(event.day1, firstDay + i - 1));
  return days.flatMap((date) =>
    MOMENTS.map((time) => {
      const at = atLocalTime(date, time, event.timeZone);
      return {
        at,
        run: () => {
          if (whereQuestionGoes(db, event.id, at).kind === 'none') return;
          const here = life.attending().filter((p) => p.slackUserId !== null);
          const asked = here
            .filter(() => random() < ASK_SHARE)
            .map((p) =>
              askQuestion(db, DEMO_SURVEY_KEY, {
                eventId: event.id,
                slackUserId: p.slackUserId as string,
                text: QUESTIONS[Math.floor(random() * QUESTIONS.length)],
                anonymous: random() < 1 / 3,
                now: at,
              }),
            );
          if (asked.length === 0) return;
          for (const p of here.filter(() => random() < VOTE_SHARE)) {
            const { question } = asked[Math.floor(random() * asked.length)] as (typeof asked)[number];
            voteFor(db, DEMO_SURVEY_KEY, question.id, p.slackUserId as string);
          }
        },
      };
    }),
  );
}
