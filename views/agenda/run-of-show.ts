import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import type { Deps } from '../../src/deps.js';
import { ON_TIME_MINUTES, type RunOfShowNotice } from '../../src/domain/agenda/run-of-show.js';
import { localTime } from '../../src/domain/dates.js';
import { NotFoundError } from '../../src/errors.js';
import { type DayShift, markSession, type RunOfShow, type RunSession, runOfShowFor, shiftRestOfDay } from '../../src/services/agenda/run-of-show.js';
import { enqueue } from '../../src/services/delivery/enqueue.js';
import { actions, button, context, escapeMrkdwn, header, type SlackMessage, section } from '../kit/blocks.js';
import { formatDate, plural } from '../kit/format.js';
import { RUN_OF_SHOW } from '../kit/ids.js';
import { unlessRefused } from '../kit/refuse.js';
import { tellClicker } from '../kit/tell.js';

const ref = (eventId: number, sessionId: number) => `${eventId}:${sessionId}`;

function lateness(late: number): string {
  if (Math.abs(late) <= ON_TIME_MINUTES) return 'on time';
  return late > 0 ? `${late} min late` : `${-late} min early`;
}

/** What happened to a session so far, in words. */
function statusOf(s: RunSession, timeZone: string): string {
  if (!s.startedAt || s.late === null) return 'not started';
  const started = `started ${localTime(s.startedAt, timeZone)} (${lateness(s.late)})`;
  return s.endedAt ? `${started} · ended ${localTime(s.endedAt, timeZone)}` : started;
}

/** One section per session with its next button, and under a late start the offer to move the rest of the day. */
export function buildRunOfShowMessage(show: RunOfShow): SlackMessage {
  const zone = show.event.timeZone;
  const blocks: KnownBlock[] = [header(`Run of show · day ${show.day} · ${formatDate(show.date, { year: false })}`)];
  if (show.sessions.length === 0) blocks.push(section(`No sessions are on the agenda for day ${show.day}.`));
  for (const s of show.sessions) {
    const moved = s.originalStart && s.originalStart !== s.start ? ` _(moved from ${s.originalStart})_` : '';
    const line = { ...section(`*${s.start}–${s.end}* ${escapeMrkdwn(s.title)}${moved}\n${statusOf(s, zone)}`), block_id: `run_of_show_${s.id}` };
    const value = ref(show.event.id, s.id);
    const next = !s.startedAt ? button('Started', RUN_OF_SHOW.started, { value }) : !s.endedAt ? button('Ended', RUN_OF_SHOW.ended, { value }) : null;
    blocks.push(next ? { ...line, accessory: next } : line);
    if (s.shiftOffer !== null) {
      blocks.push({
        ...actions(button(`Shift the rest of today by ${s.shiftOffer} minutes`, RUN_OF_SHOW.shift, { value, style: 'primary' })),
        block_id: `run_of_show_shift_${s.id}`,
      });
    }
  }
  blocks.push(context('Press *Started* and *Ended* as each session begins and ends; the times go into the agenda adherence score.'));
  const started = show.sessions.filter((s) => s.startedAt).length;
  return {
    text: `Run of show, day ${show.day}: ${started} of ${plural(show.sessions.length, 'session')} started.`,
    blocks: blocks.slice(0, 50),
  };
}

/** The event channel's news of a moved day: the new times, in one message. */
function buildDayShiftedMessage(shift: DayShift): SlackMessage {
  const { show, minutes, moved } = shift;
  const lines = moved.map((s) => `*${s.start}–${s.end}* ${escapeMrkdwn(s.title)} _(was ${s.originalStart ?? s.start})_`);
  return {
    text: `The rest of day ${show.day} moves ${minutes} minutes later: ${moved.map((s) => `${s.title} at ${s.start}`).join(', ')}.`,
    blocks: [section(`:clock3: *The rest of day ${show.day} moves ${minutes} minutes later.* The new times:\n${lines.join('\n')}`)],
  };
}

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/** A button's `<sko>:<session>` (or `<sko>:<day>`). */
function parseRef(value: string | undefined): [number, number] {
  const m = /^(\d+):(\d+)$/.exec(value ?? '');
  if (!m) throw new NotFoundError('That button belongs to an older message. Run `/sko runofshow` again for a fresh one.');
  return [Number(m[1]), Number(m[2])];
}

/** Started, Ended and the shift: recorded as the clicker, then the run of show is redrawn in place. */
export function handleRunOfShowButton(deps: Deps, what: 'started' | 'ended' | 'shift') {
  return async ({ ack, body, action, respond }: ButtonArgs): Promise<void> => {
    await ack();
    const refuse = (text: string) => tellClicker(deps, body, respond, text, 'a run of show answer');
    const done = await unlessRefused(() => {
      const [eventId, sessionId] = parseRef(action.value);
      if (what !== 'shift') return { show: markSession(deps.db, eventId, sessionId, body.user.id, what, deps.clock.now()), shift: null };
      const shift = shiftRestOfDay(deps.db, eventId, sessionId, body.user.id);
      return { show: shift.show, shift };
    }, refuse);
    if (!done) return;
    if (done.shift) {
      const news = buildDayShiftedMessage(done.shift);
      const { event, day } = done.show;
      enqueue(deps.db, [
        {
          key: `day-shift:${event.id}:${day}:${action.value}`,
          kind: 'day-shift',
          label: `day ${day}'s new times`,
          channel: event.channelId,
          eventId: event.id,
          text: news.text,
          blocks: news.blocks,
        },
      ]);
      deps.outbox.kick();
    }
    await respond({ replace_original: true, ...buildRunOfShowMessage(done.show) });
  };
}

/** The content lead's morning DM: how the day starts, and the button that opens its run of show. */
export function buildRunOfShowDm(notice: RunOfShowNotice): SlackMessage {
  const text = `Day ${notice.day} of ${notice.eventName}: ${plural(notice.sessions, 'session')}, the first at ${notice.firstStart}.`;
  return {
    text,
    blocks: [
      section(`:clipboard: ${escapeMrkdwn(text)} Press *Started* and *Ended* in the run of show as each session begins and ends.`),
      actions(button('Open the run of show', RUN_OF_SHOW.open, { value: `${notice.eventId}:${notice.day}`, style: 'primary' })),
    ],
  };
}

/** Opens the day's run of show under the DM, seen by the clicker alone, so its buttons redraw it without touching the DM. */
export function handleOpenRunOfShow(deps: Deps) {
  return async ({ ack, body, action, respond }: ButtonArgs): Promise<void> => {
    await ack();
    const show = await unlessRefused(
      () => {
        const [eventId, day] = parseRef(action.value);
        return runOfShowFor(deps.db, eventId, body.user.id, day);
      },
      (text) => tellClicker(deps, body, respond, text, 'a run of show answer'),
    );
    if (show) await respond({ response_type: 'ephemeral', replace_original: false, ...buildRunOfShowMessage(show) });
  };
}
