import { dispatchJob } from '../../schedules/dispatch.js';
import { nextWakeAt } from '../../src/services/delivery/schedule.js';
import { SETUP_CHOICE, SETUP_MODAL } from '../../views/kit/ids.js';
import { setupValues, U } from './builders.js';
import type { StoredView } from './fake-slack/types.js';
import { type StateValues, stateValue } from './slack-driver/state-values.js';
import { type ModelSettings, startTestApp, type TestApp } from './test-app.js';
import { openedView } from './views.js';

/**
 * The setup modal as `userId` opens it with `/sko setup`, as Slack stores it. When the reply offers
 * a choice (an admin may also start a new SKO), the one "Edit" button in it is clicked.
 */
export async function openSetupModal(t: TestApp, userId: string = U.dana): Promise<StoredView> {
  const before = t.fake.callsTo('views.open').length;
  const res = await t.driver.slashCommand({ userId, text: 'setup' });
  const edits = setupChoices(res.json?.blocks).filter((b) => b.actionId === SETUP_CHOICE.edit);
  if (edits.length === 1) {
    await t.driver.blockAction({ userId, actionId: SETUP_CHOICE.edit, value: edits[0]?.value, ephemeral: true, message: { blocks: res.json?.blocks } });
  } else if (res.status !== 200 || res.text !== '') throw new Error(`/sko setup did not open the modal: ${res.text}`);
  return openedView(t, before);
}

/** The buttons of `/sko setup`'s reply: "New SKO" and "Edit <name>", with their values. */
export function setupChoices(blocks: unknown): { text: string; actionId: string; value?: string }[] {
  type Button = { type: string; action_id: string; value?: string; text: { text: string } };
  const buttons = ((blocks ?? []) as { accessory?: Button; elements?: Button[] }[]).flatMap((b) => [
    ...(b.accessory ? [b.accessory] : []),
    ...(b.elements ?? []),
  ]);
  return buttons.filter((b) => b.type === 'button').map((b) => ({ text: b.text.text, actionId: b.action_id, ...(b.value ? { value: b.value } : {}) }));
}

/** `userId` submits `values` in a setup modal they opened with `/sko setup`. */
export async function submitSetup(t: TestApp, values: StateValues = setupValues(), userId: string = U.dana) {
  const view = await openSetupModal(t, userId);
  return t.driver.viewSubmission({ userId, viewId: view.id, callbackId: SETUP_MODAL.callbackId, values: withOptionalBlocks(view, values) });
}

/**
 * Who attends is in the form once the people data has teams or regions, and "Start from a past
 * SKO" in a new SKO's form once there are SKOs; left alone, Slack sends them empty.
 */
function withOptionalBlocks(view: StoredView, values: StateValues): StateValues {
  const asked = (blockId: string) => (view.blocks as { block_id?: string }[]).some((b) => b.block_id === blockId) && !values[blockId];
  return {
    ...values,
    ...(asked(SETUP_MODAL.blocks.roster) ? { [SETUP_MODAL.blocks.roster]: { [SETUP_MODAL.actionId]: stateValue.options([]) } } : {}),
    ...(asked(SETUP_MODAL.blocks.copyFrom) ? { [SETUP_MODAL.blocks.copyFrom]: { [SETUP_MODAL.actionId]: stateValue.option(null) } } : {}),
  };
}

/** `userId` sets up another SKO beside the ones there are: `/sko setup new`, then the modal submitted with `values`. */
export async function submitNewSko(t: TestApp, values: StateValues, userId: string = U.dana) {
  const before = t.fake.callsTo('views.open').length;
  const res = await t.driver.slashCommand({ userId, text: 'setup new' });
  if (res.status !== 200 || res.text !== '') throw new Error(`/sko setup new did not open the modal: ${res.text}`);
  const view = await openedView(t, before);
  return t.driver.viewSubmission({ userId, viewId: view.id, callbackId: SETUP_MODAL.callbackId, values: withOptionalBlocks(view, values) });
}

/**
 * The app with an SKO set up through the modal by Dana, the SKO lead: day 1 Tue 2 Feb 2027 in
 * New York, planned from Fri 20 Nov 2026, so week 6 starts Mon 4 Jan and week 11 Mon 8 Feb.
 */
export async function startWithSko(model?: ModelSettings): Promise<TestApp> {
  const t = await startTestApp({ now: '2026-11-20T15:00:00Z', ...(model ? { model } : {}) });
  const res = await submitSetup(t);
  if (res.status !== 200 || res.text !== '') throw new Error(`setup was refused: ${res.text}`);
  return t;
}

/**
 * Runs the dispatcher at a moment, as the minute job would then, and lets the outbox send. Everything
 * due since the last run is caught up at once, as after downtime: one person's DMs travel as one.
 */
export async function dispatchAt(t: TestApp, iso: string): Promise<void> {
  t.clock.set(iso);
  await dispatchJob.run(t.deps, t.clock.now());
}

/**
 * Runs the dispatcher at every moment something falls due, up to and at `iso`, as a running app's
 * minute job would: each message goes at its own time, not caught up with the rest.
 */
export async function runUntil(t: TestApp, iso: string): Promise<void> {
  const end = Date.parse(iso);
  for (;;) {
    const next = nextWakeAt(t.db, t.clock.now());
    if (!next || next.getTime() >= end) break;
    // A message still waiting at this instant (paced, or retried) is the outbox's; the next minute is the job's.
    t.clock.set(next > t.clock.now() ? next : new Date(t.clock.now().getTime() + 60_000));
    await dispatchJob.run(t.deps, t.clock.now());
  }
  await dispatchAt(t, iso);
}
