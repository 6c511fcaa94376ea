import type { AgendaReview } from '../../src/domain/agenda/agenda-checks.js';
import { ratingNote } from '../../src/domain/agenda/ratings.js';
import type { Session } from '../../src/domain/agenda/sessions.js';
import type { StoredSession } from '../../src/services/agenda/sessions.js';
import { checkInBlock } from '../check-in/button.js';
import { actions, type Blocks, button, context, divider, escapeMrkdwn, header, type SlackMessage, section } from '../kit/blocks.js';
import { formatDate } from '../kit/format.js';
import { AGENDA } from '../kit/ids.js';
import { skoRef } from '../kit/sko-ref.js';
import { askQuestionBlock } from '../qa/messages.js';

/** One session on one line; its post-event rating once people have rated it (the figure from 5 ratings on). */
export function sessionLine(s: Session & Partial<Pick<StoredSession, 'rating' | 'ratingCount'>>): string {
  const who = s.speakers.length ? ` · ${escapeMrkdwn(s.speakers.join(', '))}` : '';
  const note = ratingNote(s);
  const rating = note ? ` · ${note}` : '';
  const next = s.kind === 'social' ? '' : s.takeaways.length && s.nextSteps.length ? '' : ' · :warning: no takeaways or next steps';
  return `*${s.start}–${s.end}* ${escapeMrkdwn(s.title)} _(${s.kind}, ${s.format})_${who}${rating}${next}`;
}

/** `/sko agenda`: the sessions by day, then each design check with its figure and the seed rule behind it; a button for those who may add sessions. */
export function buildAgendaMessage(input: {
  eventName: string;
  sessions: StoredSession[];
  review: AgendaReview;
  dayDates: { day: number; date: string }[];
  mayEdit?: boolean;
  /** The SKO the Add a session button adds to. */
  eventId: number;
}): SlackMessage {
  const { sessions, review } = input;
  const blocks: Blocks = [header(`Agenda: ${input.eventName}`)];
  if (input.mayEdit) {
    blocks.push({ ...actions(button('Add a session', AGENDA.addSession, { style: 'primary', value: skoRef(input.eventId) })), block_id: AGENDA.actionsBlock });
  }
  if (sessions.length === 0) {
    blocks.push(
      section(
        input.mayEdit
          ? 'No sessions yet. Add them with *Add a session* (or `/sko agenda add`).'
          : 'No sessions yet. The content lead, the SKO lead or an admin adds them.',
      ),
    );
  }
  for (const day of review.days) {
    const date = input.dayDates.find((d) => d.day === day.day)?.date;
    const own = sessions.filter((s) => s.day === day.day);
    blocks.push(section(`*Day ${day.day}${date ? ` · ${formatDate(date)}` : ''}* · ${day.minutes} min\n${own.map(sessionLine).join('\n')}`));
  }
  blocks.push(divider(), section('*Design checks*'));
  for (const check of review.checks) {
    const mark = check.status === 'ok' ? ':white_check_mark:' : ':warning:';
    const rules = check.rules.map((r) => r.principle).join(' ');
    blocks.push(section(`${mark} *${check.title}*: ${escapeMrkdwn(check.figure.text)}\n${escapeMrkdwn(check.detail)}`), context(escapeMrkdwn(rules)));
  }
  const warnings = review.checks.filter((c) => c.status === 'warn').length;
  return {
    text: `Agenda for ${input.eventName}: ${sessions.length} sessions, ${warnings} design check${warnings === 1 ? '' : 's'} to look at.`,
    blocks: blocks.slice(0, 50),
  };
}

/** Each event morning, in the event channel: the day's sessions. */
export function buildMorningAgendaMessage(input: { eventId: number; eventName: string; day: number; date: string; sessions: StoredSession[] }): SlackMessage {
  const lines = input.sessions.map(sessionLine).join('\n');
  return {
    text: `Today at ${input.eventName} (day ${input.day}): ${input.sessions.length} sessions, starting ${input.sessions[0]?.start ?? 'soon'}.`,
    blocks: [
      header(`Day ${input.day} agenda · ${formatDate(input.date, { year: false })}`),
      section(lines || 'No sessions are on the agenda for today.'),
      checkInBlock(input.eventId),
      askQuestionBlock(input.eventId),
      context('`/sko agenda` shows the whole agenda.'),
    ],
  };
}
