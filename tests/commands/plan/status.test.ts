import type { KnownBlock } from '@slack/types';
import { and, eq, ne } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox, tasks } from '../../../db/schema.js';
import { dispatchJob } from '../../../schedules/dispatch.js';
import { renderPlainText } from '../../../views/kit/plain-text.js';
import { EVENT_CHANNEL, U } from '../../support/builders.js';
import { submitSetup } from '../../support/sko.js';
import { startTestApp, type TestApp } from '../../support/test-app.js';

const names = { user: (id: string) => ({ [U.dana]: 'Dana', [U.priya]: 'Priya', [U.marco]: 'Marco', [U.elena]: 'Elena' })[id], channel: () => undefined };

describe('/sko status', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-20T15:00:00Z' });
  });
  afterAll(async () => {
    await t.close();
  });

  async function statusAt(instant: string): Promise<string> {
    t.clock.set(instant);
    const res = await t.driver.slashCommand({ userId: U.rep, text: 'status' });
    expect(res.status).toBe(200);
    expect(res.json?.response_type).toBe('ephemeral');
    return renderPlainText(res.json?.blocks as KnownBlock[], names);
  }

  it('says there is no SKO yet, and how to start one', async () => {
    const text = await statusAt('2026-11-20T15:00:00Z');
    expect(text).toContain('No SKO yet. Run /sko setup');
  });

  describe('through the plan (day 1 Tue 2 Feb 2027, New York: week 1 starts Mon 30 Nov 2026)', () => {
    beforeAll(async () => {
      await submitSetup(t);
      // Week 1 went well except the committee meeting, which slipped.
      t.db
        .update(tasks)
        .set({ status: 'done' })
        .where(and(eq(tasks.weekTo, 1), ne(tasks.key, 'w1-planning-committee-1')))
        .run();
    });

    it('before week 1: the countdown, when planning starts, and what week 1 holds', async () => {
      const text = await statusAt('2026-11-25T15:00:00Z');
      expect(text).toContain('Day 1 is in 69 days: Tue 2 Feb 2027 in Chicago, 3 days.');
      expect(text).toContain('Before week 1. The 12-week plan starts Mon 30 Nov 2026, in 5 days.');
      expect(text).toContain('Coming up in week 1: Performance analysis and planning committee meeting #1');
      expect(text).toContain('Hold SKO planning committee meeting #1 · @Dana · due Fri 4 Dec');
      expect(text).not.toContain('Overdue');
    });

    it('phase 1, week 2: this week’s tasks and the one overdue from week 1', async () => {
      const text = await statusAt('2026-12-09T15:00:00Z');
      expect(text).toContain('Week 2 of 12 · Phase 1: Planning and data analysis (Mon 7 Dec – Sun 13 Dec)');
      expect(text).toContain("This week's focus: Content development");
      expect(text).toContain('Draft the agenda with session descriptions · @Priya · due Fri 18 Dec');
      expect(text).toMatch(/Overdue \(1\)\n● Hold SKO planning committee meeting #1 · @Dana · due Fri 4 Dec/);
    });

    it('phase 2, week 4', async () => {
      const text = await statusAt('2026-12-23T15:00:00Z');
      expect(text).toContain('Week 4 of 12 · Phase 2: Logistics and communications');
      expect(text).toContain('Select and book the venue · @Marco · due Fri 25 Dec');
    });

    it('phase 3, week 8', async () => {
      const text = await statusAt('2027-01-20T15:00:00Z');
      expect(text).toContain('Week 8 of 12 · Phase 3: Content finalization (Mon 18 Jan – Sun 24 Jan)');
      expect(text).toContain('Complete the skills training workshops · @Priya · due Fri 22 Jan');
    });

    it('phase 4, week 10: the event is on', async () => {
      const text = await statusAt('2027-02-03T15:00:00Z');
      expect(text).toContain('Event day 2 of 3 today in Chicago.');
      expect(text).toContain('Week 10 of 12 · Phase 4: Event execution');
      expect(text).toContain('Day 2 morning: methodology training and workshops');
    });

    it('phase 5, week 12', async () => {
      const text = await statusAt('2027-02-17T15:00:00Z');
      expect(text).toContain('The event ended 13 days ago.');
      expect(text).toContain('Week 12 of 12 · Phase 5: Post-event follow-up');
      expect(text).toContain('Hold 1:1s with each rep · @Elena · due Fri 19 Feb');
    });

    it('after week 12', async () => {
      const text = await statusAt('2027-02-22T15:00:00Z');
      expect(text).toContain('After week 12. The plan ended Sun 21 Feb 2027.');
      expect(text).not.toContain("This week's focus");
    });

    it('counts weeks in the event’s time zone: 23:30 Sunday in New York is still week 1', async () => {
      // 04:30 UTC on Monday 7 Dec is 23:30 on Sunday 6 Dec in New York.
      expect(await statusAt('2026-12-07T04:30:00Z')).toContain('Week 1 of 12');
      expect(await statusAt('2026-12-07T05:30:00Z')).toContain('Week 2 of 12');
    });
  });

  it('lists the subcommands for help and for anything it does not know', async () => {
    t.clock.set('2026-11-20T15:00:00Z');
    const help = await t.driver.slashCommand({ userId: U.rep, text: 'help' });
    const unknown = await t.driver.slashCommand({ userId: U.rep, text: 'dance now' });
    const empty = await t.driver.slashCommand({ userId: U.rep, text: '' });
    // Help names every subcommand (the rep's in full, the rest by name); an unknown one gets the rep's own.
    expect(renderPlainText(unknown.json?.blocks as KnownBlock[], names)).toContain('/sko status');
    for (const res of [help, empty]) {
      const text = renderPlainText(res.json?.blocks as KnownBlock[], names);
      expect(text).toContain('/sko status');
      expect(text).toContain('/sko setup');
      expect(text).toContain('/sko help');
      // Every subcommand is listed whole, however long the list grows past one section's 3,000 characters.
      expect(text).toContain('/sko certification');
      expect(text).not.toContain('…');
    }
    expect(String(unknown.json?.text)).toContain("I don't know `/sko dance`.");
  });
});

