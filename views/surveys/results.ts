import type { GroupStats, QuestionStats, QuestionSummary, SeedMetric, SessionScore } from '../../src/domain/surveys/results.js';
import type { SurveyResults } from '../../src/services/surveys/surveys.js';
import {
  actions,
  type Blocks,
  button,
  context,
  divider,
  escapeMrkdwn,
  header,
  mention,
  SECTION_TEXT_LIMIT,
  type SlackMessage,
  section,
} from '../kit/blocks.js';
import { formatDateTime, plural } from '../kit/format.js';
import { EXPORTS } from '../kit/ids.js';

/** A message holds at most 50 blocks; the frame takes about ten, the questions get the rest. */
const QUESTIONS_SHOWN = 36;

/** 0.9 → "90%", 0.91666 → "91.7%". */
export function percent(share: number): string {
  return `${Number((share * 100).toFixed(1))}%`;
}

function change(value: number): string {
  const p = Number((value * 100).toFixed(1));
  return `${p > 0 ? '+' : p < 0 ? '−' : ''}${Math.abs(p)}%`;
}

function metricValue(m: SeedMetric): string {
  if (m.value === null) return '';
  if (m.unit === 'share') return percent(m.value);
  if (m.unit === 'change') return change(m.value);
  return `${m.value.toFixed(2)} of 5`;
}

/** One seed metric: met, missed, or not measured and why. */
export function metricLine(m: SeedMetric): string {
  if (m.status === 'not measured') return `:heavy_minus_sign: *${m.label}* (target ${m.target.text}): not measured. ${m.reason ?? ''}`.trimEnd();
  return `${m.status === 'met' ? ':white_check_mark:' : ':x:'} *${m.label}*: ${metricValue(m)} (target ${m.target.text})`;
}

export function sessionLine(s: SessionScore): string {
  return `• ${escapeMrkdwn(s.title)}: ${s.average.toFixed(2)} of 5 (${plural(s.count, 'rating')})`;
}

function statsLine(stats: QuestionStats): string {
  switch (stats.kind) {
    case 'rating':
      return `Average *${stats.average.toFixed(2)}* of 5 · ${[...stats.distribution]
        .reverse()
        .map((d) => `${d.value}: ${d.count}`)
        .join(' · ')}`;
    case 'yes-somewhat-no':
      return `Yes *${percent(stats.yesShare)}* · ${stats.distribution.map((d) => `${d.label} ${d.count}`).join(' · ')}`;
    case 'single':
    case 'multi':
      return stats.distribution.map((d) => `${escapeMrkdwn(d.label)}: ${d.count}`).join(' · ');
    case 'text':
      return stats.answers.map((a) => `> ${escapeMrkdwn(a.text).replace(/\n/g, '\n> ')}${a.respondent ? ` (${mention(a.respondent)})` : ''}`).join('\n');
  }
}

function groupFigure(g: GroupStats): string {
  if (g.hidden) return `${escapeMrkdwn(g.group)} _hidden_`;
  const s = g.stats;
  if (s.kind === 'rating') return `${escapeMrkdwn(g.group)} ${s.average.toFixed(2)}`;
  if (s.kind === 'yes-somewhat-no') return `${escapeMrkdwn(g.group)} ${percent(s.yesShare)} yes`;
  return `${escapeMrkdwn(g.group)} (${g.count})`;
}

/** Keeps a section inside Slack's limit, saying how much was left out. */
function fitWithin(text: string, more: string): string {
  if (text.length <= SECTION_TEXT_LIMIT) return text;
  const cut = text.slice(0, SECTION_TEXT_LIMIT - more.length - 2);
  return `${cut.slice(0, cut.lastIndexOf('\n'))}\n${more}`;
}

