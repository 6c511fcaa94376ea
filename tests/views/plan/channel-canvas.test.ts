import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_CHANNEL, U } from '../../support/builders.js';
import { startWithSko } from '../../support/sko.js';
import { eventually, type TestApp } from '../../support/test-app.js';

/** The SKO channel's canvas: one living page with the plan, the agenda and the materials, rewritten as they change. */
describe('the SKO channel canvas', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startWithSko();
  });
  afterAll(async () => {
    await t.close();
  });

  it('is made when the SKO is set up, with the plan by phase, owners and progress', async () => {
    const canvas = await eventually(() => t.fake.canvasIn(EVENT_CHANNEL));
    expect(canvas.markdown.startsWith('# FY27 Sales Kickoff\n0 of ')).toBe(true);
    expect(canvas.markdown).toContain('### Phase 1: Planning and data analysis');
    expect(canvas.markdown).toContain(`⚪ Draft the agenda with session descriptions · ![](@${U.priya}) · due Fri 18 Dec`);
    expect(canvas.markdown).toContain('## Agenda\nNo sessions yet');
    expect(canvas.markdown).toContain('## Materials\nNo materials yet');
  });

  it('is rewritten, not made again, when a task is done and when materials are added', async () => {
    const res = await t.driver.slashCommand({ userId: U.priya, text: 'tasks' });
    const blocks = res.json?.blocks as { block_id?: string; accessory?: { action_id?: string; value?: string } }[];
    const first = blocks.find((b) => b.accessory?.action_id === 'task_mark_done');
    await t.driver.blockAction({
      userId: U.priya,
      actionId: 'task_mark_done',
      ...(first?.block_id ? { blockId: first.block_id } : {}),
      ...(first?.accessory?.value ? { value: first.accessory.value } : {}),
      ephemeral: true,
      message: { blocks },
    });
    const afterTask = await eventually(() => {
      const c = t.fake.canvasIn(EVENT_CHANNEL);
      return c && c.edits >= 1 ? c : undefined;
    });
    expect(afterTask.markdown).toContain('✅ Draft the agenda with session descriptions');
    expect(afterTask.markdown).toMatch(/^# FY27 Sales Kickoff\n1 of /);
    await t.driver.slashCommand({ userId: U.dana, text: 'materials add Opening keynote https://example.com/keynote.pdf slides' });
    const afterMaterials = await eventually(() => {
      const c = t.fake.canvasIn(EVENT_CHANNEL);
      return c && c.edits >= 2 ? c : undefined;
    });
    expect(afterMaterials.markdown).toContain('- Opening keynote: [slides](https://example.com/keynote.pdf)');
    expect(t.fake.callsTo('conversations.canvases.create')).toHaveLength(1);
  });
});
