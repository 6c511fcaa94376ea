import { isCalendarDate } from '../../src/domain/dates.js';
import { ownTravel, seesTravelDetails, setTravelCutoff, travelOverview } from '../../src/services/travel/details.js';
import { replyPrivately } from '../../views/kit/private-reply.js';
import { buildOwnTravelMessage, buildTravelOverviewMessage, sendTravelCsv } from '../../views/travel/message.js';
import { type Subcommand, withEvent } from '../types.js';

const USAGE = '`/sko travel` shows the counts, `/sko travel csv` sends the full list, `/sko travel cutoff YYYY-MM-DD` sets the last day for changes';

export const travelCommand: Subcommand = {
  name: 'travel',
  usage: '/sko travel [csv | cutoff YYYY-MM-DD]',
  summary: 'Your travel details form; for the logistics lead, rooms per night, meals by dietary need, the list as CSV and the cut-off',
  run: withEvent(async ({ deps, command, args, ack, respond }, event) => {
    const verb = args[0]?.toLowerCase();
    const user = command.user_id;
    if (verb === undefined) {
      if (!seesTravelDetails(deps.db, event, user)) return ack(buildOwnTravelMessage(event, ownTravel(deps.db, event, user)));
      return ack(buildTravelOverviewMessage(event, travelOverview(deps.db, event, user)));
    }
    if (verb === 'csv') {
      await ack();
      return replyPrivately(respond, await sendTravelCsv(deps, event, user));
    }
    if (verb === 'cutoff' && args.length === 2) {
      const cutoff = args[1] as string;
      if (!isCalendarDate(cutoff)) return ack(`Give the cut-off as a date in the form YYYY-MM-DD, such as \`/sko travel cutoff 2027-01-20\`; not "${cutoff}".`);
      const overview = setTravelCutoff(deps.db, event.id, user, cutoff, deps.clock.now());
      return ack(buildTravelOverviewMessage(event, overview));
    }
    return ack(`${USAGE}; not "${args.join(' ')}".`);
  }),
};
