import type { KnownBlock } from '@slack/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderPlainText } from '../../../views/kit/plain-text.js';
import { U } from '../../support/builders.js';
import { startWithSko } from '../../support/sko.js';
import type { TestApp } from '../../support/test-app.js';

const names = { user: (id: string) => id, channel: () => 'sko' };

// startWithSko plans from Fri 20 Nov 2026; week 1 begins Mon 30 Nov.
describe('/sko digest before the plan starts', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startWithSko();
  });
  afterAll(async () => {
    await t.close();
  });

  it('says "Before week 1", as /sko status does, not "Week 1 of 12"', async () => {
    const status = await t.driver.slashCommand({ userId: U.dana, text: 'status' });
    expect(renderPlainText(status.json?.blocks as KnownBlock[], names)).toContain('Before week 1.');
    const digest = await t.driver.slashCommand({ userId: U.dana, text: 'digest' });
    expect(digest.json?.text).toMatch(/^Weekly digest, FY27 Sales Kickoff, before week 1: /);
    const text = renderPlainText(digest.json?.blocks as KnownBlock[], names);
    expect(text.split('\n')[0]).toBe('BEFORE WEEK 1 · FY27 SALES KICKOFF');
    expect(text).not.toContain('Week 1 of 12');
  });

  it('does not point to charts "in the thread" of a private reply that has none, but says where they come', async () => {
    const digest = await t.driver.slashCommand({ userId: U.dana, text: 'digest' });
    const text = renderPlainText(digest.json?.blocks as KnownBlock[], names);
    expect(text).not.toContain('in the thread');
    expect(text).toContain("The charts (the plan burn-down and budget by category) come with Monday's digest in your DM.");
  });
});
