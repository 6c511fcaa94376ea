import type { KnownBlock } from '@slack/types';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agendaSessions, sessionContent } from '../../../db/schema.js';
import type { SessionInput } from '../../../src/domain/agenda/sessions.js';
import { addSession } from '../../../src/services/agenda/sessions.js';
import { type EventRow, newestEvent } from '../../../src/services/plan/event-store.js';
import { CONTENT } from '../../../views/kit/ids.js';
import { renderPlainText } from '../../../views/kit/plain-text.js';
import { checkBlocks, checkView } from '../../support/block-kit-limits.js';
import { addPeople, U } from '../../support/builders.js';
import type { StoredMessage } from '../../support/fake-slack/types.js';
import { startWithSko } from '../../support/sko.js';
import { stateValue } from '../../support/slack-driver/state-values.js';
import { eventually, type TestApp } from '../../support/test-app.js';
import { openedView } from '../../support/views.js';

/**
 * FY27 SKO (day 1 Tue 2 Feb 2027, New York; week 9 runs Mon 25–Sun 31 Jan), seen from Fri 20 Nov
 * 2026. Priya is the content lead, Elena the sales leader, Dana the SKO lead, Rita a rep. The
 * agenda: twelve content sessions on day 1 and a dinner, which needs no approval.
 */
const NAMES: Record<string, string> = { [U.priya]: 'Priya', [U.elena]: 'Elena', [U.dana]: 'Dana', [U.rep]: 'Rita' };
const names = { user: (id: string) => NAMES[id] ?? id, channel: () => 'sko' };
const plain = (blocks: unknown) => renderPlainText(blocks as KnownBlock[], names);
/** The text of the modal a submission's answer put in place of the form. */
const modalText = (answer: { view?: unknown } | undefined) => plain((answer?.view as { blocks?: unknown } | undefined)?.blocks ?? []);
const L = CONTENT.submitModal;
const N = CONTENT.changesModal;
const TITLES = Array.from({ length: 12 }, (_, i) => `Session ${String(i + 1).padStart(2, '0')}`);

let t: TestApp;
let event: EventRow;
const idOf = (title: string) => t.db.select().from(agendaSessions).where(eq(agendaSessions.title, title)).get()?.id as number;
const contentRow = (title: string) =>
  t.db
    .select()
    .from(sessionContent)
    .where(eq(sessionContent.sessionId, idOf(title)))
    .get();
const contentRows = () => t.db.select({ n: sql<number>`count(*)` }).from(sessionContent).get()?.n;

async function reply(userId: string, text: string): Promise<string> {
  const res = await t.driver.slashCommand({ userId, text });
  return plain(res.json?.blocks);
}

/** Priya opens Submit content beside `title` under /sko content and submits `link`; the modal's answer. */
async function submit(title: string, link: string, userId: string = U.priya) {
  const res = await t.driver.slashCommand({ userId, text: 'content' });
  const before = t.fake.callsTo('views.open').length;
  await t.driver.blockAction({ userId, actionId: CONTENT.submit, value: String(idOf(title)), ephemeral: true, message: { blocks: res.json?.blocks } });
  const view = await openedView(t, before);
  expect(checkView(view)).toEqual([]);
  return t.driver.viewSubmission({ userId, viewId: view.id, callbackId: L.callbackId, values: { [L.blocks.link]: { [L.actionId]: stateValue.text(link) } } });
}

/** The DM that asks Elena about `title`, once it has arrived. */
async function requestFor(title: string): Promise<StoredMessage> {
  // A copy: the fake redraws its stored message in place when the app updates it.
  return structuredClone(await eventually(() => t.fake.messagesIn(U.elena).find((m) => m.text?.endsWith(`: ${title}`))));
}

const click = (userId: string, actionId: string, dm: StoredMessage) =>
  t.driver.blockAction({ userId, actionId, channelId: dm.channel, messageTs: dm.ts, message: { ...dm } as never });

