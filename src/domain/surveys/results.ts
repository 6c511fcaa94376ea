/**
 * Survey results for leaders (issue 4 §6): response rate, averages, distributions, free text,
 * per-group breakdowns, top and bottom sessions, the seed metrics (PRODUCT §5), and the CSV export.
 * Every figure passes through `suppressSmallGroups` or the same 5-answer rule before it leaves.
 */

import { type CsvValue, toCsv } from '../csv.js';
import { HIDDEN_SMALL, MIN_GROUP_SIZE, RESPONDENT_KEY_RE, type SuppressedGroup, suppressSmallGroups } from './anonymity.js';
import { parseAnswer } from './answers.js';
import { gradeQuiz } from './quiz.js';
import {
  type Answers,
  type AnswerValue,
  type Question,
  type QuestionKind,
  RATING_MIN,
  type Survey,
  type SurveyMetric,
  YES_SOMEWHAT_NO,
  YES_SOMEWHAT_NO_LABELS,
} from './surveys.js';

export interface SurveyResponse {
  /** The keyed hash for an anonymous survey; otherwise the Slack user id. */
  respondent: string;
  /** Team, region or any breakdown the caller chooses; none leaves the answer out of every group. */
  group?: string | null;
  answers: Answers;
}

interface OptionCount {
  value: string;
  label: string;
  count: number;
}

interface TextAnswer {
  text: string;
  /** Only for surveys that are not anonymous. */
  respondent?: string;
}

export type QuestionStats =
  | { kind: 'rating'; average: number; distribution: OptionCount[] }
  | { kind: 'single' | 'multi'; distribution: OptionCount[] }
  | { kind: 'yes-somewhat-no'; yesShare: number; distribution: OptionCount[] }
  | { kind: 'text'; answers: TextAnswer[] };

export type GroupStats = SuppressedGroup<{ group: string; count: number; stats: QuestionStats }>;

interface QuestionHead {
  id: string;
  prompt: string;
  kind: QuestionKind;
  metric?: SurveyMetric;
  session?: { id: string; title: string };
  /** How many answered it; shown even when the figures are hidden, to explain why. */
  answered: number;
}

export type QuestionSummary = QuestionHead & ({ hidden: true; note: string } | { hidden: false; stats: QuestionStats; byGroup: GroupStats[] });

export interface SessionScore {
  id: string;
  title: string;
  average: number;
  count: number;
}

type QuizSummary = { hidden: true; note: string } | { hidden: false; graded: number; passed: number; passRate: number; averageScore: number };

export interface SurveySummary {
  surveyId: string;
  kind: Survey['kind'];
  title: string;
  anonymous: boolean;
  invited: number;
  responses: number;
  /** responses ÷ invited, 0–1; null when nobody was invited. */
  responseRate: number | null;
  groups: SuppressedGroup<{ group: string; count: number }>[];
  questions: QuestionSummary[];
  /** Best first; ties by title. */
  topSessions: SessionScore[];
  /** Worst first; ties by title; never repeats a top session. */
  bottomSessions: SessionScore[];
  quiz: QuizSummary | null;
}

const SESSIONS_LISTED = 3;
const collator = new Intl.Collator('en');

// ── per-question figures ─────────────────────────────────────────────────────────────────────

function choices(q: Question): { value: string; label: string }[] {
  switch (q.kind) {
    case 'rating':
      return q.labels.map((label, i) => ({ value: String(RATING_MIN + i), label }));
    case 'single':
    case 'multi':
      return q.options.map((o) => ({ value: o.id, label: o.label }));
    case 'yes-somewhat-no':
      return YES_SOMEWHAT_NO.map((v) => ({ value: v, label: YES_SOMEWHAT_NO_LABELS[v] }));
    case 'text':
      return [];
  }
}

function countChoices(q: Question, values: AnswerValue[]): OptionCount[] {
  const counts = choices(q).map((c) => ({ ...c, count: 0 }));
  for (const v of values) {
    for (const one of Array.isArray(v) ? v : [v]) {
      const slot = counts.find((c) => c.value === String(one));
      if (slot) slot.count += 1;
    }
  }
  return counts;
}

function statsOf(q: Question, values: AnswerValue[], texts: TextAnswer[]): QuestionStats {
  switch (q.kind) {
    case 'rating': {
      const sum = values.reduce<number>((s, v) => s + Number(v), 0);
      return { kind: 'rating', average: sum / values.length, distribution: countChoices(q, values) };
    }
    case 'single':
    case 'multi':
      return { kind: q.kind, distribution: countChoices(q, values) };
    case 'yes-somewhat-no': {
      const distribution = countChoices(q, values);
      const yes = distribution.find((c) => c.value === 'yes')?.count ?? 0;
      return { kind: 'yes-somewhat-no', yesShare: yes / values.length, distribution };
    }
    case 'text':
      // Sorted, not in arrival order: the same position in two lists must not pair one person's answers.
      return { kind: 'text', answers: [...texts].sort((a, b) => collator.compare(a.text, b.text)) };
  }
}

