import { dispatchJob } from '../../schedules/dispatch.js';
import { ManualClock } from '../../src/clock.js';
import { loadPlan, newestEvent } from '../../src/services/plan/event-store.js';
import { RSVP, TASKS } from '../../views/kit/ids.js';
import { EVENT_CHANNEL, setupValues, U } from './builders.js';
import { FakeSlack } from './fake-slack/server.js';
import type { StoredMessage } from './fake-slack/types.js';
import { submitSetup } from './sko.js';
import { stateValue } from './slack-driver/state-values.js';
import { eventually, startTestApp, type TestApp } from './test-app.js';

/** The walk's event: day 1 Tue 13 Apr 2027 in New York, so the plan (Mon 8 Feb – Sun 2 May) spans the switch to summer time on Sun 14 Mar. */
const WALK_DAY1 = '2027-04-13';
export const WALK_ZONE = 'America/New_York';

export const NAMES: Record<string, string> = {
  [U.dana]: 'Dana',
  [U.priya]: 'Priya',
  [U.marco]: 'Marco',
  [U.aisha]: 'Aisha',
  [U.tom]: 'Tom',
  [U.elena]: 'Elena',
};

/** The app with a fake Slack that shares its ManualClock, so message times are simulated times. */
export async function startWalkApp(now: string): Promise<TestApp & { ownFake: FakeSlack }> {
  const clock = new ManualClock(now);
  const fake = await FakeSlack.start({ now: () => clock.now().getTime() });
  const t = await startTestApp({ clock, fake });
  return {
    ...t,
    ownFake: fake,
    async close() {
      await t.close();
      await fake.close();
    },
  };
}

/** Dana sets the SKO up through the modal, as a person would. */
export async function setUpWalkEvent(t: TestApp): Promise<void> {
  const res = await submitSetup(t, setupValues({ day1: stateValue.date(WALK_DAY1), timeZone: stateValue.option(WALK_ZONE) }));
  if (res.status !== 200 || res.text !== '') throw new Error(`setup was refused: ${res.text}`);
  await t.deps.outbox.idle();
}

/**
 * Runs the dispatch job every `stepMs` of simulated time up to `until`, as node-cron would wake it
 * every minute (a coarser step only saves time: nothing is due between quarter hours).
 */
export async function walk(t: TestApp, until: string, options: { stepMs?: number; onStep?: (now: Date) => Promise<void> } = {}): Promise<void> {
  const step = options.stepMs ?? 15 * 60_000;
  const end = Date.parse(until);
  let next = Math.ceil(t.clock.now().getTime() / step) * step;
  while (next <= end) {
    if (next > t.clock.now().getTime()) t.clock.set(new Date(next));
    await dispatchJob.run(t.deps, t.clock.now());
    await options.onStep?.(t.clock.now());
    next += step;
  }
}

const when = new Intl.DateTimeFormat('en-GB', {
  timeZone: WALK_ZONE,
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'short',
});

/** "Mon 15 Mar 09:00 EDT (13:00Z)": local time in the event's zone, with the UTC hour beside it. */
export function localTime(at: Date): string {
  const p = Object.fromEntries(when.formatToParts(at).map((x) => [x.type, x.value]));
  const zone = p.timeZoneName === 'GMT-5' ? 'EST' : p.timeZoneName === 'GMT-4' ? 'EDT' : p.timeZoneName;
  return `${p.weekday} ${p.day} ${p.month} ${p.hour}:${p.minute} ${zone} (${at.toISOString().slice(11, 16)}Z)`;
}

/** One line per delivered message: when (local and UTC), to whom, and its notification text. */
export function sentLines(fake: FakeSlack, messages: StoredMessage[] = fake.allMessages()): string[] {
  const who = new Map<string, string>([[EVENT_CHANNEL, '#sko']]);
  for (const [id, name] of Object.entries(NAMES)) who.set(fake.dmChannelOf(id), `@${name}`);
  return messages
    .map((m) => ({ at: Number(m.ts.split('.')[0]) * 1000, to: who.get(m.channel) ?? m.channel, text: m.text ?? '' }))
    .sort((a, b) => a.at - b.at || a.to.localeCompare(b.to) || a.text.localeCompare(b.text))
    .map((m) => `${localTime(new Date(m.at))} ${m.to}: ${m.text}`);
}

export function ownerOf(t: TestApp, taskId: number): string {
  const event = newestEvent(t.db);
  const owner = event ? loadPlan(t.db, event).tasks.find((x) => x.id === taskId)?.owner?.slackUserId : undefined;
  if (!owner) throw new Error(`task ${taskId} has no owner`);
  return owner;
}

/** Marks a task done the way its owner does: the Mark done button in the latest DM that lists it. */
export async function clickMarkDone(t: TestApp & { ownFake: FakeSlack }, taskId: number, owner: string): Promise<void> {
  const blockId = `${TASKS.blockPrefix}${taskId}`;
  const message = [...t.ownFake.messagesIn(owner)]
    .reverse()
    .find((m) => (m.blocks as { block_id?: string }[] | undefined)?.some((b) => b.block_id === blockId));
  if (!message) throw new Error(`no DM to ${NAMES[owner]} lists task ${taskId}`);
  const block = (message.blocks as { block_id?: string; accessory?: { value?: string } }[]).find((b) => b.block_id === blockId);
  await t.driver.blockAction({
    userId: owner,
    actionId: TASKS.markDone,
    blockId,
    value: block?.accessory?.value,
    channelId: message.channel,
    messageTs: message.ts,
  });
  await eventually(() => {
    const updated = t.ownFake.messagesIn(owner).find((m) => m.ts === message.ts);
    const accessory = (updated?.blocks as { block_id?: string; accessory?: { action_id?: string } }[] | undefined)?.find(
      (b) => b.block_id === blockId,
    )?.accessory;
    return accessory?.action_id === TASKS.undo;
  });
}

/** Answers the save-the-date the way its recipient does: the Attending button, then the message shows it. */
export async function clickAttending(t: TestApp & { ownFake: FakeSlack }, user: string): Promise<void> {
  const message = t.ownFake.messagesIn(user).find((m) => m.text?.startsWith('Save the date'));
  if (!message) throw new Error(`no save-the-date reached ${NAMES[user]}`);
  await t.driver.blockAction({ userId: user, actionId: RSVP.attending, channelId: message.channel, messageTs: message.ts });
  await eventually(() => JSON.stringify(t.ownFake.messagesIn(user).find((m) => m.ts === message.ts)?.blocks).includes('Your answer: Attending'));
}
