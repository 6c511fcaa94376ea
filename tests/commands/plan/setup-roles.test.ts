import { Readable } from 'node:stream';
import type { KnownBlock } from '@slack/types';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventRoles, people, roleChanges } from '../../../db/schema.js';
import { importCsv } from '../../../src/services/sales/import/import-csv.js';
import { SETUP_MODAL } from '../../../views/kit/ids.js';
import { renderPlainText } from '../../../views/kit/plain-text.js';
import { setupValues, U } from '../../support/builders.js';
import { submitSetup } from '../../support/sko.js';
import { stateValue } from '../../support/slack-driver/state-values.js';
import { eventually, startTestApp, type TestApp } from '../../support/test-app.js';

const names = { user: (id: string) => id, channel: () => 'sko' };
const roleOf = (t: TestApp, slackUserId: string) => t.db.select().from(people).where(eq(people.slackUserId, slackUserId)).get()?.role;

/** Dana (an admin) sets the SKO up with the rep as its SKO lead and Elena, new to the app, as its sales leader. */
let t: TestApp;
beforeEach(async () => {
  t = await startTestApp({ now: '2026-11-20T15:00:00Z' });
  const res = await submitSetup(t, setupValues({ sko_lead: stateValue.user(U.rep) }));
  expect(res.text).toBe('');
});
afterEach(async () => {
  await t.close();
});

async function homeText(user: string): Promise<string> {
  const before = t.fake.callsTo('views.publish').length;
  await t.driver.event({ type: 'app_home_opened', user, channel: 'D1', tab: 'home', event_ts: '1.1' });
  const calls = await eventually(() => t.fake.callsTo('views.publish').length > before && t.fake.callsTo('views.publish'));
  const view = calls.at(-1)?.args.view as { blocks: KnownBlock[] } | undefined;
  if (!view) throw new Error(`no App Home was published for ${user}`);
  return renderPlainText(view.blocks, names);
}

describe('who setup may make a sales leader', () => {
  it('an admin naming one grants the leader role, recorded and shown to admins only', async () => {
    expect(roleOf(t, U.elena)).toBe('leader');
    expect(t.db.select().from(roleChanges).all()).toMatchObject([{ fromRole: 'rep', toRole: 'leader', source: 'setup', changedBy: U.dana }]);
    expect(await homeText(U.dana)).toMatch(
      new RegExp(
        `Role changes \\(admins only, newest first\\)\\n• @${U.elena}: rep → leader, named a sales leader in the SKO setup by @${U.dana} · Fri 20 Nov 2026 10:00`,
      ),
    );
    expect(await homeText(U.rep)).not.toContain('Role changes');
  });

  it('the SKO lead, not an admin, cannot name himself: the field says why, and nothing changes', async () => {
    const res = await submitSetup(t, setupValues({ sko_lead: stateValue.user(U.rep), salesLeaders: stateValue.users([U.elena, U.rep]) }), U.rep);
    expect(res.json).toEqual({
      response_action: 'errors',
      errors: {
        [SETUP_MODAL.blocks.salesLeaders]:
          `<@${U.rep}> is not a sales leader in the people data, and naming them would let them see everyone's figures. Pick leaders, or ask an admin to name them.`,
      },
    });
    expect(roleOf(t, U.rep)).toBe('rep');
    expect(
      t.db
        .select()
        .from(eventRoles)
        .where(eq(eventRoles.role, 'sales_leader'))
        .all()
        .map((r) => r.personId),
    ).toHaveLength(1);
    expect(t.db.select().from(roleChanges).all()).toHaveLength(1);
  });

  it('the SKO lead may save the setup with the leaders it has, and change its other fields', async () => {
    const res = await submitSetup(t, setupValues({ sko_lead: stateValue.user(U.rep), location: stateValue.text('Denver') }), U.rep);
    expect(res.text).toBe('');
    expect(t.db.select().from(roleChanges).all()).toHaveLength(1);
    expect(t.db.select().from(roleChanges).all()).toHaveLength(1);
  });
});

describe('a people import that changes a role', () => {
  it('is recorded as the file’s doing, and a new person is no change', async () => {
    await importCsv(
      t.db,
      'people',
      Readable.from([`email,name,role,slack_user_id\nelena@acme.com,Elena Ruiz,manager,${U.elena}\nnew@acme.com,New Rep,rep,\n`]),
    );
    expect(roleOf(t, U.elena)).toBe('manager');
    expect(
      t.db
        .select()
        .from(roleChanges)
        .all()
        .map((c) => [c.fromRole, c.toRole, c.source, c.changedBy]),
    ).toEqual([
      ['rep', 'leader', 'setup', U.dana],
      ['leader', 'manager', 'import', null],
    ]);
    expect(await homeText(U.dana)).toContain(`• @${U.elena}: leader → manager, from a people file`);
  });
});
