import type { ChartSpec } from '../../src/domain/insights/charts.js';
import type { DigestNotice, DigestReport, Measured } from '../../src/domain/insights/digest.js';
import type { MessageAttachment } from '../../src/services/delivery/enqueue.js';
import { budgetChart, signedPct } from '../budget/message.js';
import { unapprovedContentSection } from '../content/messages.js';
import { context, divider, escapeMrkdwn, header, mention, type SlackMessage, section } from '../kit/blocks.js';
import { countdownText, formatDate, formatMoney, plural } from '../kit/format.js';
import { previousLessonsSection } from '../plan/setup-summary.js';
import { metricLine } from './scorecard-message.js';

const notYet = (m: { needs: string }) => `_Not measured yet._ ${escapeMrkdwn(m.needs)}`;

function show<T>(m: Measured<T>, render: (value: T) => string): string {
  return 'needs' in m ? notYet(m) : render(m.value);
}

/**
 * The Monday digest for one reader: everything the SKO lead would otherwise chase in a status meeting.
 * `asked` is the copy shown on request, which carries no charts: it says where they are instead.
 */
export function buildDigestMessage(r: DigestReport, asked = false): SlackMessage {
  const plan = r.plan;
  const streams = plan.byWorkstream
    .map((w) => `• ${escapeMrkdwn(w.workstream)}: ${w.done} of ${w.total} done${w.overdue ? ` · :red_circle: ${w.overdue} overdue` : ''}`)
    .join('\n');
  const mine = plan.mine.open
    ? `\nYours: ${plural(plan.mine.open, 'open task')}${plan.mine.overdue ? `, ${plan.mine.overdue} overdue` : ''} (\`/sko tasks\`).`
    : '';
  const actions = show(r.actionItems, (a) => {
    const owners = a.owners
      .map(
        (o) =>
          `• ${o.slackUserId ? mention(o.slackUserId) : escapeMrkdwn(o.name ?? 'someone')}: ${o.overdue} overdue${o.oldestOverdueDays ? `, oldest ${plural(o.oldestOverdueDays, 'day')} late` : ''}`,
      )
      .join('\n');
    return `${a.open} open · ${a.done} done · ${a.overdue} overdue (${a.scopeLabel})${owners ? `\nMost overdue:\n${owners}` : ''}`;
  });
  const comms = show(
    r.communications,
    (c) =>
      `Sent: ${c.sent.map((s) => `${escapeMrkdwn(s.label)} (${formatDate(s.on, { year: false })})`).join(', ') || 'nothing yet'}\nNext: ${c.next.map((s) => `${escapeMrkdwn(s.label)} (${formatDate(s.on, { year: false })})`).join(', ') || 'nothing planned'}`,
  );
  const surveys = show(
    r.surveys,
    (list) =>
      list.map((s) => `• ${escapeMrkdwn(s.name)}: ${s.answered} of ${s.sent} answered (${s.sent ? Math.round((s.answered * 100) / s.sent) : 0}%)`).join('\n') ||
      'No survey has gone out yet.',
  );
  const rsvps = show(
    r.rsvps,
    (v) =>
      `${v.attending} attending of ${v.headcount} expected (${Math.round((v.attending * 100) / v.headcount)}%) · ${v.maybe} maybe · ${v.notAttending} not attending`,
  );
  const b = r.budget;
  const budget = `${formatMoney(b.actualCents)} spent + ${formatMoney(b.committedCents)} committed of ${formatMoney(b.plannedCents)} · projected ${formatMoney(b.projectedCents)} (${signedPct(b.projectedVariancePct)}, ${b.adherence === 'within' ? 'within ±5%' : `${b.adherence} budget`})`;
  const highlights = r.highlights.length
    ? r.highlights.map(metricLine).join('\n')
    : 'Nothing measured yet; `/sko metrics` shows what would measure each metric.';
  const delivery = r.delivery
    ? [
        section(
          `*Delivery failures*\n${plural(r.delivery.failedCount, 'message')} could not be delivered${r.delivery.retrying ? `, ${r.delivery.retrying} being retried` : ''}:\n${r.delivery.failed.map((f) => `• ${escapeMrkdwn(f.label)}: ${escapeMrkdwn(f.lastError)}`).join('\n')}`,
        ),
      ]
    : [];
  return {
    text: `Weekly digest, ${r.eventName}, ${whereText(r)}: ${plan.done} of ${plan.total} tasks done, ${plan.overdue} overdue.`,
    blocks: [
      header(`${capitalise(whereText(r))} · ${r.eventName}`),
      section(
        `*Phase ${r.phase.number} · ${escapeMrkdwn(r.phase.name)}* · ${formatDate(r.window.start, { year: false })} – ${formatDate(r.window.end, { year: false })} · ${countdownText(r.daysToDay1)}`,
      ),
      section(`*Plan progress:* ${plan.done} of ${plan.total} tasks done · ${plan.overdue} overdue\n${streams}${mine}`),
      section(`*Action items*\n${actions}`),
      section(`*Communications*\n${comms}`),
      section(`*Survey response rates*\n${surveys}`),
      section(`*RSVPs*\n${rsvps}`),
      section(`*Budget*\n${budget}`),
      section(`*Scorecard highlights*\n${highlights}`),
      ...(r.lessons ? [previousLessonsSection(r.lessons)] : []),
      ...(r.unapprovedContent ? [unapprovedContentSection(r.unapprovedContent)] : []),
      ...delivery,
      divider(),
      context(
        asked
          ? "The charts (the plan burn-down and budget by category) come with Monday's digest in your DM. `/sko metrics` shows the whole scorecard."
          : 'Charts: the plan burn-down and budget by category, below. `/sko digest` shows this digest now; `/sko metrics` the whole scorecard.',
      ),
    ],
  };
}

/** Open tasks week by week against the plan's own line. */
function burnDownChart(r: Pick<DigestReport, 'burn'>): ChartSpec {
  return {
    type: 'line',
    title: 'Plan burn-down: open tasks at the end of each week',
    labels: r.burn.map((p) => `W${p.week}`),
    series: [
      { label: 'Open tasks', data: r.burn.map((p) => p.open) },
      { label: 'Plan', data: r.burn.map((p) => p.planned) },
    ],
    yLabel: 'open tasks',
  };
}

/** The digest's pictures: the plan burn-down, and the budget against actual by category. */
function digestAttachments(r: DigestReport): MessageAttachment[] {
  return [
    { filename: `digest-week-${r.week}-burn-down.png`, title: `Week ${r.week}: plan burn-down`, chart: burnDownChart(r) },
    { filename: `digest-week-${r.week}-budget.png`, title: `Week ${r.week}: budget against actual by category`, chart: budgetChart(r.budget) },
  ];
}

export function renderDigest(notice: DigestNotice): SlackMessage & { attachments: MessageAttachment[] } {
  return { ...buildDigestMessage(notice.report), attachments: digestAttachments(notice.report) };
}

/** Where the plan stands, as `/sko status` says it: "week 3 of 12", "before week 1", "after week 12". */
function whereText(r: DigestReport): string {
  if (r.when === 'before') return 'before week 1';
  if (r.when === 'after') return `after week ${r.weeks}`;
  return `week ${r.week} of ${r.weeks}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
