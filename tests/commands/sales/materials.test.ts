import type { KnownBlock } from '@slack/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderPlainText } from '../../../views/kit/plain-text.js';
import { EVENT_CHANNEL, U } from '../../support/builders.js';
import { submitSetup } from '../../support/sko.js';
import { eventually, startTestApp, type TestApp } from '../../support/test-app.js';

const names = { user: () => undefined, channel: () => 'sko' };
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ now: '2026-11-20T15:00:00Z' });
  await submitSetup(t);
  await eventually(() => t.fake.messagesIn(EVENT_CHANNEL).length > 0);
});
afterAll(async () => {
  await t.close();
});

const say = async (userId: string, text: string) => String((await t.driver.slashCommand({ userId, text })).json?.text);

describe('/sko materials', () => {
  it('the content lead records links by session; anyone else is told who can', async () => {
    expect(await say(U.priya, 'materials add Opening keynote <https://slides.example/keynote>')).toContain('Added the slides for *Opening keynote*.');
    expect(await say(U.priya, 'materials add Opening keynote https://video.example/keynote recording')).toContain('Added the recording for *Opening keynote*.');
    expect(await say(U.dana, 'materials add Discovery workshop https://docs.example/discovery resource')).toContain(
      'Added the resource for *Discovery workshop*.',
    );
    expect(await say(U.rep, 'materials add Sneaky https://x.example')).toBe(
      'Only the content lead, the SKO lead or an admin can record and post session materials. Send them the link.',
    );
    expect(await say(U.priya, 'materials add https://x.example')).toContain('Give the session’s title, then the link');
    expect(await say(U.priya, 'materials add Keynote https://x.example video')).toContain('Give the session’s title, then the link');
  });

  it('posts the portal to the event channel once, listed by session', async () => {
    const before = t.fake.messagesIn(EVENT_CHANNEL).length;
    expect(await say(U.priya, 'materials post')).toBe(`:outbox_tray: Posting the materials portal (2 sessions) to <#${EVENT_CHANNEL}>.`);
    const posted = await eventually(() => t.fake.messagesIn(EVENT_CHANNEL).length > before && t.fake.messagesIn(EVENT_CHANNEL).at(-1));
    expect(renderPlainText(posted.blocks as KnownBlock[], names)).toContain(
      'Opening keynote\n• Slides (https://slides.example/keynote)\n• Recording (https://video.example/keynote)\n\nDiscovery workshop\n• Resource (https://docs.example/discovery)',
    );
    expect(await say(U.priya, 'materials post')).toBe(`That portal is already posted to <#${EVENT_CHANNEL}>; add or change a link to post a new one.`);
  });
});
