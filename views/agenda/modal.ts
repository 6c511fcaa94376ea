import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { ModalView, PlainTextOption } from '@slack/types';
import type { Deps } from '../../src/deps.js';
import { SESSION_FORMATS, SESSION_KINDS, type SessionField, type SessionKind } from '../../src/domain/agenda/sessions.js';
import { MAX_SURVEY_QUESTIONS } from '../../src/domain/surveys/survey-checks.js';
import { isUserFacing } from '../../src/errors.js';
import { addSessionAs, eventForAgendaEdit } from '../../src/services/agenda/editing.js';
import type { SurveyFollows } from '../../src/services/agenda/ratings.js';
import type { StoredSession } from '../../src/services/agenda/sessions.js';
import { timelineOf } from '../../src/services/plan/event-store.js';
import { actions, button, context, escapeMrkdwn, input, plain, section } from '../kit/blocks.js';
import { formatDate } from '../kit/format.js';
import { AGENDA } from '../kit/ids.js';
import { openModalOr } from '../kit/open-modal.js';
import { skoIdFrom, skoRef } from '../kit/sko-ref.js';
import { tellClicker } from '../kit/tell.js';
import { refreshChannelCanvas } from '../plan/canvas.js';
import { buildNoticeModal } from '../plan/setup-modal.js';

const { blocks: B, actionId: A } = AGENDA.session;

const KIND_LABELS: Record<SessionKind, string> = {
  strategy: 'Strategy',
  planning: 'Planning (territory, quota, account plans)',
  training: 'Training and skills',
  recognition: 'Recognition',
  product: 'Product',
  social: 'Social (not content: dinners, team building)',
};

const option = (text: string, value: string): PlainTextOption => ({ text: plain(text), value });

interface SessionModalOptions {
  eventId: number;
  eventName: string;
  days: readonly { day: number; date: string }[];
  /** After a session is added: the next one starts on its day, when it ended. */
  next?: NextSession | undefined;
}

interface NextSession {
  day: number;
  start: string;
}

/** The next session's day and start ride in the button's value as "2@10:30". */
const nextValue = (next: NextSession) => `${next.day}@${next.start}`;
function parseNext(value: string | undefined): NextSession | undefined {
  const m = /^(\d{1,2})@(\d{2}:\d{2})$/.exec(value ?? '');
  return m ? { day: Number(m[1]), start: m[2] as string } : undefined;
}

/** Add a session: when, what, who speaks, and what people leave with. Lists are one item per line. */
function buildSessionModal(options: SessionModalOptions): ModalView {
  const dayOptions = options.days.map((d) => option(`Day ${d.day} · ${formatDate(d.date, { year: false })}`, String(d.day)));
  const initialDay = dayOptions.find((o) => o.value === String(options.next?.day));
  const list = (block: string, label: string, hint: string, placeholder: string) =>
    input(
      block,
      label,
      { type: 'plain_text_input', action_id: A, multiline: true, max_length: 3000, placeholder: plain(placeholder) },
      { optional: true, hint },
    );
  return {
    type: 'modal',
    callback_id: AGENDA.session.callbackId,
    private_metadata: skoRef(options.eventId),
    title: plain('Add a session'),
    submit: plain('Add'),
    close: plain('Cancel'),
    blocks: [
      context(`For ${escapeMrkdwn(options.eventName)}. Times are the event's local time.`),
      input(B.day, 'Day', {
        type: 'static_select',
        action_id: A,
        options: dayOptions,
        placeholder: plain('Choose the day'),
        ...(initialDay ? { initial_option: initialDay } : {}),
      }),
      input(B.start, 'Starts', { type: 'timepicker', action_id: A, ...(options.next ? { initial_time: options.next.start } : {}) }),
      input(B.end, 'Ends', { type: 'timepicker', action_id: A }),
      input(B.title, 'Title', { type: 'plain_text_input', action_id: A, max_length: 150, placeholder: plain('Discovery role-plays') }),
      input(B.kind, 'Kind', {
        type: 'static_select',
        action_id: A,
        options: SESSION_KINDS.map((k) => option(KIND_LABELS[k], k)),
        placeholder: plain('Choose the kind'),
      }),
      input(
        B.format,
        'Format',
        {
          type: 'static_select',
          action_id: A,
          options: SESSION_FORMATS.map((f) => option(f[0]?.toUpperCase() + f.slice(1), f)),
          placeholder: plain('Choose the format'),
        },
        { hint: 'Interactive formats work better than lectures.' },
      ),
      list(B.speakers, 'Speakers', 'One per line.', 'Ana Ruiz'),
      list(B.takeaways, 'Takeaways', 'One per line. Every session should leave people with takeaways and next steps.', 'The discovery standard'),
      list(B.nextSteps, 'Next steps', 'One per line.', 'Certify on discovery by week 11'),
    ],
  };
}

/**
 * The session is in: what became of it, and a button for the next one. A fresh form, not the
 * same one again: Slack keeps what was typed in inputs a view update leaves in place.
 */
function buildSessionAddedModal(eventId: number, session: StoredSession, follows: SurveyFollows): ModalView {
  return {
    type: 'modal',
    private_metadata: skoRef(eventId),
    title: plain('Session added'),
    close: plain('Done'),
    blocks: [
      section(sessionAddedText(session, follows)),
      actions(button('Add another session', AGENDA.addAnother, { value: nextValue({ day: session.day, start: session.end }), style: 'primary' })),
    ],
  };
}

