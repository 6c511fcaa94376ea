import { type Attendee, CERTIFICATION_TARGET, type CertifiedPerson } from '../../src/agents/sales-ops.js';
import type { CertificationPeople, CertificationReport, CertificationTotals } from '../../src/services/surveys/certification.js';
import { type Blocks, context, escapeMrkdwn, header, type SlackMessage, section } from '../kit/blocks.js';
import { formatDateTime, plural } from '../kit/format.js';
import { howComputed } from '../sales/agent-footer.js';
import { percent } from './results.js';

/** Names per list: forty fit well inside a section's 3,000 characters. */
const LIST_LIMIT = 40;

const who = (p: Attendee) => `${escapeMrkdwn(p.name)}${p.team ? ` (${escapeMrkdwn(p.team)})` : ''}`;
const score = (p: CertifiedPerson) => `${p.correct} of ${p.total} right (${percent(p.scorePct / 100)})`;

function list(title: string, lines: string[]): string {
  const shown = lines.slice(0, LIST_LIMIT).map((l) => `• ${l}`);
  if (lines.length > LIST_LIMIT) shown.push(`…and ${lines.length - LIST_LIMIT} more (the JSON lists everyone)`);
  return `*${title} (${lines.length})*\n${shown.join('\n')}`;
}

function overallLine(o: CertificationTotals): string {
  const taken = o.passed + o.failed;
  return [
    `${o.meetsTarget ? ':white_check_mark:' : ':x:'} *Pass rate ${percent(o.passRate ?? 0)}*: ${o.passed} of the ${plural(o.expected, 'person', 'people')} expected passed · target more than ${percent(o.target)}: ${o.meetsTarget ? 'met' : 'missed'}`,
    `${o.failed} not passed · ${o.notTaken} not taken yet · of the ${taken} who took it, ${percent(o.takersPassRate ?? 0)} passed (the quiz pass rate in \`/sko survey results quiz\`)`,
  ].join('\n');
}

function peopleSections(p: CertificationPeople): string[] {
  const sections: string[] = [];
  if (p.passed.length)
    sections.push(
      list(
        'Passed',
        p.passed.map((x) => `${who(x)}: ${score(x)}`),
      ),
    );
  if (p.failed.length)
    sections.push(
      list(
        'Not passed',
        p.failed.map((x) => `${who(x)}: ${score(x)}`),
      ),
    );
  if (p.notTaken.length) sections.push(list('Not taken yet', p.notTaken.map(who)));
  return sections;
}

function yourResult(r: CertificationReport, p: CertificationPeople): string {
  const { quiz } = r;
  const closes = quiz?.closesAt ? ` before it closes on ${formatDateTime(new Date(quiz.closesAt), r.timeZone)}` : '';
  const [passed] = p.passed;
  const [failed] = p.failed;
  if (passed) return `:white_check_mark: *You passed:* ${score(passed)}.`;
  if (failed)
    return `:x: *Not passed yet:* ${score(failed)}; a pass needs ${quiz?.toPass} of ${quiz?.graded}. Answer the quiz again from its message${closes}: your new answers replace these.`;
  if (p.notTaken.length) return `:hourglass_flowing_sand: *You have not taken the quiz yet.* It comes to you in a DM from the app; answer it there${closes}.`;
  return 'You are not among those expected to certify: the quiz goes to those who RSVPed Attending.';
}

/** `/sko certification`: the pass rate against the seed's > 75%, and who passed, did not, or has not taken it, as far as the reader may see. */
export function buildCertificationMessage(r: CertificationReport): SlackMessage {
  const blocks: Blocks = [header(`Certification · ${r.event}`)];
  const quiz = r.quiz;
  if (quiz) {
    const when = [
      quiz.opensAt ? `sent ${formatDateTime(new Date(quiz.opensAt), r.timeZone)}` : null,
      quiz.closesAt ? `closes ${formatDateTime(new Date(quiz.closesAt), r.timeZone)}` : null,
    ].filter(Boolean);
    blocks.push(
      context(
        `${escapeMrkdwn(quiz.title)} · pass mark ${quiz.passMark}% (${quiz.toPass} of ${quiz.graded} right)${when.length ? ` · ${when.join(' · ')}` : ''}`,
        `Expected to certify: ${r.expectedToCertify}.`,
      ),
    );
  }
  if (r.notMeasured) blocks.push(section(`:heavy_minus_sign: *Not measured.* ${r.notMeasured}`));
  else if (r.overall) blocks.push(section(overallLine(r.overall)));
  if (r.overallHidden) blocks.push(section(`_${r.overallHidden}_`));

  const p = r.people;
  if (p && r.scope === 'self') blocks.push(section(yourResult(r, p)));
  if (p && r.scope === 'organisation') {
    blocks.push(
      section(
        p.expected
          ? `*Your organisation:* ${p.passed.length} of the ${plural(p.expected, 'person', 'people')} expected passed.`
          : 'Nobody in your organisation is expected to certify.',
      ),
    );
  }
  if (p && r.scope !== 'self') for (const text of peopleSections(p)) blocks.push(section(text));

  const formula = quiz
    ? `a pass is at least ${quiz.passMark}% of the ${plural(quiz.graded, 'question')} right (a multiple-choice question counts only with exactly the right options); a retake replaces the earlier answers, so the latest ones count; pass rate = passed ÷ ${r.expectedToCertify}; the playbook's target is more than ${percent(CERTIFICATION_TARGET)}.`
    : `pass rate = passed ÷ ${r.expectedToCertify}; the playbook's target is more than ${percent(CERTIFICATION_TARGET)}.`;
  blocks.push(
    howComputed({
      formula,
      asOf: r.asOf,
      warnings: [
        [
          r.notExpectedTakers,
          r.notExpectedTakers === 1
            ? 'person who took the quiz without RSVPing Attending is not counted'
            : 'people who took the quiz without RSVPing Attending are not counted',
        ],
      ],
      clean: 'Data quality: every answer counted is from someone expected to certify.',
    }),
  );
  const rate = r.overall?.passRate;
  return {
    text: `Certification for ${r.event}${typeof rate === 'number' ? `: ${percent(rate)} passed (target more than ${percent(CERTIFICATION_TARGET)})` : ''}`,
    blocks,
  };
}
