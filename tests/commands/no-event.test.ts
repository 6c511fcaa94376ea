import type { KnownBlock } from '@slack/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderPlainText } from '../../views/kit/plain-text.js';
import { U } from '../support/builders.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const names = { user: (id: string) => id, channel: () => undefined };

/** Before anyone has run /sko setup, every subcommand about the SKO says how to start, and nothing else happens. */
describe('subcommands before the SKO is set up', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-20T15:00:00Z' });
  });
  afterAll(async () => {
    await t.close();
  });

  it.each(['plan', 'digest', 'metrics', 'budget', 'agenda', 'certification', 'materials', 'action Book the venue due:fri', 'survey results pre'])(
    '/sko %s points to /sko setup',
    async (text) => {
      const res = await t.driver.slashCommand({ userId: U.dana, text });
      expect(res.status).toBe(200);
      expect(renderPlainText(res.json?.blocks as KnownBlock[], names)).toContain('No SKO yet');
      expect(t.fake.callsTo('views.open')).toEqual([]);
      expect(t.fake.allMessages()).toEqual([]);
    },
  );
});