function questionBlock(q: QuestionSummary): string {
  const title = `*${escapeMrkdwn(q.prompt)}*`;
  if (q.hidden) return `${title}\n_${q.note} (${plural(q.answered, 'answer')})._`;
  const groups =
    q.byGroup.length && (q.stats.kind === 'rating' || q.stats.kind === 'yes-somewhat-no') ? `\nBy team: ${q.byGroup.map(groupFigure).join(' · ')}` : '';
  return fitWithin(`${title} (${plural(q.answered, 'answer')})\n${statsLine(q.stats)}${groups}`, '_…more in the CSV export._');
}

/** `/sko survey results pre|post|quiz`: figures only in aggregate, groups under 5 hidden, free text without names on an anonymous survey. */
export function buildSurveyResultsMessage(results: SurveyResults): SlackMessage {
  const { summary, metrics } = results;
  // Everyone who answered, counted or not: that someone answered is no secret, what they said is.
  const answered = summary.responses + results.held;
  const rate = summary.invited === 0 ? '' : ` (${percent(answered / summary.invited)})`;
  const blocks: Blocks = [
    header(`${summary.title}: results`),
    section(
      `*${answered} of ${plural(summary.invited, 'person', 'people')} answered*${rate} · ${summary.anonymous ? 'anonymous: no names are stored with the answers, and groups under 5 are hidden' : 'named answers'}`,
    ),
  ];
  if (results.held > 0)
    blocks.push(
      context(
        `${plural(results.held, 'more answer')} ${results.held === 1 ? 'waits' : 'wait'} to be counted: answers are added in fives from the same team, so comparing results from one day to the next never singles anyone out.`,
      ),
    );
  if (summary.groups.length)
    blocks.push(
      section(`*By team:* ${summary.groups.map((g) => (g.hidden ? `${escapeMrkdwn(g.group)} _hidden_` : `${escapeMrkdwn(g.group)} ${g.count}`)).join(' · ')}`),
    );
  if (summary.quiz) {
    blocks.push(
      section(
        summary.quiz.hidden
          ? `*Pass rate:* _${summary.quiz.note}_`
          : `*Pass rate:* ${percent(summary.quiz.passRate)} (${summary.quiz.passed} of ${summary.quiz.graded} passed) · average score ${percent(summary.quiz.averageScore / 100)}`,
      ),
    );
  }
  blocks.push(divider());
  const questions = summary.questions.filter((q) => q.metric !== 'session-rating');
  for (const q of questions.slice(0, QUESTIONS_SHOWN)) blocks.push(section(questionBlock(q)));
  if (questions.length > QUESTIONS_SHOWN) blocks.push(context(`…and ${questions.length - QUESTIONS_SHOWN} more questions in the CSV export.`));
  if (summary.topSessions.length) blocks.push(section(`*Top sessions*\n${summary.topSessions.map(sessionLine).join('\n')}`));
  if (summary.bottomSessions.length) blocks.push(section(`*Sessions to improve*\n${summary.bottomSessions.map(sessionLine).join('\n')}`));
  blocks.push(divider(), section(`*Success metrics*\n${metrics.map(metricLine).join('\n')}`));
  blocks.push(
    actions(
      button('Send the answers as CSV', EXPORTS.surveyAnswers, { value: String(results.row.id) }),
      button('Edit the questions', EXPORTS.surveyQuestions, { value: String(results.row.id) }),
    ),
  );
  return { text: `${summary.title}: ${answered} of ${plural(summary.invited, 'person', 'people')} answered`, blocks };
}

/** Results asked for before the survey has gone out: when it goes, and when it closes. */
export function buildSurveyNotSentMessage(title: string, surveyId: number, when: { at: Date; closesAt: Date; timeZone: string }): SlackMessage {
  const line = `The ${title.toLowerCase()} has not gone out yet: it goes out ${formatDateTime(when.at, when.timeZone)} and closes ${formatDateTime(when.closesAt, when.timeZone)}. Results show here as answers come in.`;
  return {
    text: line,
    blocks: [
      section(`:calendar: ${escapeMrkdwn(line)}`),
      actions(button('Edit the questions', EXPORTS.surveyQuestions, { value: String(surveyId) })),
      context('`/sko comms` shows every message on the calendar.'),
    ],
  };
}
