import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Button, KnownBlock } from '@slack/types';
import type { Deps } from '../../src/deps.js';
import { RSVP_ANSWERS, RSVP_LABELS, type RsvpAnswer } from '../../src/domain/comms/audience.js';
import type {
  AgendaPreviewNotice,
  CommunicationNotice,
  EventFacts,
  RecapAskNotice,
  RecapNotice,
  ReinforcementNotice,
  SaveTheDateNotice,
  SurveyAnalysisNotice,
  SurveyInviteNotice,
  TravelNotice,
} from '../../src/domain/comms/notices.js';
import { localDate } from '../../src/domain/dates.js';
import { recordRsvp } from '../../src/services/comms/rsvps.js';
import { enqueue } from '../../src/services/delivery/enqueue.js';
import { messageKey } from '../../src/services/delivery/schedule.js';
import { sessionLine as agendaLine } from '../agenda/message.js';
import { refreshHome } from '../home/home.js';
import { type Blocks, button, context, escapeMrkdwn, header, mention, type SlackMessage, section } from '../kit/blocks.js';
import { formatDate, formatDateTime, plural, readerDate, readerDateTime } from '../kit/format.js';
import { COMMS, RSVP, SURVEY } from '../kit/ids.js';
import { unlessRefused } from '../kit/refuse.js';
import { skoRef } from '../kit/sko-ref.js';
import { metricLine, percent, sessionLine } from '../surveys/results.js';
import { travelButton } from '../travel/form.js';

const RSVP_ACTIONS: Record<RsvpAnswer, string> = { attending: RSVP.attending, 'not-attending': RSVP.notAttending, maybe: RSVP.maybe };
const RSVP_STATUS_BLOCK = 'rsvp_status';
export const PREVIEW_REPLY = 'This is a preview: the buttons work in the real message, not here.';
const STALE_RSVP = 'That button is out of date. Run `/sko status` to see the SKO as it stands.';

/** "Tue 2 Feb – Thu 4 Feb 2027 · Chicago", with day 0 when there is one. */
function whenAndWhere(event: EventFacts): string {
  const day = (date: string, year = true) => readerDate(date, { year, pretty: false });
  const span = event.day1 === event.lastDay ? day(event.day1) : `${day(event.day1, false)} – ${day(event.lastDay)}`;
  const arrival = event.day0 ? ` (arrivals ${day(event.day0, false)})` : '';
  return `*${span}*${arrival}${event.location ? ` · ${escapeMrkdwn(event.location)}` : ''}`;
}

function dates(event: EventFacts): string {
  return event.day1 === event.lastDay ? formatDate(event.day1) : `${formatDate(event.day1, { year: false })} – ${formatDate(event.lastDay)}`;
}

/** In a preview, buttons get ids that only answer "this is a preview", so nothing is recorded. */
function live(element: Button, preview: boolean | undefined, index: number): Button {
  return preview ? { ...element, action_id: `${COMMS.previewButton}_${index}` } : element;
}

function previewNote(notice: CommunicationNotice): Blocks {
  return notice.preview ? [context(`:eyes: Preview of ${escapeMrkdwn(notice.label)}, as a recipient will see it.`)] : [];
}

/** The answer once given (Attending offers the travel form beside it); before that, the question and the date to answer by. */
function rsvpStatus(answer: RsvpAnswer | null, by?: { at: Date; timeZone: string }, travelFor?: number): KnownBlock {
  const text = answer
    ? `:white_check_mark: *Your answer: ${RSVP_LABELS[answer]}.* You can change it any time before the event.`
    : `*Will you be there?*${by ? ` Please answer by ${readerDate(localDate(by.at, by.timeZone), { year: false })}.` : ''}`;
  const travel = answer === 'attending' && travelFor !== undefined ? { accessory: travelButton(travelFor, false) } : {};
  return { ...section(text), block_id: RSVP_STATUS_BLOCK, ...travel };
}

function rsvpButtons(eventId: number, chosen: RsvpAnswer | null, preview?: boolean): KnownBlock {
  const value = JSON.stringify({ e: eventId });
  return {
    type: 'actions',
    block_id: RSVP.block,
    elements: RSVP_ANSWERS.map((answer, i) =>
      live(button(RSVP_LABELS[answer], RSVP_ACTIONS[answer], { value, ...(chosen === answer ? { style: 'primary' as const } : {}) }), preview, i),
    ),
  };
}

function buildSaveTheDateMessage(notice: SaveTheDateNotice): SlackMessage {
  const { event } = notice;
  const text =
    notice.reminder === null
      ? `Save the date: ${event.name}, ${dates(event)}. Will you be there?`
      : `Reminder: will you be at ${event.name} (${dates(event)})? Please RSVP.`;
  return {
    text,
    blocks: [
      ...previewNote(notice),
      header(`Save the date: ${event.name}`),
      section(whenAndWhere(event)),
      ...(notice.reminder === null ? [] : [section(':bell: We have not had your answer yet: it takes one click.')]),
      section(escapeMrkdwn(notice.body)),
      rsvpStatus(notice.rsvp, notice.rsvpBy ? { at: notice.rsvpBy, timeZone: event.timeZone } : undefined, notice.preview ? undefined : notice.eventId),
      rsvpButtons(notice.eventId, notice.rsvp, notice.preview),
    ],
  };
}

