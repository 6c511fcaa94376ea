import { decideRunTheShow } from '../../src/domain/access.js';
import { formatCalendarDate } from '../../src/domain/dates.js';
import { eventDayOn, runOfShowFor } from '../../src/services/agenda/run-of-show.js';
import { eventFor } from '../../src/services/people/access.js';
import { buildRunOfShowMessage } from '../../views/agenda/run-of-show.js';
import { type Subcommand, withEvent } from '../types.js';

export const runOfShowCommand: Subcommand = {
  name: 'runofshow',
  usage: '/sko runofshow [day]',
  summary: "Today's sessions with Started and Ended buttons, for the content lead, the SKO lead and admins; a late start can move the rest of the day",
  run: withEvent(async ({ deps, command, args, ack }, found) => {
    // Who may run the show is settled before which day: a rep hears that, not that today is no event day.
    const event = eventFor(deps.db, found.id, command.user_id, decideRunTheShow);
    const first = event.hasDay0 ? 0 : 1;
    const asked = args[0];
    const day = asked === undefined ? eventDayOn(event, deps.clock.now()) : Number(asked);
    if (day === null) {
      await ack(`Today is not an event day: ${event.name} starts on ${formatCalendarDate(event.day1, 'ddd D MMM YYYY')}. \`/sko runofshow 1\` shows day 1.`);
      return;
    }
    if (!Number.isInteger(day) || day < first || day > event.days) {
      await ack(`\`/sko runofshow\` takes an event day from ${first} to ${event.days}, or nothing for today; not "${asked}".`);
      return;
    }
    await ack(buildRunOfShowMessage(runOfShowFor(deps.db, event.id, command.user_id, day)));
  }),
};
