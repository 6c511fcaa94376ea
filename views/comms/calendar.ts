import type {
  AllMiddlewareArgs,
  BlockButtonAction,
  BlockOverflowAction,
  SlackActionMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewSubmitAction,
} from '@slack/bolt';
import type { InputBlock, KnownBlock, ModalView, Overflow, PlainTextOption } from '@slack/types';
import type { Deps } from '../../src/deps.js';
import { RSVP_LABELS } from '../../src/domain/comms/audience.js';
import type { Audience } from '../../src/domain/comms/calendar.js';
import { parseMaterialsLinks } from '../../src/domain/comms/notices.js';
import { atLocalTime, isCalendarDate, localDate, localTime } from '../../src/domain/dates.js';
import { explainDeliveryError } from '../../src/domain/delivery.js';
import { InputError, isUserFacing } from '../../src/errors.js';
import { editCommunication, editCommunicationsDecision, MAX_BODY_LENGTH, pendingEntry, previewNotice, setCancelled } from '../../src/services/comms/editing.js';
import { type CalendarEntry, type CommunicationsOverview, communicationsOverview, type DeliveryCounts } from '../../src/services/comms/overview.js';
import { enqueue } from '../../src/services/delivery/enqueue.js';
import { type EventRow, eventById } from '../../src/services/plan/event-store.js';
import { type Blocks, context, divider, escapeMrkdwn, header, mention, plain, type SlackMessage, section, truncate } from '../kit/blocks.js';
import { formatDateTime, plural } from '../kit/format.js';
import { COMMS } from '../kit/ids.js';
import { unlessRefused } from '../kit/refuse.js';
import { skoIdFrom } from '../kit/sko-ref.js';
import { buildNoticeModal } from '../plan/setup-modal.js';
import { percent } from '../surveys/results.js';
import { renderCommunication } from './messages.js';

const E = COMMS.edit;
const AUDIENCES: Record<Audience, string> = {
  'all-attendees': 'all attendees',
  attending: 'those attending',
  'event-channel': 'the event channel',
  'leaders-and-role-holders': 'leaders and event leads',
  leaders: 'leaders',
};
const STATE_MARKS: Record<CalendarEntry['state'], string> = {
  scheduled: ':spiral_calendar_pad:',
  sent: ':white_check_mark:',
  cancelled: ':no_entry_sign:',
  skipped: ':warning:',
  missed: ':heavy_minus_sign:',
};

function deliveryText(d: DeliveryCounts): string {
  const parts = [`${d.sent} delivered`];
  if (d.failed) parts.push(`${d.failed} failed`);
  if (d.waiting) parts.push(`${d.waiting} waiting`);
  return parts.join(', ');
}

function failureLines(d: DeliveryCounts): string[] {
  return d.failures.map((f) => `   ↳ ${mention(f.channel)}: ${explainDeliveryError(f.error, { kind: 'person', mention: mention(f.channel) })}`);
}

function entryText(entry: CalendarEntry, timeZone: string): string {
  const when = formatDateTime(entry.at, timeZone);
  const lines = [`${STATE_MARKS[entry.state]} *${escapeMrkdwn(entry.title)}* · ${when}`];
  const to = `To ${AUDIENCES[entry.audience]}`;
  switch (entry.state) {
    case 'scheduled':
      lines.push(`${to} (${plural(entry.recipients, 'person', 'people')} as of now) · scheduled`);
      break;
    case 'sent':
      lines.push(`${to} · sent: ${deliveryText(entry.delivery)}`, ...failureLines(entry.delivery));
      break;
    case 'cancelled':
      lines.push(`${to} · cancelled`);
      break;
    case 'skipped':
      lines.push(`${to} · not sent: ${escapeMrkdwn(entry.note ?? 'skipped')}`);
      break;
    case 'missed':
      lines.push(`${to} · not sent: its time had passed when it was planned`);
      break;
  }
  if (entry.closesAt) lines.push(`Closes ${formatDateTime(entry.closesAt, timeZone)}`);
  if (entry.state !== 'cancelled' && entry.reminders.length) {
    const reminders = entry.reminders.map((r) => `${formatDateTime(r.at, timeZone)} (${r.state === 'sent' ? `sent: ${deliveryText(r.delivery)}` : r.state})`);
    lines.push(`Reminders to those who have not answered: ${reminders.join(' · ')}`);
  }
  if (entry.kind === 'thank-you-recap' && entry.state === 'scheduled') {
    if (!entry.details?.highlights && !entry.details?.links?.length)
      lines.push('_No highlights or materials links yet: as it stands it goes as a plain thank-you. Choose Edit to add them._');
    else if (!entry.details?.links?.length) lines.push('_No materials links yet: choose Edit to add them._');
  }
  const edited = [entry.edited.time ? 'time' : '', entry.edited.text ? 'text' : ''].filter(Boolean);
  if (edited.length) lines.push(`_${edited.join(' and ')} edited_`);
  return lines.join('\n');
}