/** What the post-event survey does about a new session, in a sentence. */
export function surveyFollowsText(follows: SurveyFollows, kind?: SessionKind): string {
  switch (follows.kind) {
    case 'updated':
      if (kind === 'social') return 'Social time is not rated in the post-event survey; its logistics question covers it.';
      if (follows.left > 0)
        return `The post-event survey rates the first ${follows.asked} content sessions; ${follows.left} more do not fit in its ${MAX_SURVEY_QUESTIONS} questions.`;
      if (follows.asked === 0) return '';
      if (kind) return 'The post-event survey asks attendees to rate it.';
      return `The post-event survey now asks attendees to rate the agenda's ${follows.asked === 1 ? 'content session' : `${follows.asked} content sessions`}.`;
    case 'sent':
      return 'The post-event survey has gone out already, so its session questions stay as they were sent.';
    case 'answered':
      return `The post-event survey has ${follows.responses} answer${follows.responses === 1 ? '' : 's'} already, so its session questions stay as they were answered.`;
    case 'no-survey':
      return '';
  }
}

function sessionAddedText(session: StoredSession, follows: SurveyFollows): string {
  const survey = surveyFollowsText(follows, session.kind);
  return `Added day ${session.day}, ${session.start}–${session.end}: *${escapeMrkdwn(session.title)}* (${session.kind}, ${session.format}).${survey ? `\n${survey}` : ''}\n\`/sko agenda\` shows the agenda and its design checks.`;
}

/** The session form for someone who may change the agenda; otherwise the reason, as an error. */
function sessionForm(deps: Deps, eventId: number, slackUserId: string, next?: NextSession): ModalView {
  const event = eventForAgendaEdit(deps.db, eventId, slackUserId);
  return buildSessionModal({ eventId: event.id, eventName: event.name, days: timelineOf(event).eventDays, next });
}

/** Opens the session modal for someone who may change the agenda; anyone else gets `refuse` with the reason. */
export async function openSessionModal(
  deps: Deps,
  /** The SKO, or how to find it from the button (only when the modal opens, so a refusal reaches the clicker). */
  eventId: number | (() => number),
  slackUserId: string,
  triggerId: string,
  refuse: (text: string) => Promise<void>,
): Promise<void> {
  await openModalOr(deps, triggerId, () => sessionForm(deps, typeof eventId === 'number' ? eventId : eventId(), slackUserId), refuse);
}

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/** Add a session under `/sko agenda`. */
export function handleAddSessionButton(deps: Deps) {
  return async ({ ack, body, action, respond }: ButtonArgs): Promise<void> => {
    await ack();
    const sko = () => skoIdFrom(action.value, { db: deps.db, userId: body.user.id, channelId: body.channel?.id });
    await openSessionModal(deps, sko, body.user.id, body.trigger_id, (text) => tellClicker(deps, body, respond, text, 'why the agenda cannot be changed'));
  };
}

/** Add another session, in the modal that said the last one was added: the form again, starting where that one ended. */
export function handleAddAnotherButton(deps: Deps) {
  return async ({ ack, body, action }: ButtonArgs): Promise<void> => {
    await ack();
    if (!body.view) return;
    let view: ModalView;
    try {
      view = sessionForm(deps, skoIdFrom(body.view.private_metadata), body.user.id, parseNext(action.value));
    } catch (error) {
      if (!isUserFacing(error)) throw error;
      view = buildNoticeModal('Not allowed', error.message);
    }
    await deps.slack.views.update({ view_id: body.view.id, view });
  };
}

const BLOCK_OF: Record<SessionField, string> = B;

/** Adds the session and says so, or puts each problem beside its field and adds nothing. */
export function handleSessionSubmission(deps: Deps) {
  return async ({ ack, body, view }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    const el = (block: string) => view.state.values[block]?.[A];
    const text = (block: string) => el(block)?.value ?? undefined;
    try {
      const eventId = skoIdFrom(view.private_metadata);
      const outcome = addSessionAs(
        deps.db,
        eventId,
        body.user.id,
        {
          day: el(B.day)?.selected_option?.value,
          start: el(B.start)?.selected_time ?? undefined,
          end: el(B.end)?.selected_time ?? undefined,
          title: text(B.title),
          kind: el(B.kind)?.selected_option?.value,
          format: el(B.format)?.selected_option?.value,
          speakers: text(B.speakers),
          takeaways: text(B.takeaways),
          nextSteps: text(B.nextSteps),
        },
        deps.clock.now(),
      );
      if (!outcome.ok) {
        await ack({
          response_action: 'errors',
          errors: Object.fromEntries(Object.entries(outcome.errors).map(([field, message]) => [BLOCK_OF[field as SessionField], message])),
        });
        return;
      }
      await ack({ response_action: 'update', view: buildSessionAddedModal(eventId, outcome.session, outcome.survey) });
      await refreshChannelCanvas(deps, eventId);
    } catch (error) {
      if (!isUserFacing(error)) throw error;
      await ack({ response_action: 'update', view: buildNoticeModal('Not added', error.message) });
    }
  };
}