function buildTravelMessage(notice: TravelNotice): SlackMessage {
  const { event } = notice;
  return {
    text: `Travel booking instructions for ${event.name} (${dates(event)})`,
    blocks: [
      ...previewNote(notice),
      header(`Book your travel: ${event.name}`),
      section(whenAndWhere(event)),
      section(escapeMrkdwn(notice.body)),
      ...(notice.contact ? [context(`Questions about travel? Ask ${mention(notice.contact)}, who runs logistics.`)] : []),
    ],
  };
}

/** "7 questions", or "7 questions and 8 optional session ratings". */
function surveySize(survey: SurveyInviteNotice['survey']): string {
  const ratings = survey.sessionRatings ? ` and ${plural(survey.sessionRatings, 'optional session rating')}` : '';
  return `${plural(survey.questions, 'question')}${ratings}`;
}

/** The heading every survey reminder opens with, so reminders due together read as one message under it. */
const REMINDER_HEADING = 'Waiting for your answers';

function buildSurveyInviteMessage(notice: SurveyInviteNotice): SlackMessage {
  const { survey, event } = notice;
  const closesInWords = formatDateTime(survey.closesAt, event.timeZone);
  const closes = readerDateTime(survey.closesAt, event.timeZone);
  const answer = live(button('Answer', SURVEY.answer, { value: String(survey.id), style: 'primary' }), notice.preview, 0);
  const privacy = survey.anonymous
    ? 'Anonymous: your name is not stored with your answers, and results show only groups of 5 or more.'
    : 'Your answers are recorded under your name.';
  const size = `${surveySize(survey)}, ${survey.minutes === 1 ? 'about a minute' : `about ${survey.minutes} minutes`}`;
  if (notice.reminder !== null) {
    // One line per survey under a shared heading: reminders due together combine into one list.
    return {
      text: `Reminder: ${survey.title} closes ${closesInWords}`,
      blocks: [
        ...previewNote(notice),
        header(REMINDER_HEADING),
        { ...section(`:bell: *${escapeMrkdwn(survey.title)}* closes ${closes}. We have not had your answers yet.`), accessory: answer },
        context(`${size} · ${privacy}`),
      ],
    };
  }
  return {
    text: `${survey.title}: ${surveySize(survey)}, open until ${closesInWords}`,
    blocks: [
      ...previewNote(notice),
      header(survey.title),
      { ...section(escapeMrkdwn(notice.body)), accessory: answer },
      context(`${size} · open until ${closes} · ${privacy} Answering again replaces your earlier answers.`),
    ],
  };
}

function buildRecapMessage(notice: RecapNotice): SlackMessage {
  const links = notice.links.map((l) => `• <${l.url}|${escapeMrkdwn(l.label)}>`);
  const carries = [notice.highlights ? 'highlights' : '', links.length ? 'materials' : ''].filter(Boolean).join(' and ');
  return {
    text: `Thank you for ${notice.event.name}${carries ? `: ${carries}` : ''}`,
    blocks: [
      ...previewNote(notice),
      header(`Thank you: ${notice.event.name}`),
      section(escapeMrkdwn(notice.body)),
      ...(notice.highlights ? [section(`*Highlights*\n${escapeMrkdwn(notice.highlights)}`)] : []),
      ...(links.length ? [section(`*Materials*\n${links.join('\n')}`)] : []),
    ],
  };
}

function buildRecapAskMessage(notice: RecapAskNotice): SlackMessage {
  const goes = (when: string) => `The thank-you and recap goes to every attendee ${when}, and it has no highlights or links yet.`;
  return {
    text: goes(formatDateTime(notice.recapAt, notice.event.timeZone)),
    blocks: [
      {
        ...section(
          `:bell: ${goes(readerDateTime(notice.recapAt, notice.event.timeZone))} Add the highlights and the materials links, and it carries them; left as it is, it goes as a plain thank-you.`,
        ),
        accessory: button('Add highlights and links', COMMS.recapDetails, { value: skoRef(notice.event.id), style: 'primary' }),
      },
    ],
  };
}

/** 'America/Los_Angeles' → 'Los Angeles': the zone as people name it. */
const placeOf = (timeZone: string): string => (timeZone.split('/').pop() ?? timeZone).replace(/_/g, ' ');

