/**
 * App Home for someone in several running SKOs (issue 12): each in a compact section of its own,
 * with where it stands and the reader's own work in it; its buttons carry its id, so they act on
 * that SKO alone. Archived SKOs are one line: they are read with `/sko status <handle>`.
 */
import type { StatusReport } from '../../src/domain/plan/status.js';
import type { HomeData } from '../../src/services/insights/home.js';
import { actions, type Blocks, button, context, divider, escapeMrkdwn, section } from '../kit/blocks.js';
import { formatDate, plural, taskMark } from '../kit/format.js';
import { ACTION_ITEMS, HOME } from '../kit/ids.js';
import { skoRef } from '../kit/sko-ref.js';
import { statusHeadline } from '../plan/status-message.js';

/** Four blocks each: with everything else the tab holds, ten stay well inside the 100 a Home view may have. */
export const SKO_SECTIONS_SHOWN = 10;
const TASKS_SHOWN = 3;
const PAST_SHOWN = 5;

export interface SkoSection {
  eventId: number;
  handle: string;
  report: StatusReport;
  home: HomeData;
  openActionItems: number;
  maySetUp: boolean;
}

export interface SkoName {
  name: string;
  handle: string;
}

const named = (s: SkoName) => `*${escapeMrkdwn(s.name)}* (\`/sko status ${s.handle}\`)`;

/** The running SKOs, soonest first as given; those past the first ten, and the archived ones, by name. */
export function severalSkosBlocks(sections: readonly SkoSection[], notShown: readonly SkoName[]): Blocks {
  return [
    section(`*Your SKOs* · ${sections.length + notShown.length} running`),
    ...sections.flatMap(skoSection),
    ...(notShown.length ? [divider(), context(`Your other running SKOs: ${notShown.map(named).join(', ')}`)] : []),
  ];
}

export function pastSkosBlocks(past: readonly SkoName[]): Blocks {
  if (past.length === 0) return [];
  const more = past.length > PAST_SHOWN ? ` and ${past.length - PAST_SHOWN} more` : '';
  return [context(`Past SKOs: ${past.slice(0, PAST_SHOWN).map(named).join(', ')}${more}`)];
}

function skoSection(s: SkoSection): Blocks {
  const { home, report } = s;
  const tasks = home.myTasks
    .slice(0, TASKS_SHOWN)
    .map((t) => `${taskMark(t, home.today)} ${escapeMrkdwn(t.title)} · due ${formatDate(t.dueDate, { year: false })}`);
  const more = home.myTasks.length > TASKS_SHOWN ? `\n…and ${home.myTasks.length - TASKS_SHOWN} more: \`/sko tasks ${s.handle}\`` : '';
  const lines = [
    home.myTasks.length ? `*My tasks* (${home.myTasks.length} open)\n${tasks.join('\n')}${more}` : '*My tasks:* nothing open.',
    `*My action items:* ${s.openActionItems ? `${plural(s.openActionItems, 'open item')}, \`/sko actions ${s.handle}\` lists them` : 'none open'}`,
    ...rsvpLine(home),
    ...surveysLine(home),
    ...overdueLine(home),
  ];
  const buttons = [
    button('New action item', ACTION_ITEMS.create, { value: skoRef(s.eventId) }),
    ...(s.maySetUp ? [button('Edit the SKO setup', HOME.openSetup, { value: skoRef(s.eventId) })] : []),
  ];
  return [
    divider(),
    section(`*${escapeMrkdwn(report.event.name)}* · \`/sko status ${s.handle}\`\n${statusHeadline(report)}`),
    section(lines.join('\n')),
    actions(...buttons),
  ];
}

function rsvpLine(home: HomeData): string[] {
  if ('needs' in home.myRsvp) return [];
  return [home.myRsvp.value ? `*My RSVP:* ${home.myRsvp.value}` : '*My RSVP:* not answered yet; the save-the-date DM has the buttons.'];
}

function surveysLine(home: HomeData): string[] {
  if ('needs' in home.myPendingSurveys || home.myPendingSurveys.value.length === 0) return [];
  return [`*Surveys waiting for you:* ${home.myPendingSurveys.value.map((v) => escapeMrkdwn(v.title)).join(', ')}`];
}

function overdueLine(home: HomeData): string[] {
  if (!home.overdueWork) return [];
  const total = home.overdueWork.reduce((sum, o) => sum + o.tasks, 0);
  return [`*Overdue work:* ${total ? plural(total, 'task') : 'nothing'}`];
}
