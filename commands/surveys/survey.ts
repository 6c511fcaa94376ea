import { decideSeeSurveyResults } from '../../src/domain/access.js';
import { InputError } from '../../src/errors.js';
import { loadCalendar } from '../../src/services/comms/calendar.js';
import { setQuiz } from '../../src/services/comms/editing.js';
import { actorFor } from '../../src/services/people/access.js';
import { isSurveyKind, surveyResults } from '../../src/services/surveys/surveys.js';
import { lessonsButton } from '../../views/narrative/brief-canvas.js';
import { buildSurveyNotSentMessage, buildSurveyResultsMessage } from '../../views/surveys/results.js';
import { type Subcommand, withEvent } from '../types.js';

const USAGE =
  'Use `/sko survey results pre`, `/sko survey results post` or `/sko survey results quiz`; the communications lead turns the certification quiz on or off with `/sko survey quiz on` or `off`.';

export const surveyCommand: Subcommand = {
  name: 'survey',
  usage: '/sko survey results pre|post|quiz',
  summary: 'Survey results and the success metrics, privately (leaders, admins and the SKO lead); `/sko survey quiz on|off` for the certification quiz',
  run: withEvent(async ({ deps, command, args, ack, respond }, event) => {
    const [what, which] = args.map((a) => a.toLowerCase());
    if (what === 'results' && which && isSurveyKind(which)) {
      const decision = decideSeeSurveyResults(actorFor(deps.db, command.user_id, event));
      if (!decision.allowed) {
        await ack(decision.reason);
        return;
      }
      // Results read every answer: acknowledge first, then answer privately through the response_url.
      await ack();
      const results = surveyResults(deps.db, event.id, which);
      // Before it goes out there is nothing to count: say when it does, not "0 of 0 answered".
      const opening = results.summary.invited === 0 ? loadCalendar(deps.db, event).planned.find((c) => c.survey?.kind === which) : undefined;
      if (opening?.survey) {
        await respond({
          response_type: 'ephemeral',
          ...buildSurveyNotSentMessage(results.summary.title, results.row.id, { at: opening.at, closesAt: opening.survey.closesAt, timeZone: event.timeZone }),
        });
        return;
      }
      const message = buildSurveyResultsMessage(results);
      // The post-event results are week 12's analysis: with the model layer on, they offer a lessons-learned draft.
      const lessons = which === 'post' && deps.narrative ? [lessonsButton(event.id)] : [];
      await respond({ response_type: 'ephemeral', ...message, blocks: [...message.blocks, ...lessons] });
      return;
    }
    if (what === 'quiz' && (which === 'on' || which === 'off')) {
      const changed = setQuiz(deps.db, event.id, command.user_id, which === 'on', deps.clock.now());
      const text =
        which === 'on'
          ? changed
            ? 'The certification quiz is on: it goes to those attending in week 11, with two reminders. `/sko comms` shows when.'
            : 'The certification quiz is already on.'
          : changed
            ? 'The certification quiz is off, and will not be sent.'
            : 'There is no certification quiz to turn off.';
      await ack(text);
      return;
    }
    throw new InputError(USAGE);
  }),
};
