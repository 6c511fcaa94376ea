import type { KnownBlock } from '@slack/types';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tasks } from '../../../db/schema.js';
import { renderPlainText } from '../../../views/kit/plain-text.js';
import { U } from '../../support/builders.js';
import { submitSetup } from '../../support/sko.js';
import { startTestApp, type TestApp } from '../../support/test-app.js';

const names = {
  user: (id: string) => ({ [U.dana]: 'Dana', [U.priya]: 'Priya', [U.marco]: 'Marco', [U.aisha]: 'Aisha', [U.tom]: 'Tom', [U.elena]: 'Elena' })[id],
  channel: () => undefined,
};

// Wed 9 Dec 2026 in week 2: 62 tasks (no day 0), four of week 1's five done, the committee meeting overdue.
const PLAN_ON_9_DECEMBER = `THE PLAN: FY27 SALES KICKOFF
════════════════════════════

▰▱▱▱▱▱▱▱▱▱ 4 of 62 tasks done · ● 1 overdue

Phase 1 · Planning and data analysis (weeks 1–3 · Mon 30 Nov – Sun 20 Dec)
▰▰▰▰▱▱▱▱▱▱ 4 of 10 done
✔ Run the annual performance retrospective · @Dana · due Fri 4 Dec
✔ Build the forward-looking revenue plan · @Dana · due Fri 4 Dec
✔ Assess pipeline and process health · @Dana · due Fri 4 Dec
● Hold SKO planning committee meeting #1 · @Dana · due Fri 4 Dec
✔ Draft the budget and logistics plan · @Dana · due Fri 4 Dec
○ Draft the agenda with session descriptions · @Priya · due Fri 18 Dec
○ Finalize performance recognition · @Priya · due Fri 18 Dec
○ Outline the training content · @Priya · due Fri 18 Dec
○ Finalize territory and quota assignments · @Dana · due Fri 18 Dec
○ Prepare the comp plan rollout · @Dana · due Fri 18 Dec

Phase 2 · Logistics and communications (weeks 4–6 · Mon 21 Dec – Sun 10 Jan)
▱▱▱▱▱▱▱▱▱▱ 0 of 14 done
○ Select and book the venue · @Marco · due Fri 25 Dec
○ Arrange AV and technology setup · @Tom · due Fri 25 Dec
○ Book catering and accommodations · @Marco · due Fri 25 Dec
○ Coordinate transportation · @Marco · due Fri 25 Dec
○ Order swag and materials · @Marco · due Fri 25 Dec
○ Prepare internal speakers · @Priya · due Fri 1 Jan
○ Contract and brief external speakers · @Priya · due Fri 1 Jan
○ Coordinate customer speakers · @Priya · due Fri 1 Jan
○ Structure panel discussions and fireside chats · @Priya · due Fri 1 Jan
📤 Send the save-the-date · SKO Conductor sends it · due Fri 8 Jan
📤 Send travel booking instructions · SKO Conductor sends it · due Fri 8 Jan
📤 Share the agenda preview and build hype · SKO Conductor sends it · due Fri 8 Jan
📤 Run the pre-event survey · SKO Conductor sends it · due Fri 8 Jan
○ Set up the mobile app or event platform · @Tom · due Fri 8 Jan

Phase 3 · Content finalization (weeks 7–9 · Mon 11 Jan – Sun 31 Jan)
▱▱▱▱▱▱▱▱▱▱ 0 of 11 done
○ Complete the executive vision session · @Priya · due Fri 22 Jan
○ Create the FY review presentation · @Dana · due Fri 22 Jan
○ Complete the product and competitive sessions · @Priya · due Fri 22 Jan
○ Complete the skills training workshops · @Priya · due Fri 22 Jan
○ Complete the tools and enablement sessions · @Priya · due Fri 22 Jan
○ Build individual rep packages · @Dana · due Fri 22 Jan
○ Run the full agenda dry run · @Priya · due Fri 29 Jan
○ Rehearse speakers and give feedback · @Priya · due Fri 29 Jan
○ Test AV and technology · @Tom · due Fri 29 Jan
○ Validate breakout session logistics · @Marco · due Fri 29 Jan
○ Plan for contingencies · @Dana · due Fri 29 Jan

Phase 4 · Event execution (week 10 · Mon 1 Feb – Sun 7 Feb)
▱▱▱▱▱▱▱▱▱▱ 0 of 13 done
○ Day 1 morning: opening, FY review and vision · @Priya · due Tue 2 Feb
○ Day 1 afternoon: roadmap, territory rollout and awards · @Priya · due Tue 2 Feb
○ Day 1 evening: team dinner and celebration · @Marco · due Tue 2 Feb
○ Day 2 morning: methodology training and workshops · @Priya · due Wed 3 Feb
○ Day 2 afternoon: tools, competitive deep-dives and role-plays · @Priya · due Wed 3 Feb
○ Day 2 evening: team building or free time · @Marco · due Wed 3 Feb
○ Day 3 morning: team planning breakouts · @Priya · due Thu 4 Feb
○ Day 3 midday: wrap-up, commitments and closing celebration · @Priya · due Thu 4 Feb
○ Run AV, the event platform and session recordings · @Tom · due Fri 5 Feb
○ Distribute event materials · @Aisha · due Fri 5 Feb
○ Collect survey responses and feedback · @Aisha · due Fri 5 Feb
○ Track action items and follow-up · @Dana · due Fri 5 Feb
○ Write the momentum maintenance plan · @Dana · due Fri 5 Feb

Phase 5 · Post-event follow-up (weeks 11–12 · Mon 8 Feb – Sun 21 Feb)
▱▱▱▱▱▱▱▱▱▱ 0 of 14 done
○ Publish the SKO content portal · @Dana · due Fri 12 Feb
○ Update CRM and tracking systems · @Dana · due Fri 12 Feb
📤 Send the thank-you and recap email · SKO Conductor sends it · due Fri 12 Feb
📤 Distribute the event feedback survey · SKO Conductor sends it · due Fri 12 Feb
📤 Send action item reminders · SKO Conductor sends it · due Fri 12 Feb
📤 Reinforce the Q1 kickoff · SKO Conductor sends it · due Fri 12 Feb
○ Hold team-level follow-up meetings · @Elena · due Fri 19 Feb
○ Hold 1:1s with each rep · @Elena · due Fri 19 Feb
○ Roll out the coaching plan · @Elena · due Fri 19 Feb
○ Launch accountability systems · @Elena · due Fri 19 Feb
○ Establish the FY baseline and tracking · @Dana · due Fri 19 Feb
○ Analyze event feedback · @Dana · due Fri 19 Feb
○ Capture lessons learned for the next SKO · @Dana · due Fri 19 Feb
○ Document ROI and impact · @Dana · due Fri 19 Feb

✔ done · ○ open · ● overdue · 📤 SKO Conductor sends it · /sko tasks shows your own tasks with Mark done buttons`;

describe('/sko plan', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-20T15:00:00Z' });
    await submitSetup(t);
    // Week 1 is done but for the committee meeting; nothing else yet.
    t.db
      .update(tasks)
      .set({ status: 'done' })
      .where(
        and(eq(tasks.weekTo, 1), inArray(tasks.key, ['w1-performance-retrospective', 'w1-revenue-plan', 'w1-pipeline-health', 'w1-budget-logistics-plan'])),
      )
      .run();
    t.clock.set('2026-12-09T15:00:00Z');
  });
  afterAll(async () => {
    await t.close();
  });

  it('says there is no SKO yet, before setup', async () => {
    const fresh = await startTestApp({ now: '2026-11-20T15:00:00Z' });
    const res = await fresh.driver.slashCommand({ userId: U.rep, text: 'plan' });
    expect(String(res.json?.text)).toContain('No SKO yet');
    await fresh.close();
  });

  it('shows every task by phase, with progress, owners and what is overdue', async () => {
    const res = await t.driver.slashCommand({ userId: U.rep, text: 'plan' });
    expect(res.json?.response_type).toBe('ephemeral');
    expect(renderPlainText(res.json?.blocks as KnownBlock[], names)).toBe(PLAN_ON_9_DECEMBER);
  });
});