beforeAll(async () => {
  t = await startWithSko();
  addPeople(t.db, [{ slackUserId: U.rep, name: 'Rita', team: 'East' }]);
  event = newestEvent(t.db) as EventRow;
  const session = (title: string, start: string, kind = 'training'): SessionInput => ({
    day: 1,
    start,
    end: start.replace(/^(\d\d)/, (h) => String(Number(h) + 1).padStart(2, '0')).replace(/:00$/, ':00'),
    title,
    kind,
    format: 'workshop',
  });
  TITLES.forEach((title, i) => {
    addSession(t.db, event, session(title, `${String(8 + Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`));
  });
  addSession(t.db, event, session('Team dinner', '19:00', 'social'));
});
afterAll(async () => {
  await t.close();
});

describe('session content, submitted and approved in Slack', () => {
  it('refuses a link that is not one on its field, and writes and sends nothing', async () => {
    const res = await submit('Session 01', 'the deck on the shared drive');
    expect(res.json).toEqual({
      response_action: 'errors',
      errors: { [L.blocks.link]: '"the deck on the shared drive" is not a web link; paste the whole address, starting with https://.' },
    });
    expect(contentRows()).toBe(0);
    expect(t.fake.messagesIn(U.elena)).toEqual([]);
  });

  it('goes from the content lead to the sales leader, who approves it, and the content lead hears so', async () => {
    const res = await submit('Session 01', ' https://docs.example.com/vision ');
    expect(res.json?.response_action).toBe('update');
    expect(modalText(res.json)).toBe('Session 01 is waiting for approval. @Elena has it by direct message.');

    const dm = await requestFor('Session 01');
    expect(checkBlocks(dm.blocks)).toEqual([]);
    expect(plain(dm.blocks)).toBe(
      '@Priya asks you to approve the content of Session 01 (day 1, 08:00) for FY27 Sales Kickoff:\nthe content (https://docs.example.com/vision)\n\n[ Approve ] [ Ask for changes ]',
    );
    expect(contentRow('Session 01')).toMatchObject({ state: 'submitted', link: 'https://docs.example.com/vision', round: 1, decidedBy: null });

    t.clock.set('2026-12-01T15:00:00Z');
    await click(U.elena, CONTENT.approve, dm);
    await eventually(() => contentRow('Session 01')?.state === 'approved');
    expect(contentRow('Session 01')).toMatchObject({ state: 'approved', decidedAt: '2026-12-01T15:00:00.000Z', firstApprovedAt: '2026-12-01T15:00:00.000Z' });
    const redrawn = await eventually(() => t.fake.messagesIn(U.elena).find((m) => m.ts === dm.ts && m.edited));
    expect(plain(redrawn?.blocks)).toBe(
      'Session 01 (day 1, 08:00) · the content (https://docs.example.com/vision)\napproved by @Elena Tue 1 Dec 2026 10:00 EST · the content (https://docs.example.com/vision)',
    );
    const news = await eventually(() => t.fake.messagesIn(U.priya).find((m) => m.text === 'Session 01: approved'));
    expect(plain(news.blocks)).toBe('✔ @Elena approved the content of Session 01 (day 1, 08:00) for FY27 Sales Kickoff.');

    const list = await reply(U.priya, 'content');
    expect(list).toContain('1 of 12 sessions approved by leadership.');
    expect(list).toContain(
      'Day 1 · 08:00–09:00 Session 01\napproved by @Elena Tue 1 Dec 2026 10:00 EST · the content (https://docs.example.com/vision)  [ Submit a new version ]',
    );
    expect(list).not.toContain('Team dinner');
  });

  it('refuses approval to a rep, and leaves the content waiting', async () => {
    await submit('Session 02', 'https://docs.example.com/discovery');
    const dm = await requestFor('Session 02');
    const res = await click(U.rep, CONTENT.approve, dm);
    const [refusal] = await eventually(() => t.fake.responsesTo(res.responseUrl as string).length > 0 && t.fake.responsesTo(res.responseUrl as string));
    expect(refusal?.body.text).toBe('Only sales leaders, the SKO lead or an admin can approve session content or ask for changes.');
    expect(contentRow('Session 02')).toMatchObject({ state: 'submitted', decidedBy: null });
    expect(await reply(U.rep, 'content')).not.toContain('[ Submit');
  });

  it('asks for changes with a note, which reaches the content lead; an empty note is refused on its field', async () => {
    const dm = await requestFor('Session 02');
    const before = t.fake.callsTo('views.open').length;
    await click(U.elena, CONTENT.askChanges, dm);
    const view = await openedView(t, before);
    expect(checkView(view)).toEqual([]);
    const send = (note: string | null) =>
      t.driver.viewSubmission({
        userId: U.elena,
        viewId: view.id,
        callbackId: N.callbackId,
        values: { [N.blocks.note]: { [N.actionId]: stateValue.text(note) } },
      });

    expect((await send('  ')).json).toEqual({
      response_action: 'errors',
      errors: { [N.blocks.note]: 'Say what should change, so the owner knows what to fix.' },
    });
    expect(contentRow('Session 02')?.state).toBe('submitted');

    const res = await send('Open with a customer story.\nCut the pricing slides.');
    expect(modalText(res.json)).toBe('@Priya gets your note by direct message.');
    expect(contentRow('Session 02')).toMatchObject({ state: 'changes-requested', note: 'Open with a customer story.\nCut the pricing slides.' });
    const news = await eventually(() => t.fake.messagesIn(U.priya).find((m) => m.text === 'Session 02: changes asked for'));
    expect(plain(news.blocks)).toBe(
      '@Elena asks for changes to the content of Session 02 (day 1, 08:30) for FY27 Sales Kickoff:\n> Open with a customer story.\n> Cut the pricing slides.\nOnce it is fixed, submit it again from /sko content.',
    );

    // The old request cannot approve what was sent back.
    const late = await click(U.elena, CONTENT.approve, dm);
    const [told] = await eventually(() => t.fake.responsesTo(late.responseUrl as string).length > 0 && t.fake.responsesTo(late.responseUrl as string));
    expect(told?.body.text).toContain(`This was answered already. *Session 02* (day 1, 08:30): _changes asked for_ by <@${U.elena}>`);
    expect(contentRow('Session 02')?.state).toBe('changes-requested');
  });

  it('lists the sessions still unapproved in the week-9 digest, ten of them and how many more', async () => {
    t.clock.set('2027-01-25T15:00:00Z');
    const digest = await reply(U.elena, 'digest');
    // Only Session 01 is approved: eleven are left, the first ten named.
    expect(digest).toContain(
      [
        'Session content not approved yet (week 9 ends the content work)',
        '• Day 1, 08:30 Session 02: changes asked for',
        '• Day 1, 09:00 Session 03: not submitted yet',
      ].join('\n'),
    );
    expect(digest).toContain(
      '• Day 1, 12:30 Session 10: not submitted yet\n• Day 1, 13:00 Session 11: not submitted yet\n…and 1 more.\n/sko content shows every session.',
    );
    expect(digest).not.toContain('Session 12');
    expect(digest).not.toContain('Team dinner');

    t.clock.set('2027-01-18T15:00:00Z');
    expect(await reply(U.elena, 'digest')).not.toContain('Session content not approved yet');
  });

  it('measures the share approved so far, then frozen to what was approved by the end of week 9', async () => {
    expect(await reply(U.dana, 'metrics')).toContain('1 of 12 sessions approved so far; final when week 9 ends on 31 Jan 2027 (social time not counted)');

    t.clock.set('2027-01-31T15:00:00Z');
    await submit('Session 03', 'https://docs.example.com/territory');
    await click(U.elena, CONTENT.approve, await requestFor('Session 03'));
    await eventually(() => contentRow('Session 03')?.state === 'approved');
    t.clock.set('2027-02-01T15:00:00Z');
    await submit('Session 04', 'https://docs.example.com/pricing');
    await click(U.elena, CONTENT.approve, await requestFor('Session 04'));
    await eventually(() => contentRow('Session 04')?.state === 'approved');

    const text = await reply(U.dana, 'metrics');
    expect(text).toContain('Content approved by leadership 16.7%');
    expect(text).toContain('2 of 12 sessions approved by the end of week 9 (31 Jan 2027) (social time not counted)');
  });
});
