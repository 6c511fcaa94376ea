import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { HomeView } from '@slack/types';
import type { Deps } from '../../src/deps.js';
import type { ActionItemView } from '../../src/domain/action-items/notices.js';
import { localDate } from '../../src/domain/dates.js';
import { scorecardHighlights } from '../../src/domain/insights/scorecard.js';
import type { StatusReport } from '../../src/domain/plan/status.js';
import { listActionItems } from '../../src/services/action-items/items.js';
import type { DeliveryProblems } from '../../src/services/delivery/delivery-problems.js';
import { type Pause, pauseOf } from '../../src/services/delivery/pauses.js';
import { digestSources } from '../../src/services/insights/digest-sources.js';
import { type HomeData, homeFor } from '../../src/services/insights/home.js';
import { isAdmin, listAdmins } from '../../src/services/people/admins.js';
import { type RoleChange, recentRoleChanges } from '../../src/services/people/role-changes.js';
import type { EventRow } from '../../src/services/plan/event-store.js';
import { setupDecision, setupTarget } from '../../src/services/plan/setup.js';
import { deliveryProblemsFor, pausesFor, statusNow } from '../../src/services/plan/status.js';
import { skosOfPerson } from '../../src/services/plan/which-sko.js';
import { dataStatus } from '../../src/services/sales/data-status.js';
import { fiscalCalendar, territorySettings } from '../../src/services/sales/settings.js';
import { crmSyncsFor } from '../../src/services/sales/sync/sync.js';
import { itemBlocks } from '../action-items/messages.js';
import { metricLine } from '../insights/scorecard-message.js';
import { actions, type Blocks, button, context, divider, escapeMrkdwn, mention, section } from '../kit/blocks.js';
import { formatDate, MONTH_NAMES, plural, taskMark } from '../kit/format.js';
import { ACTION_ITEMS, HOME } from '../kit/ids.js';
import { unlessRefused } from '../kit/refuse.js';
import { skoIdFrom, skoRef } from '../kit/sko-ref.js';
import { tellClicker } from '../kit/tell.js';
import { openSetup } from '../plan/setup-choice.js';
import { buildNoEventMessage, buildStatusMessage } from '../plan/status-message.js';
import { type CrmSyncView, crmSyncBlocks } from '../sales/crm-sync-home.js';
import { type AdminHomeView, adminHomeBlocks } from './admin-data.js';
import { pauseBlocks } from './pause.js';
import { roleChangeBlocks } from './role-changes.js';
import { pastSkosBlocks, SKO_SECTIONS_SHOWN, type SkoName, type SkoSection, severalSkosBlocks } from './skos.js';

/** A person's open action items on the Home tab; the rest is a command away. */
const HOME_ITEMS_SHOWN = 10;
/** Enough to notice a grant nobody meant; the rest are in the role_changes table. */
const ROLE_CHANGES_SHOWN = 5;
const HOME_TASKS_SHOWN = 8;

export interface HomeActionItems {
  eventId: number;
  items: ActionItemView[];
  total: number;
  today: string;
  timeZone: string;
  viewerSlackId: string;
}

const notYet = (m: { needs: string }) => `_Not measured yet._ ${m.needs}`;

function myTasksBlocks(home: HomeData): Blocks {
  const tasks = home.myTasks
    .slice(0, HOME_TASKS_SHOWN)
    .map((t) => `${taskMark(t, home.today)} ${escapeMrkdwn(t.title)} · due ${formatDate(t.dueDate, { year: false })}`);
  const more = home.myTasks.length > HOME_TASKS_SHOWN ? `\n…and ${home.myTasks.length - HOME_TASKS_SHOWN} more: \`/sko tasks\`` : '';
  return [divider(), section(`*My tasks* (${home.myTasks.length} open)\n${tasks.join('\n') || 'Nothing open: nice.'}${more}`)];
}

