import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { ModalView, Option } from '@slack/types';
import type { Deps } from '../../src/deps.js';
import { addDays } from '../../src/domain/dates.js';
import { DIETARY_NEEDS, eventSpan, TEXT_LIMIT, type TravelField } from '../../src/domain/travel/details.js';
import { isUserFacing } from '../../src/errors.js';
import { saveTravelDetails, type TravelForm, travelFormFor } from '../../src/services/travel/details.js';
import { button, context, escapeMrkdwn, input, mention, plain, section } from '../kit/blocks.js';
import { formatDate, formatDateTime } from '../kit/format.js';
import { TRAVEL } from '../kit/ids.js';
import { openModalOr } from '../kit/open-modal.js';
import { skoIdFrom, skoRef } from '../kit/sko-ref.js';
import { tellClicker } from '../kit/tell.js';
import { buildNoticeModal } from '../plan/setup-modal.js';

const B = TRAVEL.blocks;
const A = TRAVEL.actionId;
const TITLE = 'Travel details';

/** "Add travel details", or "Edit travel details" once given: opens the person's own form for this SKO. */
export const travelButton = (eventId: number, given: boolean) =>
  button(given ? 'Edit travel details' : 'Add travel details', TRAVEL.open, { value: skoRef(eventId), ...(given ? {} : { style: 'primary' as const }) });

const nightOption = (night: string): Option => ({ text: plain(`Night of ${formatDate(night, { year: false })}`), value: night });
const dietaryOption = (d: (typeof DIETARY_NEEDS)[number]): Option => ({ text: plain(d.label), value: d.key });

/** The form: dates, hotel nights, dietary and accessibility needs, a note; what was given before filled in. */
function buildTravelModal(form: TravelForm): ModalView {
  const { event, saved } = form;
  const span = eventSpan(event);
  const nights = form.nights.map(nightOption);
  const chosenNights = nights.filter((o) => saved?.hotelNights.includes(o.value as string));
  const chosenDiets = DIETARY_NEEDS.filter((d) => saved?.dietary.includes(d.key)).map(dietaryOption);
  const text = (value: string | null | undefined) => (value ? { initial_value: value } : {});
  return {
    type: 'modal',
    callback_id: TRAVEL.callbackId,
    private_metadata: skoRef(event.id),
    title: plain(TITLE),
    submit: plain('Save'),
    close: plain('Cancel'),
    blocks: [
      section(
        `*${escapeMrkdwn(event.name)}* runs ${formatDate(span.first, { year: false })} – ${formatDate(span.last)}. The logistics lead books rooms and meals from this; you can change it until ${formatDateTime(form.closesAt, event.timeZone)}.`,
      ),
      input(B.arrival, 'Arrival', { type: 'datepicker', action_id: A, initial_date: saved?.arrival ?? addDays(span.first, -1) }),
      input(B.departure, 'Departure', { type: 'datepicker', action_id: A, initial_date: saved?.departure ?? span.last }),
      input(
        B.hotelNights,
        'Hotel nights needed',
        { type: 'checkboxes', action_id: A, options: nights, ...(chosenNights.length ? { initial_options: chosenNights } : {}) },
        { optional: true, hint: 'Tick each night you need a room; none if you stay elsewhere.' },
      ),
      input(
        B.dietary,
        'Dietary needs',
        { type: 'checkboxes', action_id: A, options: DIETARY_NEEDS.map(dietaryOption), ...(chosenDiets.length ? { initial_options: chosenDiets } : {}) },
        { optional: true },
      ),
      input(
        B.accessibility,
        'Accessibility needs',
        { type: 'plain_text_input', action_id: A, multiline: true, max_length: TEXT_LIMIT, ...text(saved?.accessibility) },
        { optional: true, hint: 'Anything that helps you take part: step-free rooms, seating, captions.' },
      ),
      input(B.note, 'Note', { type: 'plain_text_input', action_id: A, multiline: true, max_length: TEXT_LIMIT, ...text(saved?.note) }, { optional: true }),
      context('Only the logistics lead and admins see your dietary and accessibility needs.'),
    ],
  };
}

/** What a closed form says: since when, and whom to ask for a change. */
function closedText(form: TravelForm): string {
  const who = form.contact ? `${mention(form.contact)}, who runs logistics` : 'the logistics lead';
  const since = form.cutoff ? `closed: its cut-off was ${formatDate(form.cutoff, { year: false })}` : 'closed now the SKO has started';
  return `The travel form for ${escapeMrkdwn(form.event.name)} is ${since}. For a change, ask ${who}.`;
}

/** The form for someone who may open it: the form while it takes changes, and after the cut-off, who to ask instead. */
function buildFormOrClosed(form: TravelForm): ModalView {
  return form.open ? buildTravelModal(form) : { ...buildNoticeModal(TITLE, closedText(form)), private_metadata: skoRef(form.event.id) };
}

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/** "Add travel details" wherever it is shown: opens the clicker's own form, or tells them why there is none. */
export function handleOpenTravelForm(deps: Deps) {
  return async ({ ack, body, action, respond }: ButtonArgs): Promise<void> => {
    await ack();
    const build = () => buildFormOrClosed(travelFormFor(deps.db, skoIdFrom(action.value), body.user.id, deps.clock.now()));
    await openModalOr(deps, body.trigger_id, build, (text) => tellClicker(deps, body, respond, text, 'the travel form'));
  };
}

type SubmitArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

const FIELD_BLOCKS: Record<TravelField, string> = B;

/** Saves the details, or puts each problem beside its field and saves nothing. */
export function handleTravelSubmission(deps: Deps) {
  return async ({ ack, body, view }: SubmitArgs): Promise<void> => {
    const el = (block: string) => view.state.values[block]?.[A];
    const picked = (block: string) => el(block)?.selected_options?.map((o) => o.value) ?? [];
    try {
      const outcome = saveTravelDetails(
        deps.db,
        skoIdFrom(view.private_metadata),
        body.user.id,
        {
          arrival: el(B.arrival)?.selected_date,
          departure: el(B.departure)?.selected_date,
          hotelNights: picked(B.hotelNights),
          dietary: picked(B.dietary),
          accessibility: el(B.accessibility)?.value,
          note: el(B.note)?.value,
        },
        deps.clock.now(),
      );
      if ('closed' in outcome) {
        await ack({ response_action: 'update', view: buildNoticeModal('Not saved', closedText(outcome.closed)) });
        return;
      }
      if (!outcome.ok) {
        const errors = Object.entries(outcome.errors).map(([field, message]) => [FIELD_BLOCKS[field as TravelField], message]);
        await ack({ response_action: 'errors', errors: Object.fromEntries(errors) });
        return;
      }
      await ack({ response_action: 'update', view: buildNoticeModal('Travel details saved', savedText(outcome.form)) });
    } catch (error) {
      if (!isUserFacing(error)) throw error;
      await ack({ response_action: 'update', view: buildNoticeModal('Not saved', error.message) });
    }
  };
}

function savedText(form: TravelForm): string {
  const saved = form.saved;
  if (!saved) return 'Saved.';
  const nights = saved.hotelNights.length ? saved.hotelNights.map((n) => formatDate(n, { year: false })).join(', ') : 'none';
  return `Thanks: you arrive ${formatDate(saved.arrival, { year: false })} and leave ${formatDate(saved.departure, { year: false })}; hotel nights: ${nights}.\nYou can change these until ${formatDateTime(form.closesAt, form.event.timeZone)} with the same button, or \`/sko travel\`.`;
}