function option(text: string, value: string): PlainTextOption {
  return { text: plain(text), value };
}

/** A menu choice's value: what to do, to which SKO's entry ("edit:3:save-the-date"). */
const choice = (verb: string, eventId: number, key: string) => `${verb}:${eventId}:${key}`;

function menu(entry: CalendarEntry, eventId: number): Overflow | null {
  if (entry.state === 'scheduled') {
    return {
      type: 'overflow',
      action_id: COMMS.menu,
      options: [
        option('Edit time and text…', choice('edit', eventId, entry.key)),
        option('Send me a preview', choice('preview', eventId, entry.key)),
        option('Cancel it', choice('cancel', eventId, entry.key)),
      ],
    };
  }
  if (entry.state === 'cancelled')
    return {
      type: 'overflow',
      action_id: COMMS.menu,
      options: [option('Restore it', choice('restore', eventId, entry.key)), option('Send me a preview', choice('preview', eventId, entry.key))],
    };
  return null;
}

/** `/sko comms`: the calendar with each message's state and delivery counts, RSVPs against headcount, and survey answers. */
export function buildCommsMessage(overview: CommunicationsOverview, options: { mayEdit: boolean }): SlackMessage {
  const { event, attendance: a } = overview;
  const rsvps = [
    `${a.attending} ${RSVP_LABELS.attending.toLowerCase()}`,
    `${a.notAttending} ${RSVP_LABELS['not-attending'].toLowerCase()}`,
    `${a.maybe} ${RSVP_LABELS.maybe.toLowerCase()}`,
    `${a.noAnswer} not answered`,
  ];
  const surveys = overview.surveys.map((s) => `${escapeMrkdwn(s.title)}: ${s.responses} of ${s.invited} answered`);
  if (!overview.hasQuiz) surveys.push('no certification quiz (`/sko survey quiz on` adds one)');
  const blocks: Blocks = [
    header(`Communications: ${event.name}`),
    section(`*RSVPs:* ${rsvps.join(' · ')}\nAttending is ${percent(a.share)} of the expected ${a.headcount} (target above 95%).`),
    section(`*Surveys:* ${surveys.join(' · ')}`),
    divider(),
  ];
  for (const entry of overview.entries) {
    const accessory = options.mayEdit ? menu(entry, event.id) : null;
    blocks.push({ ...section(entryText(entry, event.timeZone)), ...(accessory ? { accessory } : {}) } as KnownBlock);
  }
  blocks.push(
    context(
      `Times in ${event.timeZone}. ${options.mayEdit ? 'Each scheduled message has a menu: edit its time and text, send yourself a preview, or cancel it.' : 'The communications lead, the SKO lead and admins can change these.'}`,
    ),
  );
  return { text: `Communications calendar for ${event.name}`, blocks };
}

function input(blockId: string, label: string, element: InputBlock['element'], options: { optional?: boolean; hint?: string } = {}): InputBlock {
  return {
    type: 'input',
    block_id: blockId,
    label: plain(label),
    element,
    optional: options.optional ?? false,
    ...(options.hint ? { hint: plain(options.hint) } : {}),
  };
}