/** A stored answer that still fits the question as it is now; answers to removed options drop out. */
function currentValue(q: Question, answers: Answers): AnswerValue | undefined {
  const read = parseAnswer(q, answers[q.id]);
  return read !== null && 'value' in read ? read.value : undefined;
}

function summarizeQuestion(q: Question, survey: Survey, responses: readonly SurveyResponse[]): QuestionSummary {
  const answered: { response: SurveyResponse; value: AnswerValue }[] = [];
  for (const response of responses) {
    const value = currentValue(q, response.answers);
    if (value !== undefined) answered.push({ response, value });
  }
  const head: QuestionHead = {
    id: q.id,
    prompt: q.prompt,
    kind: q.kind,
    answered: answered.length,
    ...(q.metric ? { metric: q.metric } : {}),
    ...(q.kind === 'rating' && q.session ? { session: q.session } : {}),
  };
  if (answered.length < MIN_GROUP_SIZE) return { ...head, hidden: true, note: HIDDEN_SMALL };

  const texts = (items: typeof answered): TextAnswer[] =>
    items.map(({ response, value }) => (survey.anonymous ? { text: String(value) } : { text: String(value), respondent: response.respondent }));
  const stats = statsOf(
    q,
    answered.map((a) => a.value),
    texts(answered),
  );

  // Free text is never split by group: a comment tied to a small team points at its writer.
  let byGroup: GroupStats[] = [];
  if (q.kind !== 'text') {
    const grouped = new Map<string, AnswerValue[]>();
    for (const { response, value } of answered) {
      if (!response.group) continue;
      const list = grouped.get(response.group) ?? [];
      list.push(value);
      grouped.set(response.group, list);
    }
    byGroup = suppressSmallGroups(
      [...grouped].map(([group, values]) => ({ group, count: values.length, stats: statsOf(q, values, []) })),
      answered.length,
    );
  }
  return { ...head, hidden: false, stats, byGroup };
}

// ── sessions ─────────────────────────────────────────────────────────────────────────────────

/**
 * Top 3 and bottom 3; with fewer than 6 sessions the better half (rounded up) is the top. A
 * session rated as well as the lowest of the top is not one to improve, so it is in neither list
 * rather than in the bottom beside its equal in the top.
 */
function rankSessions(questions: readonly QuestionSummary[]): { top: SessionScore[]; bottom: SessionScore[] } {
  const scores: SessionScore[] = [];
  for (const q of questions) {
    if (q.metric !== 'session-rating' || !q.session || q.hidden || q.stats.kind !== 'rating') continue;
    scores.push({ id: q.session.id, title: q.session.title, average: q.stats.average, count: q.answered });
  }
  const byTitle = (a: SessionScore, b: SessionScore): number => collator.compare(a.title, b.title);
  const best = [...scores].sort((a, b) => b.average - a.average || byTitle(a, b));
  const top = best.slice(0, Math.min(SESSIONS_LISTED, Math.ceil(best.length / 2)));
  const floor = top.at(-1)?.average ?? Number.POSITIVE_INFINITY;
  const bottom = best
    .slice(top.length)
    .filter((s) => s.average < floor)
    .sort((a, b) => a.average - b.average || byTitle(a, b))
    .slice(0, SESSIONS_LISTED);
  return { top, bottom };
}

// ── the summary ──────────────────────────────────────────────────────────────────────────────

/** Later responses from the same respondent replace earlier ones, as a second submission does. */
function latestPerRespondent(responses: readonly SurveyResponse[]): SurveyResponse[] {
  const latest = new Map<string, SurveyResponse>();
  for (const r of responses) {
    latest.delete(r.respondent);
    latest.set(r.respondent, r);
  }
  return [...latest.values()];
}

function summarizeQuiz(survey: Survey, responses: readonly SurveyResponse[]): QuizSummary | null {
  if (survey.kind !== 'quiz') return null;
  if (responses.length < MIN_GROUP_SIZE) return { hidden: true, note: HIDDEN_SMALL };
  const grades = responses.map((r) => gradeQuiz(survey, r.answers));
  const passed = grades.filter((g) => g.passed).length;
  return {
    hidden: false,
    graded: grades.length,
    passed,
    passRate: passed / grades.length,
    averageScore: grades.reduce((s, g) => s + g.score, 0) / grades.length,
  };
}

