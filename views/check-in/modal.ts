import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import type { Deps } from '../../src/deps.js';
import { localDate } from '../../src/domain/dates.js';
import { isUserFacing } from '../../src/errors.js';
import { checkInOthers, eventForCheckIns } from '../../src/services/check-in/check-in.js';
import { escapeMrkdwn, input, mention, plain, section } from '../kit/blocks.js';
import { formatDate, plural } from '../kit/format.js';
import { CHECK_IN } from '../kit/ids.js';
import { openModalOr } from '../kit/open-modal.js';
import { skoIdFrom, skoRef } from '../kit/sko-ref.js';
import { buildNoticeModal } from '../plan/setup-modal.js';

const C = CHECK_IN;

/** The logistics lead's check-in form: today's figure so far, and the people to check in. */
function buildCheckInModal(options: { eventName: string; day: number; date: string; checkedIn: number; attendees: number }): ModalView {
  return {
    type: 'modal',
    callback_id: C.callbackId,
    title: plain('Check people in'),
    submit: plain('Check in'),
    close: plain('Cancel'),
    blocks: [
      section(
        `*${escapeMrkdwn(options.eventName)}* · day ${options.day}, ${formatDate(options.date, { year: false })}\n${options.checkedIn} of ${plural(options.attendees, 'attendee')} checked in so far today.`,
      ),
      input(
        C.blocks.people,
        'Who is here',
        { type: 'multi_users_select', action_id: C.actionId, placeholder: plain('Type a name') },
        { hint: 'Everyone chosen is checked in for today. Someone already checked in stays so.' },
      ),
    ],
  };
}

/** `/sko checkin`: opens the form for the logistics lead, the SKO lead or an admin on an event day; anyone else gets `refuse` with the reason. */
export async function openCheckInModal(deps: Deps, eventId: number, slackUserId: string, triggerId: string, refuse: (text: string) => Promise<void>) {
  const build = (): ModalView => {
    const now = deps.clock.now();
    const { event, day, checkedIn, attendees } = eventForCheckIns(deps.db, eventId, slackUserId, now);
    const modal = buildCheckInModal({ eventName: event.name, day, date: localDate(now, event.timeZone), checkedIn, attendees });
    return { ...modal, private_metadata: skoRef(event.id) };
  };
  await openModalOr(deps, triggerId, build, refuse);
}

const who = (people: readonly { slackUserId: string | null; name: string | null }[]) =>
  people.map((p) => (p.slackUserId ? mention(p.slackUserId) : escapeMrkdwn(p.name ?? 'someone'))).join(', ');

type SubmitArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** Checks the chosen people in, then says who was and who already was; names outside the attendee list are refused beside the field. */
export function handleCheckInSubmission(deps: Deps) {
  return async ({ ack, body, view }: SubmitArgs): Promise<void> => {
    const chosen = view.state.values[C.blocks.people]?.[C.actionId]?.selected_users ?? [];
    try {
      const outcome = checkInOthers(deps.db, skoIdFrom(view.private_metadata), body.user.id, chosen, deps.clock.now());
      if (!outcome.ok) {
        await ack({ response_action: 'errors', errors: { [C.blocks.people]: outcome.error } });
        return;
      }
      const lines = [
        ...(outcome.checkedIn.length ? [`:white_check_mark: Checked in for day ${outcome.day}: ${who(outcome.checkedIn)}.`] : []),
        ...(outcome.already.length ? [`Already checked in: ${who(outcome.already)}.`] : []),
        `${outcome.total} of ${plural(outcome.attendees, 'attendee')} are checked in today.`,
      ];
      await ack({ response_action: 'update', view: buildNoticeModal('Checked in', lines.join('\n')) });
    } catch (error) {
      if (!isUserFacing(error)) throw error;
      await ack({ response_action: 'update', view: buildNoticeModal('Nobody checked in', error.message) });
    }
  };
}
