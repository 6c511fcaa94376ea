/**
 * The event channel's Q&A: one message per session that questions go under, each question a reply
 * in its thread with its upvotes, rewritten (through the outbox) when someone votes or it is answered.
 */
import type { ActionsBlock } from '@slack/types';
import type { Deps } from '../../src/deps.js';
import { enqueue } from '../../src/services/delivery/enqueue.js';
import type { QuestionShown } from '../../src/services/qa/questions.js';
import { actions, button, context, escapeMrkdwn, mention, type SlackMessage, section } from '../kit/blocks.js';
import { QA } from '../kit/ids.js';
import { skoRef } from '../kit/sko-ref.js';

type Session = QuestionShown['session'];

function buildSessionQuestionsMessage(session: Session): SlackMessage {
  const title = `Questions for “${session.title}” (day ${session.day}, ${session.start}–${session.end})`;
  return {
    text: title,
    blocks: [
      section(`:raising_hand: *${escapeMrkdwn(title)}*`),
      context(
        'Questions for this session are in this thread. Ask one with *Ask a question* in the day’s agenda, or `/sko ask`; upvote the ones you want answered.',
      ),
    ],
  };
}

function buildQuestionMessage(q: QuestionShown): SlackMessage {
  const who = q.askerSlackId ? `Asked by ${mention(q.askerSlackId)}` : 'Asked anonymously';
  const votes = `:arrow_up: ${q.votes} vote${q.votes === 1 ? '' : 's'}`;
  const state = q.answered ? `:white_check_mark: Answered${q.answeredBySlackId ? ` (marked by ${mention(q.answeredBySlackId)})` : ''}` : 'Not answered yet';
  const buttons = [
    button('Upvote', QA.upvote, { value: String(q.id) }),
    ...(q.answered ? [] : [button('Mark answered', QA.answered, { value: String(q.id) })]),
  ];
  return {
    text: `Question: ${q.text} (${q.votes} vote${q.votes === 1 ? '' : 's'})`,
    blocks: [section(`*Q:* ${escapeMrkdwn(q.text)}`), context(who, votes, state), actions(...buttons)],
  };
}

/** Under each morning's agenda: questions go to the session running when they are asked. */
export function askQuestionBlock(eventId: number): ActionsBlock {
  return actions(button('Ask a question', QA.ask, { value: skoRef(eventId) }));
}

const sessionKey = (session: Session) => `qa-session:${session.id}`;
const questionKey = (q: QuestionShown) => `qa-question:${q.id}`;

/** Posts a new question in its session's thread, starting the thread with the session's message when it is the first. */
export function sendQuestion(deps: Deps, q: QuestionShown): void {
  const parent = buildSessionQuestionsMessage(q.session);
  const message = buildQuestionMessage(q);
  enqueue(deps.db, [
    { key: sessionKey(q.session), kind: 'qa', label: `questions for ${q.session.title}`, channel: q.channelId, eventId: q.eventId, ...parent },
    { key: questionKey(q), kind: 'qa', label: 'a question', channel: q.channelId, eventId: q.eventId, threadKey: sessionKey(q.session), ...message },
  ]);
  deps.outbox.kick();
}

/** Rewrites a question's message with its votes and state; each state once, in order, so the latest stands. */
export function sendQuestionUpdate(deps: Deps, q: QuestionShown): void {
  const key = `${questionKey(q)}:votes-${q.votes}:${q.answered ? 'answered' : 'open'}`;
  enqueue(deps.db, [
    { key, kind: 'qa', label: 'a question', channel: q.channelId, eventId: q.eventId, replacesKey: questionKey(q), ...buildQuestionMessage(q) },
  ]);
  deps.outbox.kick();
}
