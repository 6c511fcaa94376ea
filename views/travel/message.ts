import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../src/deps.js';
import { REMINDER_DAYS_BEFORE, type TravelReminderNotice } from '../../src/domain/travel/details.js';
import { isUserFacing } from '../../src/errors.js';
import type { EventRow } from '../../src/services/plan/event-store.js';
import { type TravelOverview, travelCsv } from '../../src/services/travel/details.js';
import { actions, button, context, escapeMrkdwn, header, mention, type SlackMessage, section, table } from '../kit/blocks.js';
import { formatDate, formatDateTime, plural } from '../kit/format.js';
import { TRAVEL } from '../kit/ids.js';
import { sendFilesInDm } from '../kit/private-reply.js';
import { eventOfButton, skoRef } from '../kit/sko-ref.js';
import { tellClicker } from '../kit/tell.js';
import { travelButton } from './form.js';

/** `/sko travel` for the logistics lead and admins: rooms per night, meals by dietary need, and the cut-off. */
export function buildTravelOverviewMessage(event: EventRow, overview: TravelOverview): SlackMessage {
  const { tally } = overview;
  const rooms = table(
    ['Night of', 'Rooms'],
    tally.roomsPerNight.map((r) => [formatDate(r.night, { year: false }), String(r.rooms)]),
  );
  const meals = [...tally.meals.map((m) => [m.need, String(m.people)]), ['No dietary needs', String(tally.noDietaryNeeds)]];
  const cutoff = overview.cutoff
    ? `The form takes changes until ${formatDateTime(overview.closesAt, event.timeZone)} (cut-off ${formatDate(overview.cutoff, { year: false })}); a reminder goes to those who have not said, ${REMINDER_DAYS_BEFORE} days before.`
    : `No cut-off yet: the form takes changes until the SKO starts. \`/sko travel cutoff YYYY-MM-DD\` sets one, and a reminder ${REMINDER_DAYS_BEFORE} days before it.`;
  return {
    text: `Travel details for ${event.name}: ${tally.answered} of ${plural(tally.attending, 'person', 'people')} attending have given theirs.`,
    blocks: [
      header(`Travel details: ${event.name}`),
      section(`*${tally.answered} of ${plural(tally.attending, 'person', 'people')} attending* have given their travel details.`),
      section(`*Rooms per night*\n${rooms}`),
      section(`*Meals by dietary need* (people)\n${table(['Need', 'People'], meals)}`),
      section(`*Accessibility needs:* ${plural(tally.accessibilityNeeds, 'person', 'people')} told us theirs; the list has them.`),
      context(cutoff),
      actions(button('Send the full list as CSV', TRAVEL.csv, { value: skoRef(event.id) })),
    ],
  };
}

/** `/sko travel` for anyone else: their own form, and what they have given. */
export function buildOwnTravelMessage(event: EventRow, own: { attending: boolean; given: boolean }): SlackMessage {
  if (!own.attending) return { text: `The travel form is for people attending ${event.name}: answer Attending to the save-the-date first.`, blocks: [] };
  const text = own.given ? 'You have given your travel details; you can change them until the cut-off.' : 'We do not have your travel details yet.';
  return { text, blocks: [{ ...section(text), accessory: travelButton(event.id, own.given) }] };
}

/** The one reminder, a few days before the cut-off, to someone attending who has not given their details. */
export function buildTravelReminderMessage(notice: TravelReminderNotice): SlackMessage {
  const until = formatDate(notice.cutoff, { year: false });
  return {
    text: `Reminder: add your travel details for ${notice.eventName} by ${until}`,
    blocks: [
      {
        ...section(
          `:bell: *Your travel details for ${escapeMrkdwn(notice.eventName)}*\nThe logistics lead books rooms and meals from them: your dates, the hotel nights you need, and any dietary or accessibility needs. The form closes after ${until}.`,
        ),
        accessory: travelButton(notice.eventId, false),
      },
      ...(notice.contact ? [context(`Questions about travel? Ask ${mention(notice.contact)}, who runs logistics.`)] : []),
    ],
  };
}

/** Sends the full list as CSV to the person's DM; refused (saying who may) for anyone but the logistics lead and admins. */
export async function sendTravelCsv(deps: Deps, event: EventRow, slackUserId: string): Promise<string> {
  const list = travelCsv(deps.db, event, slackUserId);
  await sendFilesInDm(
    deps.slack,
    slackUserId,
    [{ filename: 'travel-details.csv', content: list.csv }],
    `Travel details for ${event.name}: ${list.answered} of ${plural(list.people, 'person', 'people')} attending have given theirs.`,
  );
  return ':inbox_tray: Sent the travel details as CSV to our direct message.';
}

/** "Send the full list as CSV" under `/sko travel`. */
export function handleTravelCsvButton(deps: Deps) {
  return async ({ ack, body, action, respond }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const tell = (text: string) => tellClicker(deps, body, respond, text, 'the travel details list');
    const event = eventOfButton(action.value, { db: deps.db, userId: body.user.id, channelId: body.channel?.id });
    if (!event) return tell('That button belongs to an older message. Run `/sko travel` for a fresh one.');
    try {
      await tell(await sendTravelCsv(deps, event, body.user.id));
    } catch (error) {
      if (!isUserFacing(error)) throw error;
      await tell(error.message);
    }
  };
}