function buildAgendaPreviewMessage(notice: AgendaPreviewNotice): SlackMessage {
  const days = notice.days.map((d) => section(`*Day ${d.day} · ${readerDate(d.date, { pretty: false })}*\n${d.sessions.map(agendaLine).join('\n')}`));
  return {
    text: `The agenda for ${notice.event.name}`,
    blocks: [
      ...previewNote(notice),
      header(`Agenda: ${notice.event.name}`),
      section(escapeMrkdwn(notice.body)),
      ...days,
      // Session times stay the venue's: the attendees will be there, whatever their home clock says.
      context(`Times are ${placeOf(notice.event.timeZone)} time. \`/sko agenda\` shows the agenda as it stands, with any changes.`),
    ],
  };
}

function buildReinforcementMessage(notice: ReinforcementNotice): SlackMessage {
  return {
    text: `Q1 kickoff: carry ${notice.event.name} into your first weeks`,
    blocks: [...previewNote(notice), header('Q1 kickoff'), section(escapeMrkdwn(notice.body)), context('`/sko tasks` lists anything you own in the SKO plan.')],
  };
}

function buildSurveyAnalysisMessage(notice: SurveyAnalysisNotice): SlackMessage {
  const { analysis } = notice;
  const rates = analysis.surveys.map(
    (s) => `• ${escapeMrkdwn(s.title)}: ${s.responses} of ${plural(s.invited, 'person', 'people')} answered${s.rate === null ? '' : ` (${percent(s.rate)})`}`,
  );
  const blocks: Blocks = [
    ...previewNote(notice),
    header(`Survey analysis: ${notice.event.name}`),
    section(escapeMrkdwn(notice.body)),
    section(`*Responses*\n${rates.join('\n') || '_No surveys._'}`),
    section(`*Success metrics*\n${analysis.metrics.map(metricLine).join('\n')}`),
  ];
  if (analysis.top.length) blocks.push(section(`*Top sessions*\n${analysis.top.map(sessionLine).join('\n')}`));
  if (analysis.bottom.length) blocks.push(section(`*Sessions to improve*\n${analysis.bottom.map(sessionLine).join('\n')}`));
  blocks.push(context('Every figure: `/sko survey results pre`, `post` or `quiz`'));
  return { text: `Survey analysis for ${notice.event.name}: the success metrics, top sessions and what to improve`, blocks };
}

export function renderCommunication(notice: CommunicationNotice): SlackMessage {
  switch (notice.type) {
    case 'save-the-date':
      return buildSaveTheDateMessage(notice);
    case 'travel-instructions':
      return buildTravelMessage(notice);
    case 'survey-invite':
      return buildSurveyInviteMessage(notice);
    case 'thank-you-recap':
      return buildRecapMessage(notice);
    case 'recap-ask':
      return buildRecapAskMessage(notice);
    case 'agenda-preview':
      return buildAgendaPreviewMessage(notice);
    case 'q1-reinforcement':
      return buildReinforcementMessage(notice);
    case 'survey-analysis':
      return buildSurveyAnalysisMessage(notice);
  }
}

function eventIdOf(value: string | undefined): number | null {
  try {
    const parsed = JSON.parse(value ?? '') as { e?: unknown };
    return typeof parsed.e === 'number' && Number.isInteger(parsed.e) ? parsed.e : null;
  } catch {
    return null;
  }
}

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/**
 * An RSVP button: records the answer, shows it in the message in place (the buttons stay, so it
 * can be changed), and sends travel instructions at once to someone who says yes after they went out.
 */
export function handleRsvpButton(deps: Deps, answer: RsvpAnswer) {
  return async ({ ack, body, action, respond }: ButtonArgs): Promise<void> => {
    await ack();
    const eventId = eventIdOf(action.value);
    if (eventId === null) {
      await respond({ response_type: 'ephemeral', replace_original: false, text: STALE_RSVP });
      return;
    }
    const now = deps.clock.now();
    const outcome = await unlessRefused(
      () => recordRsvp(deps.db, eventId, body.user.id, answer, now),
      (message) => respond({ response_type: 'ephemeral', replace_original: false, text: message }),
    );
    if (outcome === undefined) return;
    if (outcome.travel) {
      const { key, notice } = outcome.travel;
      enqueue(deps.db, [
        { key: messageKey(key, notice.to), kind: 'travel-instructions', label: notice.label, channel: body.user.id, eventId, ...buildTravelMessage(notice) },
      ]);
      deps.outbox.kick();
    }
    if (!body.message || !body.channel) return;
    const blocks = ((body.message.blocks ?? []) as KnownBlock[]).map((block) => {
      if (block.block_id === RSVP_STATUS_BLOCK) return rsvpStatus(answer, undefined, eventId);
      if (block.block_id === RSVP.block) return rsvpButtons(eventId, answer);
      return block;
    });
    await deps.slack.chat.update({ channel: body.channel.id, ts: body.message.ts, text: body.message.text ?? '', blocks });
    await refreshHome(deps, body.user.id);
  };
}

/** Any button in a preview. */
export function handlePreviewButton() {
  return async ({ ack, respond }: ButtonArgs): Promise<void> => {
    await ack();
    await respond({ response_type: 'ephemeral', replace_original: false, text: PREVIEW_REPLY });
  };
}