export function summarizeSurvey(survey: Survey, responses: readonly SurveyResponse[], invited: number): SurveySummary {
  const unique = latestPerRespondent(responses);
  if (!Number.isInteger(invited) || invited < unique.length) {
    throw new Error(`${unique.length} people answered "${survey.title}" but only ${invited} were counted as invited; count everyone the survey was sent to.`);
  }
  const groupCounts = new Map<string, number>();
  for (const r of unique) if (r.group) groupCounts.set(r.group, (groupCounts.get(r.group) ?? 0) + 1);
  const questions = survey.questions.map((q) => summarizeQuestion(q, survey, unique));
  const sessions = rankSessions(questions);
  return {
    surveyId: survey.id,
    kind: survey.kind,
    title: survey.title,
    anonymous: survey.anonymous,
    invited,
    responses: unique.length,
    responseRate: invited === 0 ? null : unique.length / invited,
    groups: suppressSmallGroups(
      [...groupCounts].map(([group, count]) => ({ group, count })),
      unique.length,
    ),
    questions,
    topSessions: sessions.top,
    bottomSessions: sessions.bottom,
    quiz: summarizeQuiz(survey, unique),
  };
}

// ── seed metrics ─────────────────────────────────────────────────────────────────────────────

type SeedMetricKey = Exclude<SurveyMetric, 'session-rating'> | 'quiz-pass-rate';

export interface SeedMetric {
  metric: SeedMetricKey;
  label: string;
  /** A share 0–1 ('share'), a relative change against the baseline ('change'), or a 1–5 score. */
  value: number | null;
  unit: 'share' | 'change' | 'score';
  target: { op: '>' | '>='; value: number; text: string };
  status: 'met' | 'missed' | 'not measured';
  reason?: string;
}

type Target = SeedMetric['target'];

const SURVEY_NAMES: Record<Survey['kind'], string> = {
  pre: 'pre-event survey',
  post: 'post-event survey',
  quiz: 'certification quiz',
};

type Measured = { value: number } | { reason: string };

function metricQuestion(summary: SurveySummary | null | undefined, kind: Survey['kind'], metric: SurveyMetric): QuestionSummary | { reason: string } {
  if (!summary) return { reason: `The ${SURVEY_NAMES[kind]} has no answers yet.` };
  const q = summary.questions.find((x) => x.metric === metric);
  if (!q) return { reason: `The ${SURVEY_NAMES[kind]} has no ${metric} question.` };
  if (q.hidden) return { reason: `The ${SURVEY_NAMES[kind]}'s ${metric} question has fewer than ${MIN_GROUP_SIZE} answers, so it stays hidden.` };
  return q;
}

function average(summary: SurveySummary | null | undefined, kind: Survey['kind'], metric: SurveyMetric): Measured {
  const q = metricQuestion(summary, kind, metric);
  if ('reason' in q) return q;
  return !q.hidden && q.stats.kind === 'rating' ? { value: q.stats.average } : { reason: `The ${metric} question is not a rating.` };
}

function yesShare(summary: SurveySummary | null | undefined, metric: SurveyMetric): Measured {
  const q = metricQuestion(summary, 'post', metric);
  if ('reason' in q) return q;
  return !q.hidden && q.stats.kind === 'yes-somewhat-no' ? { value: q.stats.yesShare } : { reason: `The ${metric} question is not yes / somewhat / no.` };
}

function change(pre: SurveySummary | null | undefined, post: SurveySummary | null | undefined, metric: SurveyMetric): Measured {
  const after = average(post, 'post', metric);
  if ('reason' in after) return after;
  const before = average(pre, 'pre', metric);
  if ('reason' in before) return { reason: `No pre-event baseline: ${before.reason.charAt(0).toLowerCase()}${before.reason.slice(1)}` };
  return { value: (after.value - before.value) / before.value };
}

function passRate(quiz: SurveySummary | null | undefined): Measured {
  if (!quiz) return { reason: 'The event has no certification quiz, or nobody has taken it yet.' };
  if (!quiz.quiz || quiz.quiz.hidden) return { reason: `Fewer than ${MIN_GROUP_SIZE} people have taken the quiz, so the pass rate stays hidden.` };
  return { value: quiz.quiz.passRate };
}

function judge(metric: SeedMetricKey, label: string, unit: SeedMetric['unit'], target: Target, measured: Measured): SeedMetric {
  if ('reason' in measured) return { metric, label, value: null, unit, target, status: 'not measured', reason: measured.reason };
  const met = target.op === '>' ? measured.value > target.value : measured.value >= target.value;
  return { metric, label, value: measured.value, unit, target, status: met ? 'met' : 'missed' };
}