/** Edit a pending message: when it goes out (and, for a survey, when it closes), and what it says. */
function buildCommsEditModal(entry: CalendarEntry, eventId: number, timeZone: string): ModalView {
  const blocks: Blocks = [
    section(`*${escapeMrkdwn(entry.title)}* to ${AUDIENCES[entry.audience]}.\nTimes are in ${timeZone}.`),
    input(E.blocks.sendDate, 'Send on', { type: 'datepicker', action_id: E.actionId, initial_date: localDate(entry.at, timeZone) }),
    input(E.blocks.sendTime, 'At', { type: 'timepicker', action_id: E.actionId, initial_time: localTime(entry.at, timeZone) }),
  ];
  if (entry.closesAt) {
    blocks.push(
      input(E.blocks.closesDate, 'Survey closes on', { type: 'datepicker', action_id: E.actionId, initial_date: localDate(entry.closesAt, timeZone) }),
      input(
        E.blocks.closesTime,
        'Closes at',
        { type: 'timepicker', action_id: E.actionId, initial_time: localTime(entry.closesAt, timeZone) },
        { hint: 'Reminders go to those who have not answered, twice before it closes.' },
      ),
    );
  }
  blocks.push(
    input(
      E.blocks.body,
      'Message',
      { type: 'plain_text_input', action_id: E.actionId, multiline: true, max_length: MAX_BODY_LENGTH, initial_value: entry.body },
      { hint: 'Dates, place and buttons are added around it.' },
    ),
  );
  if (entry.kind === 'thank-you-recap') {
    const details = entry.details ?? {};
    blocks.push(
      input(
        E.blocks.highlights,
        'Highlights',
        {
          type: 'plain_text_input',
          action_id: E.actionId,
          multiline: true,
          max_length: 2000,
          ...(details.highlights ? { initial_value: details.highlights } : {}),
        },
        { optional: true },
      ),
      input(
        E.blocks.links,
        'Materials links',
        {
          type: 'plain_text_input',
          action_id: E.actionId,
          multiline: true,
          max_length: 2900,
          ...(details.links?.length ? { initial_value: details.links.map((l) => `${l.label} ${l.url}`).join('\n') } : {}),
        },
        { optional: true, hint: 'One per line: a label and the link, such as "Slides https://…".' },
      ),
    );
  }
  return {
    type: 'modal',
    callback_id: E.callbackId,
    private_metadata: `${eventId}:${entry.key}`,
    title: plain('Edit message'),
    submit: plain('Save'),
    close: plain('Cancel'),
    blocks,
  };
}

type MenuArgs = SlackActionMiddlewareArgs<BlockOverflowAction> & AllMiddlewareArgs;
type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/** The button in the DM asking for the recap's highlights: the recap's edit form, if it may still be edited. */
export function handleRecapDetailsButton(deps: Deps) {
  return async ({ ack, body, action, respond }: ButtonArgs): Promise<void> => {
    await ack();
    const opened = await unlessRefused(
      () => {
        const eventId = skoIdFrom(action.value, { db: deps.db, userId: body.user.id, channelId: body.channel?.id });
        return { eventId, entry: pendingEntry(deps.db, eventId, body.user.id, 'thank-you-recap') };
      },
      (message) => respond({ response_type: 'ephemeral', replace_original: false, text: message }),
    );
    if (opened)
      await deps.slack.views.open({ trigger_id: body.trigger_id, view: buildCommsEditModal(opened.entry, opened.eventId, zoneOf(deps, opened.eventId)) });
  };
}

/** The menu beside an entry of `/sko comms`. */
export function handleCommsMenu(deps: Deps) {
  return async ({ ack, body, action, respond }: MenuArgs): Promise<void> => {
    await ack();
    // "edit:3:save-the-date"; a menu from before SKOs were several has no id ("edit:save-the-date").
    const [, verb, ref, key = ''] = /^([a-z]+):(?:(\d+):)?(.*)$/s.exec(action.selected_option.value) ?? [];
    const user = body.user.id;
    const now = deps.clock.now();
    try {
      const eventId = skoIdFrom(ref, { db: deps.db, userId: user, channelId: body.channel?.id });
      switch (verb) {
        case 'edit': {
          const entry = pendingEntry(deps.db, eventId, user, key);
          await deps.slack.views.open({ trigger_id: body.trigger_id, view: buildCommsEditModal(entry, eventId, zoneOf(deps, eventId)) });
          return;
        }
        case 'preview': {
          const notice = previewNotice(deps.db, eventId, user, key);
          enqueue(deps.db, [
            {
              key: `preview:${key}:${user}:${action.action_ts}`,
              kind: 'preview',
              label: `a preview of ${notice.label}`,
              channel: user,
              eventId,
              ...renderCommunication(notice),
            },
          ]);
          deps.outbox.kick();
          await respond({ response_type: 'ephemeral', replace_original: false, text: `A preview of ${notice.label} is on its way to you by direct message.` });
          return;
        }
        case 'cancel':
        case 'restore': {
          const entry = setCancelled(deps.db, eventId, user, key, verb === 'cancel', now);
          await respond({ replace_original: true, ...commsReply(deps, eventById(deps.db, eventId) as EventRow, user) });
          await respond({
            response_type: 'ephemeral',
            replace_original: false,
            text: verb === 'cancel' ? `${entry.title} is cancelled, with its reminders.` : `${entry.title} is back in the calendar.`,
          });
          return;
        }
      }
    } catch (error) {
      if (!isUserFacing(error)) throw error;
      await respond({ response_type: 'ephemeral', replace_original: false, text: error.message });
    }
  };
}