/** The person's surveys and RSVP, and for leaders the scorecard, for the SKO lead the overdue work. */
function aboutMeBlocks(home: HomeData): Blocks {
  // Before any survey is out, none waits for this person: that is the whole answer, not a metric "not measured yet".
  const surveys =
    'needs' in home.myPendingSurveys
      ? 'No surveys waiting for you.'
      : home.myPendingSurveys.value.length
        ? home.myPendingSurveys.value
            .map((s) => `• ${escapeMrkdwn(s.title)} · closes ${formatDate(s.closes, { year: false })}: the survey's DM has the button`)
            .join('\n')
        : 'No surveys waiting for you.';
  const rsvp =
    'needs' in home.myRsvp
      ? notYet(home.myRsvp)
      : home.myRsvp.value
        ? `You answered *${home.myRsvp.value}*; the save-the-date's buttons change it.`
        : 'You have not answered the save-the-date yet: its DM has the buttons.';
  const blocks: Blocks = [divider(), section(`*My pending surveys*\n${surveys}`), section(`*My RSVP*\n${rsvp}`)];
  if (home.scorecard) {
    const count = (s: string) => home.scorecard?.filter((r) => r.status === s).length ?? 0;
    const top = scorecardHighlights(home.scorecard, 3).map(metricLine).join('\n');
    blocks.push(
      section(
        `*Scorecard:* ${count('met')} met · ${count('at risk')} at risk · ${count('missed')} missed · ${count('not measured')} not measured${top ? `\n${top}` : ''}\n\`/sko metrics\` shows every metric.`,
      ),
    );
  }
  if (home.overdueWork) {
    const lines = home.overdueWork.map((o) => `• ${o.owner?.slackUserId ? mention(o.owner.slackUserId) : '_no owner_'}: ${plural(o.tasks, 'overdue task')}`);
    blocks.push(section(`*Overdue work*\n${lines.join('\n') || 'Nothing overdue.'}`));
  }
  return blocks;
}

/** The App Home tab: the SKO's status for everyone, the reader's own work, and the setup button for those who may use it. */
export function buildHome(
  report: StatusReport | null,
  options: {
    maySetUp: boolean;
    deliveryProblems?: DeliveryProblems | null;
    pauses?: readonly Pause[] | null;
    actionItems?: HomeActionItems | null;
    home?: HomeData | null;
    crmSyncs?: CrmSyncView | null;
    roleChanges?: { changes: RoleChange[]; timeZone: string } | null;
    admin?: AdminHomeView | null;
    /** Whether the reader's reminders are paused, and what to fix about a day they chose; shown while there is an SKO. */
    pause?: { pause: Pause | null; note: string | null } | null;
    /** The SKO shown, which the setup button edits. */
    eventId?: number;
    /** A reader in several running SKOs sees a section for each instead of one SKO in full. */
    several?: { sections: readonly SkoSection[]; notShown: readonly SkoName[] } | null;
    /** The archived SKOs the reader attended or led. */
    pastSkos?: readonly SkoName[];
  },
): HomeView {
  const { several } = options;
  const body = several
    ? severalSkosBlocks(several.sections, several.notShown)
    : report
      ? buildStatusMessage(report, { deliveryProblems: options.deliveryProblems ?? null, pauses: options.pauses ?? null }).blocks
      : options.pastSkos?.length
        ? [section(NONE_RUNNING_TEXT)]
        : buildNoEventMessage().blocks;
  return {
    type: 'home',
    blocks: [
      ...body,
      ...(options.home && !several ? myTasksBlocks(options.home) : []),
      ...(options.actionItems && !several ? homeActionItems(options.actionItems) : []),
      ...(options.home && !several ? aboutMeBlocks(options.home) : []),
      ...pastSkosBlocks(options.pastSkos ?? []),
      ...(options.pause ? pauseBlocks(options.pause.pause, options.pause.note) : []),
      ...(options.crmSyncs ? crmSyncBlocks(options.crmSyncs) : []),
      ...(options.admin ? adminHomeBlocks(options.admin) : []),
      ...(options.roleChanges ? roleChangeBlocks(options.roleChanges.changes, options.roleChanges.timeZone) : []),
      ...(options.maySetUp && !several
        ? [
            actions(
              button(
                report ? 'Edit the SKO setup' : 'Set up the SKO',
                HOME.openSetup,
                report && options.eventId !== undefined ? { value: skoRef(options.eventId) } : { style: 'primary' },
              ),
            ),
          ]
        : []),
      context('Use `/sko help` in any channel for every command.'),
    ],
  };
}

function homeActionItems(mine: HomeActionItems): Blocks {
  const shown = mine.items.slice(0, HOME_ITEMS_SHOWN);
  const heading = shown.length ? `*My action items* · ${plural(mine.total, 'open item')}` : '*My action items* · none open';
  return [
    divider(),
    section(heading),
    ...shown.flatMap((item) => itemBlocks(item, { today: mine.today, timeZone: mine.timeZone, viewerSlackId: mine.viewerSlackId, mayChange: true })),
    ...(mine.total > shown.length ? [context(`…and ${mine.total - shown.length} more: \`/sko actions\` lists them all.`)] : []),
    { ...actions(button('New action item', ACTION_ITEMS.create, { value: skoRef(mine.eventId) })), block_id: ACTION_ITEMS.listActions },
  ];
}

/** Every SKO of theirs is archived: not "No SKO yet", which would read as if their SKOs were lost. */
const NONE_RUNNING_TEXT =
  'No SKO is running now. `/sko status` with a handle below shows how one ended, and `/sko history` compares them; the next one starts with `/sko setup`.';