/**
 * The survey-measured seed metrics. Clarity and territory/quota count only "yes": the seed asks
 * for reps who are clear, and "somewhat" is not clear. Confidence and motivation compare the
 * post-event average with the pre-event one as a relative change. Strict targets (">") follow the
 * seed's "> 90%", "> 95%", "> 4.2", "> 75%"; "4.0+" and "+20%" are met when reached.
 */
export function seedMetrics(pre: SurveySummary | null | undefined, post: SurveySummary | null | undefined, quiz?: SurveySummary | null): SeedMetric[] {
  return [
    judge('clarity', 'Clarity on the FY plan', 'share', { op: '>', value: 0.9, text: '> 90%' }, yesShare(post, 'clarity')),
    judge('territory-quota', 'Territory and quota understanding', 'share', { op: '>', value: 0.95, text: '> 95%' }, yesShare(post, 'territory-quota')),
    judge('confidence', 'Confidence against the pre-event baseline', 'change', { op: '>=', value: 0.2, text: '+20%' }, change(pre, post, 'confidence')),
    judge('motivation', 'Motivation against the pre-event baseline', 'change', { op: '>=', value: 0.2, text: '+20%' }, change(pre, post, 'motivation')),
    judge('logistics', 'Logistics rating', 'score', { op: '>=', value: 4, text: '≥ 4.0 of 5' }, average(post, 'post', 'logistics')),
    judge('satisfaction', 'Satisfaction', 'score', { op: '>', value: 4.2, text: '> 4.2 of 5' }, average(post, 'post', 'satisfaction')),
    judge('quiz-pass-rate', 'Certification pass rate', 'share', { op: '>', value: 0.75, text: '> 75%' }, passRate(quiz)),
  ];
}

// ── export ───────────────────────────────────────────────────────────────────────────────────

function cell(q: Question, value: AnswerValue | undefined): CsvValue {
  if (value === undefined) return '';
  if (q.kind === 'single' || q.kind === 'multi') {
    const labels = (Array.isArray(value) ? value : [value]).map((id) => q.options.find((o) => o.id === id)?.label ?? id);
    return labels.join('; ');
  }
  return Array.isArray(value) ? value.join('; ') : value;
}

/**
 * One row per respondent, one column per question id (values as the person saw them: ratings as
 * numbers, options by label, several joined with "; "), plus score and passed for a quiz.
 * Anonymous (the survey's setting, or asked for): the respondent column must already hold the
 * keyed hash, a group the reports would hide is left blank, and rows are sorted by hash so their
 * order says nothing about who answered when.
 */
export function surveyAnswersCsv(survey: Survey, responses: readonly SurveyResponse[], options: { anonymous: boolean }): string {
  const anonymous = survey.anonymous || options.anonymous;
  let rows = latestPerRespondent(responses);
  if (anonymous) {
    const named = rows.find((r) => !RESPONDENT_KEY_RE.test(r.respondent));
    if (named) {
      throw new Error('An anonymous export holds only keyed hashes in the respondent column; a response carries another identifier, so nothing was exported.');
    }
    rows = [...rows].sort((a, b) => (a.respondent < b.respondent ? -1 : a.respondent > b.respondent ? 1 : 0));
  }
  const sizes = new Map<string, number>();
  for (const r of rows) if (r.group) sizes.set(r.group, (sizes.get(r.group) ?? 0) + 1);
  // The same rule as the reports: the blank-group rows must not be one small group in disguise.
  const shown = new Set(
    suppressSmallGroups(
      [...sizes].map(([group, count]) => ({ group, count })),
      rows.length,
    )
      .filter((g) => !g.hidden)
      .map((g) => g.group),
  );
  const groupOf = (r: SurveyResponse): string => (!r.group || (anonymous && !shown.has(r.group)) ? '' : r.group);

  const isQuiz = survey.kind === 'quiz';
  const header: CsvValue[] = ['respondent', 'group', ...survey.questions.map((q) => q.id), ...(isQuiz ? ['score', 'passed'] : [])];
  const body = rows.map((r): CsvValue[] => {
    const grade = isQuiz ? gradeQuiz(survey, r.answers) : null;
    return [
      r.respondent,
      groupOf(r),
      ...survey.questions.map((q) => cell(q, currentValue(q, r.answers))),
      ...(grade ? [Math.round(grade.score * 10) / 10, grade.passed ? 'yes' : 'no'] : []),
    ];
  });
  return toCsv([header, ...body]);
}