describe('/sko status on a compressed plan', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Set up on Wed 9 Dec for a Tue 2 Feb day 1: 8 weeks from Mon 7 Dec to week 10 (Mon 1 Feb).
    t = await startTestApp({ now: '2026-12-09T15:00:00Z' });
    await submitSetup(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it('squeezes weeks 1–9 into the 8 weeks left, and says so', async () => {
    // 56 days over 9 nominal weeks: week 2 covers days 6–11 from Mon 7 Dec, Sun 13 to Fri 18 Dec.
    t.clock.set('2026-12-15T15:00:00Z');
    const res = await t.driver.slashCommand({ userId: U.rep, text: 'status' });
    const text = renderPlainText(res.json?.blocks as KnownBlock[], names);
    expect(text).toContain('Compressed plan. Planning started with 8 weeks to go');
    expect(text).toContain('Week 2 of 12 · Phase 1: Planning and data analysis (Sun 13 Dec – Fri 18 Dec)');
  });
});

describe('/sko status and messages that could not be delivered', () => {
  let t: TestApp;
  const statusFor = async (userId: string) => {
    const res = await t.driver.slashCommand({ userId, text: 'status' });
    return renderPlainText(res.json?.blocks as KnownBlock[], names);
  };

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-20T15:00:00Z' });
    await submitSetup(t);
    // Priya's Slack account is gone.
    t.fake.failAlways('chat.postMessage', { kind: 'error', error: 'user_not_found' }, { channel: U.priya });
    // Monday of week 2, 09:00 in New York: the weekly DMs go out.
    t.clock.set('2026-12-07T14:00:00Z');
    await dispatchJob.run(t.deps, t.clock.now());
  });
  afterAll(async () => {
    await t.close();
  });

  it('shows the SKO lead who is not reachable, once, and what to do', async () => {
    const text = await statusFor(U.dana);
    expect(text).toContain(
      '⚠ Delivery problems (shown to the SKO lead and admins)\n• Not reachable in Slack (deactivated or gone): @Priya. Nothing more is sent to them. Remove them from the people file and import it again if they have left, or fix their Slack id or email there if it is wrong; they are tried again once an import or Slack shows them active.',
    );
    expect(text).not.toContain('@Priya did not get');
  });

  it('counts messages still being retried', async () => {
    // A post Slack answered with a 503, waiting for its next try.
    t.db
      .insert(outbox)
      .values({ key: 'retrying', kind: 'test', label: 'a retry', channel: EVENT_CHANNEL, text: 'x', lastError: 'http_503', notBefore: '2026-12-07T14:05:00Z' })
      .run();
    expect(await statusFor(U.dana)).toContain('1 message waiting for Slack, to be tried again.');
  });

  it('keeps it from everyone else', async () => {
    expect(await statusFor(U.rep)).not.toContain('Delivery problems');
    expect(await statusFor(U.marco)).not.toContain('Delivery problems');
  });
});