/** `/sko comms` as a reply to this person. */
export function commsReply(deps: Deps, event: EventRow, slackUserId: string): SlackMessage {
  return buildCommsMessage(communicationsOverview(deps.db, event), { mayEdit: editCommunicationsDecision(deps.db, event, slackUserId).allowed });
}

const zoneOf = (deps: Deps, eventId: number) => eventById(deps.db, eventId)?.timeZone ?? 'UTC';

const FIELD_BLOCKS: Record<string, string> = {
  sendAt: E.blocks.sendDate,
  closesAt: E.blocks.closesDate,
  body: E.blocks.body,
  links: E.blocks.links,
  highlights: E.blocks.highlights,
};

/** Saves the edit, or puts each problem beside its field. */
export function handleCommsEditSubmission(deps: Deps) {
  return async ({ ack, body, view }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    const values = view.state.values;
    const el = (block: string) => values[block]?.[E.actionId];
    const [, ref, key = ''] = /^(?:(\d+):)?(.*)$/s.exec(view.private_metadata) ?? [];
    const eventId = skoIdFrom(ref, { db: deps.db, userId: body.user.id });
    const zone = zoneOf(deps, eventId);
    // The pickers only offer real days and times, but what arrives is checked: a made-up one gets a field error, not silence.
    const at = (dateBlock: string, timeBlock: string): Date | null => {
      const date = el(dateBlock)?.selected_date;
      const time = el(timeBlock)?.selected_time;
      return date && time && isCalendarDate(date) && /^([01]\d|2[0-3]):[0-5]\d$/.test(time) ? atLocalTime(date, time, zone) : null;
    };
    const errors: Record<string, string> = {};
    const sendAt = at(E.blocks.sendDate, E.blocks.sendTime);
    if (!sendAt) errors[E.blocks.sendDate] = 'Pick the day and the time it goes out.';
    const hasClose = Boolean(values[E.blocks.closesDate]);
    const closesAt = hasClose ? at(E.blocks.closesDate, E.blocks.closesTime) : null;
    if (hasClose && !closesAt) errors[E.blocks.closesDate] = 'Pick the day and the time the survey closes.';
    const linksText = el(E.blocks.links)?.value ?? '';
    const links = parseMaterialsLinks(linksText);
    if (!links.ok) errors[E.blocks.links] = links.error;
    if (Object.keys(errors).length || !sendAt || !links.ok) {
      await ack({ response_action: 'errors', errors });
      return;
    }
    let entry: CalendarEntry;
    try {
      entry = editCommunication(
        deps.db,
        eventId,
        body.user.id,
        key,
        {
          sendAt,
          closesAt,
          body: el(E.blocks.body)?.value ?? '',
          highlights: el(E.blocks.highlights)?.value ?? undefined,
          links: values[E.blocks.links] ? links.links : undefined,
        },
        deps.clock.now(),
      );
    } catch (error) {
      if (error instanceof InputError && error.field && FIELD_BLOCKS[error.field] && values[FIELD_BLOCKS[error.field] as string]) {
        await ack({ response_action: 'errors', errors: { [FIELD_BLOCKS[error.field] as string]: truncate(error.message, 2000) } });
        return;
      }
      if (!isUserFacing(error)) throw error;
      await ack({ response_action: 'update', view: buildNoticeModal('Not saved', error.message) });
      return;
    }
    await ack({
      response_action: 'update',
      view: buildNoticeModal(
        'Saved',
        `*${escapeMrkdwn(entry.title)}* goes out ${formatDateTime(entry.at, zone)}${entry.closesAt ? ` and closes ${formatDateTime(entry.closesAt, zone)}` : ''}.`,
      ),
    });
  };
}
