import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { InputBlock, KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import type { Deps } from '../../src/deps.js';
import { parseSettingsForm, type SettingsField } from '../../src/domain/sales/settings-form.js';
import type { DeliveryRules } from '../../src/domain/send-times/rules-form.js';
import { type DeliveryRulesField, parseDeliveryRulesForm } from '../../src/domain/send-times/rules-form.js';
import { isUserFacing, NotAllowedError } from '../../src/errors.js';
import { deliveryRulesOf, saveDeliveryRules } from '../../src/services/delivery/delivery-rules.js';
import { settingsAccess } from '../../src/services/people/access.js';
import { type EventRow, eventById } from '../../src/services/plan/event-store.js';
import { whichSko } from '../../src/services/plan/which-sko.js';
import {
  fiscalCalendar,
  saveTerritorySettings,
  setFiscalYearStartMonth,
  type TerritorySettings,
  territorySettings,
} from '../../src/services/sales/settings.js';
import { context, header, input, plain, section } from '../kit/blocks.js';
import { formatAmount, MONTH_NAMES } from '../kit/format.js';
import { SETTINGS } from '../kit/ids.js';
import { sendInDm } from '../kit/private-reply.js';
import { tellClicker } from '../kit/tell.js';
import { deliveryRulesSection, describeDeliveryRules, readDeliveryRulesForm } from './delivery-rules-section.js';

const { blocks: B, deliveryBlocks: D, actionId: A } = SETTINGS;
/** Said when someone's rights changed between opening the modal and saving it. */
const NOT_ALLOWED_NOW = 'You can no longer change these settings: ask an admin or the SKO lead.';
const MONTHS = MONTH_NAMES;
const monthOption = (m: number): PlainTextOption => ({ text: plain(MONTHS[m - 1] as string), value: String(m) });

/** What the modal shows as set now: the workspace's settings to admins, the SKO's working hours and holidays to its lead and admins. */
interface CurrentSettings {
  workspace: { fiscalStartMonth: number; territory: TerritorySettings | undefined } | null;
  sko: DeliveryRules | null;
}

const text = (block: string, label: string, initial: string | undefined, placeholder: string, hint?: string): InputBlock =>
  input(
    block,
    label,
    { type: 'plain_text_input', action_id: A, placeholder: plain(placeholder), ...(initial ? { initial_value: initial } : {}) },
    { optional: true, ...(hint ? { hint } : {}) },
  );

/**
 * The admins' settings, one section per subject. A section is a heading and its input blocks,
 * so another subject (quiet hours, a holiday calendar) is one more entry in this list.
 */
function sections(current: CurrentSettings): KnownBlock[][] {
  return [...(current.workspace ? workspaceSections(current.workspace) : []), ...(current.sko ? [deliveryRulesSection(current.sko)] : [])];
}

function workspaceSections(current: NonNullable<CurrentSettings['workspace']>): KnownBlock[][] {
  const t = current.territory;
  return [
    [
      header('Fiscal year'),
      input(B.fiscalStartMonth, 'The fiscal year starts in', {
        type: 'static_select',
        action_id: A,
        options: MONTHS.map((_, i) => monthOption(i + 1)),
        initial_option: monthOption(current.fiscalStartMonth),
      }),
    ],
    [
      header('Territory and quota plan'),
      context('Next year’s quotas are planned from these. Leave a field empty to keep it as it is.'),
      text(B.planYear, 'For fiscal year', t ? String(t.fiscalYear) : undefined, '2027'),
      text(B.target, 'Company target', t && t.targetCents > 0 ? formatAmount(t.targetCents / 100) : undefined, '$50M'),
      text(
        B.overAssignment,
        'Over-assignment',
        t ? `${t.overAssignmentPct}%` : undefined,
        '10%',
        'How much more quota is handed out than the target, as a cushion.',
      ),
      text(B.ramp, 'New-hire ramp', t ? t.ramp.join('/') : undefined, '0/25/50/75/100', 'Share of full quota in each month from the hire month.'),
      text(
        B.historyWeight,
        'Weight of history',
        t ? `${t.historyWeightPct}%` : undefined,
        '50%',
        'How much last year’s results count against territory potential.',
      ),
    ],
  ];
}

/** `eventId`: the SKO whose working hours the modal shows, so the submission saves them on it. */
function buildSettingsModal(current: CurrentSettings, eventId: number | null): ModalView {
  return {
    type: 'modal',
    callback_id: SETTINGS.callbackId,
    private_metadata: eventId === null ? '' : String(eventId),
    title: plain('Settings'),
    submit: plain('Save'),
    close: plain('Cancel'),
    blocks: sections(current).flat(),
  };
}

function currentSettings(deps: Pick<Deps, 'db'>, access: ReturnType<typeof settingsAccess>): CurrentSettings {
  return {
    workspace: access.workspace ? { fiscalStartMonth: fiscalCalendar(deps.db).startMonth, territory: territorySettings(deps.db) } : null,
    sko: access.sko ? deliveryRulesOf(deps.db, access.sko.id) : null,
  };
}

/** The SKO a settings request is about: the channel's, else the person's own; none when that is not one SKO. */
function skoForSettings(deps: Pick<Deps, 'db'>, slackUserId: string, channelId?: string): EventRow | undefined {
  const sko = whichSko(deps.db, { slackUserId, channelId });
  return sko.kind === 'found' ? sko.event : undefined;
}

/** Opens the settings for an admin or the SKO lead, each seeing what they may change; anyone else is told who can. */
export async function openSettingsModal(
  deps: Deps,
  request: { slackUserId: string; channelId?: string },
  triggerId: string,
  refuse: (message: string) => Promise<void>,
): Promise<void> {
  const event = skoForSettings(deps, request.slackUserId, request.channelId);
  let access: ReturnType<typeof settingsAccess>;
  try {
    access = settingsAccess(deps.db, request.slackUserId, event);
  } catch (error) {
    if (!isUserFacing(error)) throw error;
    await refuse(error.message);
    return;
  }
  await deps.slack.views.open({ trigger_id: triggerId, view: buildSettingsModal(currentSettings(deps, access), access.sko?.id ?? null) });
}

export function handleOpenSettingsButton(deps: Deps) {
  return async ({ ack, body, respond }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    await openSettingsModal(deps, { slackUserId: body.user.id }, body.trigger_id, (message) =>
      tellClicker(deps, body, respond, message, 'a note on who may change the settings'),
    );
  };
}

/** The confirmation DM: what is set now, of what this person may change. */
function savedLine(current: CurrentSettings): string {
  const w = current.workspace;
  const t = w?.territory;
  const workspace = w
    ? ` The fiscal year starts in ${MONTHS[w.fiscalStartMonth - 1]}.${
        t && t.targetCents > 0
          ? ` FY${t.fiscalYear} plan: ${formatAmount(t.targetCents / 100)} target, ${t.overAssignmentPct}% over-assignment, ramp ${t.ramp.join('/')}, history weighs ${t.historyWeightPct}%.`
          : ''
      }`
    : '';
  return `:white_check_mark: Settings saved.${workspace}${current.sko ? ` ${describeDeliveryRules(current.sko)}` : ''}`;
}

/** Checks every field of every section, saves all of it or none, and says in the person's DM what is set now. */
export function handleSettingsSubmission(deps: Deps) {
  return async ({ ack, body, view }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    const value = (block: string) => {
      const el = view.state.values[block]?.[A];
      return el?.selected_option?.value ?? el?.value ?? undefined;
    };
    const shownWorkspace = B.fiscalStartMonth in view.state.values;
    const form = shownWorkspace ? parseSettingsForm(Object.fromEntries(Object.entries(B).map(([field, block]) => [field, value(block)]))) : null;
    const rulesInput = readDeliveryRulesForm(view.state.values);
    const rules = rulesInput ? parseDeliveryRulesForm(rulesInput) : null;
    const errors = {
      ...(form && !form.ok ? Object.fromEntries(Object.entries(form.errors).map(([f, m]) => [B[f as SettingsField], m])) : {}),
      ...(rules && !rules.ok ? Object.fromEntries(Object.entries(rules.errors).map(([f, m]) => [D[f as DeliveryRulesField], m])) : {}),
    };
    if (Object.keys(errors).length) {
      await ack({ response_action: 'errors', errors });
      return;
    }
    let access: ReturnType<typeof settingsAccess>;
    try {
      access = settingsAccess(deps.db, body.user.id, view.private_metadata ? eventById(deps.db, Number(view.private_metadata)) : undefined);
      if ((shownWorkspace && !access.workspace) || (rules && !access.sko)) throw new NotAllowedError(NOT_ALLOWED_NOW);
      // The territory plan goes first: it is the only save that can still refuse, so a refusal leaves everything as it was.
      if (form?.ok) {
        const { fiscalStartMonth, territory } = form.change;
        if (territory) {
          const { fiscalYear, ...patch } = territory;
          saveTerritorySettings(deps.db, fiscalYear, patch);
        }
        if (fiscalStartMonth !== null) setFiscalYearStartMonth(deps.db, fiscalStartMonth);
      }
      if (rules?.ok && access.sko) saveDeliveryRules(deps.db, access.sko.id, rules.rules);
    } catch (error) {
      if (!isUserFacing(error)) throw error;
      const block = shownWorkspace ? B.target : D.workStart;
      await ack({ response_action: 'errors', errors: { [block]: error.message } });
      return;
    }
    await ack();
    const line = savedLine(currentSettings(deps, access));
    const dm = await deps.slack.conversations.open({ users: body.user.id });
    if (dm.channel?.id) await sendInDm(deps.slack, dm.channel.id, { text: line, blocks: [section(line)] });
  };
}