/** Draws the Home tab for one person as things stand now; `pauseNote` says what was wrong with the day they chose to pause until. */
export async function publishHome(deps: Deps, userId: string, pauseNote?: string): Promise<void> {
  const now = deps.clock.now();
  const { running, archived } = skosOfPerson(deps.db, userId);
  // With several, each has a compact section, the soonest first; with one, it is shown in full.
  const soonest = [...running].sort((a, b) => a.day1.localeCompare(b.day1) || b.id - a.id);
  const shown = soonest[0];
  const several = soonest.length > 1 ? severalSkos(deps, userId, soonest, now) : null;
  const mine = shown && !several ? listActionItems(deps.db, shown, userId, { kind: 'mine' }, now, HOME_ITEMS_SHOWN) : null;
  const actionItems = mine
    ? { eventId: mine.event.id, items: mine.items, total: mine.total, today: mine.today, timeZone: mine.event.timeZone, viewerSlackId: userId }
    : null;
  const report = shown ? statusNow(deps.db, shown, now) : null;
  const syncs = crmSyncsFor(deps.db, userId);
  const admin = isAdmin(deps.db, userId);
  const single = shown && !several ? shown : undefined;
  const view = buildHome(report, {
    maySetUp: setupDecision(deps.db, userId, shown).allowed,
    deliveryProblems: single ? deliveryProblemsFor(deps.db, single, userId) : null,
    pauses: single ? pausesFor(deps.db, single, userId, now) : null,
    actionItems,
    home: single ? homeFor(deps.db, single, userId, now, digestSources(deps.surveyKeySecret)) : null,
    ...(shown ? { eventId: shown.id } : {}),
    several,
    pastSkos: archived,
    crmSyncs: syncs ? { syncs, timeZone: report?.timeZone ?? 'UTC' } : null,
    roleChanges: admin ? { changes: recentRoleChanges(deps.db, ROLE_CHANGES_SHOWN), timeZone: report?.timeZone ?? 'UTC' } : null,
    admin: admin ? adminHomeView(deps, now, report?.timeZone ?? 'UTC', shown?.id ?? null) : null,
    pause: report ? { pause: pauseOf(deps.db, userId, now), note: pauseNote ?? null } : null,
  });
  await deps.slack.views.publish({ user_id: userId, view });
}

/** A section for each of the reader's running SKOs, up to SKO_SECTIONS_SHOWN; the rest by name. */
function severalSkos(deps: Deps, userId: string, running: readonly EventRow[], now: Date): { sections: SkoSection[]; notShown: EventRow[] } {
  const sources = digestSources(deps.surveyKeySecret);
  const sections = running.slice(0, SKO_SECTIONS_SHOWN).map((event) => ({
    eventId: event.id,
    handle: event.handle,
    report: statusNow(deps.db, event, now),
    home: homeFor(deps.db, event, userId, now, sources),
    openActionItems: listActionItems(deps.db, event, userId, { kind: 'mine' }, now, 1).total,
    maySetUp: setupDecision(deps.db, userId, event).allowed,
  }));
  return { sections, notShown: running.slice(SKO_SECTIONS_SHOWN) };
}

function adminHomeView(deps: Deps, now: Date, timeZone: string, eventId: number | null): AdminHomeView {
  const territory = territorySettings(deps.db);
  return {
    data: dataStatus(deps.db, localDate(now, timeZone), eventId),
    admins: listAdmins(deps.db),
    settings: { fiscalStartMonth: MONTH_NAMES[fiscalCalendar(deps.db).startMonth - 1] as string, territory: territory ?? null },
    timeZone,
  };
}

/** After a person's own items change elsewhere: a Home tab that cannot be redrawn is only stale, so it is logged, not raised. */
export async function refreshHome(deps: Deps, userId: string): Promise<void> {
  await publishHome(deps, userId).catch((error: unknown) => deps.logger.warn(`home: could not refresh ${userId}'s App Home:`, error));
}

export function handleAppHomeOpened(deps: Deps) {
  return async ({ event }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs): Promise<void> => {
    if (event.tab !== 'home') return;
    await publishHome(deps, event.user);
  };
}

export function handleOpenSetupFromHome(deps: Deps) {
  return async ({ ack, body, action, respond }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    // Checked as the setup command checks it: a Home drawn before the SKO was archived still carries its button.
    const target = await unlessRefused(
      () => ({ event: setupTarget(deps.db, body.user.id, action.value ? skoIdFrom(action.value) : null) }),
      (text) => tellClicker(deps, body, respond, text, 'a note on who may set up the SKO'),
    );
    if (target) await openSetup(deps, body.trigger_id, body.user.id, target.event);
  };
}
