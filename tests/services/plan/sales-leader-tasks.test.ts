import { afterEach, describe, expect, it } from 'vitest';
import { loadPlan, newestEvent } from '../../../src/services/plan/event-store.js';
import { setupValues, U } from '../../support/builders.js';
import { submitSetup } from '../../support/sko.js';
import { stateValue } from '../../support/slack-driver/state-values.js';
import { startTestApp, type TestApp } from '../../support/test-app.js';

function leadershipTasks(t: TestApp) {
  const event = newestEvent(t.db);
  if (!event) throw new Error('no event');
  return loadPlan(t.db, event)
    .tasks.filter((task) => task.ownerRole === 'sales_leader')
    .map((task) => ({ title: task.title, owner: task.owner?.slackUserId }))
    .sort((a, b) => a.title.localeCompare(b.title) || String(a.owner).localeCompare(String(b.owner)));
}

describe('week-12 leadership tasks', () => {
  let t: TestApp;
  afterEach(async () => {
    await t.close();
  });

  it('gives each sales leader their own follow-ups, 1:1s and coaching plan; the accountability systems stay with the first', async () => {
    t = await startTestApp({ now: '2026-11-20T15:00:00Z' });
    await submitSetup(t, setupValues({ salesLeaders: stateValue.users([U.elena, U.rep]) }));
    expect(leadershipTasks(t)).toEqual([
      { title: 'Hold 1:1s with each rep', owner: U.elena },
      { title: 'Hold 1:1s with each rep', owner: U.rep },
      { title: 'Hold team-level follow-up meetings', owner: U.elena },
      { title: 'Hold team-level follow-up meetings', owner: U.rep },
      { title: 'Launch accountability systems', owner: U.elena },
      { title: 'Roll out the coaching plan', owner: U.elena },
      { title: 'Roll out the coaching plan', owner: U.rep },
    ]);
  });

  it('goes back to one task when the event names one sales leader again', async () => {
    t = await startTestApp({ now: '2026-11-20T15:00:00Z' });
    await submitSetup(t, setupValues({ salesLeaders: stateValue.users([U.elena, U.rep]) }));
    await submitSetup(t, setupValues({ salesLeaders: stateValue.users([U.rep]) }));
    expect(leadershipTasks(t)).toEqual([
      { title: 'Hold 1:1s with each rep', owner: U.rep },
      { title: 'Hold team-level follow-up meetings', owner: U.rep },
      { title: 'Launch accountability systems', owner: U.rep },
      { title: 'Roll out the coaching plan', owner: U.rep },
    ]);
  });
});
