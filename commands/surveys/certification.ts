import { localDate } from '../../src/domain/dates.js';
import { InputError } from '../../src/errors.js';
import { certificationForReader } from '../../src/services/surveys/certification.js';
import { replyPrivately } from '../../views/kit/private-reply.js';
import { buildCertificationMessage } from '../../views/surveys/certification-message.js';
import { type Subcommand, withEvent } from '../types.js';

/**
 * The sales-ops-automator's certification tracking: who passed the certification quiz, who did not
 * and who has not taken it. Pass and fail by name is performance data, so the reply is private and
 * holds only the people the reader may see.
 */
export const certificationCommand: Subcommand = {
  name: 'certification',
  usage: '/sko certification',
  summary:
    'Who passed the certification quiz, who did not and who has not taken it, against the > 75% target (leaders see everyone, managers their reports, everyone else their own result)',
  run: withEvent(async ({ deps, command, args, ack, respond }, event) => {
    if (args.length)
      throw new InputError(
        `\`/sko certification\` takes nothing after it (not \`${args.join(' ')}\`): it shows the certification quiz's pass rate and, as far as you may see them, who passed.`,
      );
    // Grading reads every answer to the quiz: acknowledge first, then answer privately.
    await ack();
    const report = certificationForReader(deps.db, event, command.user_id, localDate(deps.clock.now(), event.timeZone));
    await replyPrivately(respond, buildCertificationMessage(report));
  }),
};
