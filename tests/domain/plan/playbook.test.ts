import { describe, expect, it } from 'vitest';
import { AGENT_NAMES, PLAYBOOK, phaseOfWeek, tasksForEvent, WORKSTREAMS } from '../../../src/domain/plan/playbook.js';
import { EVENT_ROLES, isEventRole } from '../../../src/domain/roles.js';

const byKey = (key: string) => {
  const task = PLAYBOOK.tasks.find((t) => t.key === key);
  if (!task) throw new Error(`no task ${key}`);
  return task;
};

describe('the playbook data', () => {
  it('has five phases with the weeks of PRODUCT §2', () => {
    expect(PLAYBOOK.phases).toEqual([
      { number: 1, name: 'Planning and data analysis', weeks: { from: 1, to: 3 } },
      { number: 2, name: 'Logistics and communications', weeks: { from: 4, to: 6 } },
      { number: 3, name: 'Content finalization', weeks: { from: 7, to: 9 } },
      { number: 4, name: 'Event execution', weeks: { from: 10, to: 10 } },
      { number: 5, name: 'Post-event follow-up', weeks: { from: 11, to: 12 } },
    ]);
  });

  it('has 12 weeks with the seed focus and phase', () => {
    expect(PLAYBOOK.weeks.map((w) => [w.week, w.phase, w.focus])).toEqual([
      [1, 1, 'Performance analysis and planning committee meeting #1'],
      [2, 1, 'Content development'],
      [3, 1, 'Content development'],
      [4, 2, 'Venue and logistics'],
      [5, 2, 'Speaker preparation'],
      [6, 2, 'Pre-event communications'],
      [7, 3, 'Session content completion'],
      [8, 3, 'Session content completion'],
      [9, 3, 'Rehearsals and dry runs'],
      [10, 4, 'Event execution'],
      [11, 5, 'Immediate follow-up'],
      [12, 5, 'Momentum maintenance'],
    ]);
    expect([1, 3, 4, 6, 7, 9, 10, 11, 12].map((w) => phaseOfWeek(w))).toEqual([1, 1, 2, 2, 3, 3, 4, 5, 5]);
    expect(() => phaseOfWeek(13)).toThrow(/Week 13/);
  });

  it('has unique kebab-case task keys and unique output keys', () => {
    const keys = PLAYBOOK.tasks.map((t) => t.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) expect(key).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    const outputs = PLAYBOOK.outputs.map((o) => o.key);
    expect(new Set(outputs).size).toBe(outputs.length);
  });

  it('gives every task a title, details, a valid phase, weeks inside that phase and a valid owner role', () => {
    for (const t of PLAYBOOK.tasks) {
      expect(t.title.length, t.key).toBeGreaterThan(0);
      expect(t.details.length, t.key).toBeGreaterThan(0);
      expect(isEventRole(t.ownerRole), t.key).toBe(true);
      expect(WORKSTREAMS, t.key).toContain(t.workstream);
      const phase = PLAYBOOK.phases.find((p) => p.number === t.phase);
      expect(phase, t.key).toBeDefined();
      expect(t.weeks.from, t.key).toBeGreaterThanOrEqual(phase!.weeks.from);
      expect(t.weeks.to, t.key).toBeLessThanOrEqual(phase!.weeks.to);
      expect(t.weeks.from, t.key).toBeLessThanOrEqual(t.weeks.to);
      if (t.eventDay !== undefined) expect(t.weeks, t.key).toEqual({ from: 10, to: 10 });
    }
  });

  it('covers every phase, every week and every workstream with at least one task', () => {
    for (const p of [1, 2, 3, 4, 5])
      expect(
        PLAYBOOK.tasks.some((t) => t.phase === p),
        `phase ${p}`,
      ).toBe(true);
    for (let w = 1; w <= 12; w++) {
      expect(
        PLAYBOOK.tasks.some((t) => t.weeks.from <= w && w <= t.weeks.to),
        `week ${w}`,
      ).toBe(true);
    }
    for (const ws of WORKSTREAMS)
      expect(
        PLAYBOOK.tasks.some((t) => t.workstream === ws),
        ws,
      ).toBe(true);
  });

  it('uses every event role as an owner', () => {
    const owners = new Set(PLAYBOOK.tasks.map((t) => t.ownerRole));
    expect([...owners].sort()).toEqual([...EVENT_ROLES].sort());
  });

  it('names every seed agent at least once', () => {
    expect([...AGENT_NAMES]).toEqual([
      'quota-performance-tracker',
      'revenue-forecaster',
      'sales-pipeline-analyst',
      'territory-planning-advisor',
      'commission-calculations',
      'sales-ops-automator',
    ]);
    const used = new Set(PLAYBOOK.tasks.map((t) => t.agent).filter((a) => a !== undefined));
    for (const agent of AGENT_NAMES) expect(used.has(agent), agent).toBe(true);
  });

  it('points every output at an existing output of the same phase, and produces every output', () => {
    const outputs = new Map(PLAYBOOK.outputs.map((o) => [o.key, o]));
    for (const t of PLAYBOOK.tasks) {
      if (t.output === undefined) continue;
      const out = outputs.get(t.output);
      expect(out, `${t.key} → ${t.output}`).toBeDefined();
      expect(out!.phase, t.key).toBe(t.phase);
    }
    const produced = new Set(PLAYBOOK.tasks.map((t) => t.output));
    for (const o of PLAYBOOK.outputs) expect(produced.has(o.key), o.key).toBe(true);
  });

  it('lists the seed outputs per phase', () => {
    const titles = (phase: number) => PLAYBOOK.outputs.filter((o) => o.phase === phase).map((o) => o.title);
    expect(titles(1)).toEqual([
      'SKO objectives and agenda framework',
      'Performance insights package',
      'Budget and logistics plan',
      'Draft agenda with session descriptions',
      'Content outlines for all sessions',
      'Territory and quota packages ready',
      'Recognition awards finalized',
    ]);
    expect(titles(2)).toEqual(['All logistics locked and confirmed', 'Speakers prepared and rehearsed', 'Communications schedule launched']);
    expect(titles(5)).toEqual(['All materials accessible', 'Systems updated and functioning', 'Momentum sustained through Q1', 'Lessons learned documented']);
  });

  it('places the seed tasks with their agents, weeks and owners', () => {
    expect(byKey('w1-performance-retrospective')).toMatchObject({
      agent: 'quota-performance-tracker',
      weeks: { from: 1, to: 1 },
      ownerRole: 'sko_lead',
      phase: 1,
    });
    expect(byKey('w1-revenue-plan')).toMatchObject({ agent: 'revenue-forecaster', weeks: { from: 1, to: 1 } });
    expect(byKey('w1-pipeline-health')).toMatchObject({ agent: 'sales-pipeline-analyst', weeks: { from: 1, to: 1 } });
    expect(byKey('w1-planning-committee-1')).toMatchObject({ milestone: true, weeks: { from: 1, to: 1 } });
    expect(byKey('w2-territory-quota-assignments')).toMatchObject({
      agent: 'territory-planning-advisor',
      workstream: 'planning-materials',
      weeks: { from: 2, to: 3 },
    });
    expect(byKey('w2-comp-plan-rollout')).toMatchObject({ agent: 'commission-calculations', weeks: { from: 2, to: 3 } });
    expect(byKey('w2-performance-recognition')).toMatchObject({ workstream: 'recognition', ownerRole: 'content_lead' });
    expect(byKey('w2-training-content')).toMatchObject({ workstream: 'training-content', ownerRole: 'content_lead' });
    expect(byKey('w4-venue-booking')).toMatchObject({ ownerRole: 'logistics_lead', weeks: { from: 4, to: 4 } });
    expect(byKey('w4-av-technology-setup')).toMatchObject({ ownerRole: 'technology_lead' });
    expect(byKey('w6-save-the-date')).toMatchObject({ ownerRole: 'communications_lead', milestone: true, weeks: { from: 6, to: 6 } });
    expect(byKey('w6-event-platform')).toMatchObject({ ownerRole: 'technology_lead' });
    const fyReview = byKey('w7-fy-review-presentation');
    expect(fyReview).toMatchObject({ agent: 'quota-performance-tracker', weeks: { from: 7, to: 8 } });
    expect(fyReview.details.join(' ')).toContain('revenue-forecaster');
    expect(byKey('w7-individual-rep-packages')).toMatchObject({ agent: 'territory-planning-advisor', weeks: { from: 7, to: 8 } });
    expect(byKey('d0-pre-event-activities')).toMatchObject({ eventDay: 0, phase: 4 });
    expect(byKey('d1-morning-vision-performance')).toMatchObject({ eventDay: 1, milestone: true });
    expect(byKey('w11-content-portal')).toMatchObject({ agent: 'sales-ops-automator', weeks: { from: 11, to: 11 } });
    expect(byKey('w11-system-updates')).toMatchObject({ agent: 'sales-ops-automator' });
    expect(byKey('w12-rep-one-on-ones')).toMatchObject({ ownerRole: 'sales_leader', workstream: 'leadership' });
    expect(byKey('w12-fy-baseline-tracking')).toMatchObject({
      agent: 'quota-performance-tracker',
      workstream: 'metrics',
      weeks: { from: 12, to: 12 },
    });
  });

  it('keeps every seed bullet of a sample of sections', () => {
    const all = PLAYBOOK.tasks.flatMap((t) => t.details);
    for (const bullet of [
      'Assign planning workstreams',
      'Video testimonials and case studies',
      'Win/Loss Analysis insights',
      'Commission calculation examples',
      'Swag and materials ordering',
      'Panel discussions and fireside chats structured',
      'Pre-event surveys (topics of interest, questions)',
      'Contingency planning',
      'Top performer dinner',
      'Awards ceremony',
      'Team building activity or free time',
      'Closing celebration',
      'Momentum maintenance plan',
      'Q1 kickoff reinforcement',
      'Coaching plan rollout',
      'Document ROI and impact',
    ]) {
      expect(all, bullet).toContain(bullet);
    }
  });

  it('has event-day tasks for day 0, 1, 2 and 3 and milestones in order of the plan', () => {
    expect([...new Set(PLAYBOOK.tasks.map((t) => t.eventDay).filter((d) => d !== undefined))]).toEqual([0, 1, 2, 3]);
    expect(PLAYBOOK.tasks.filter((t) => t.milestone).map((t) => t.key)).toEqual([
      'w1-planning-committee-1',
      'w2-performance-recognition',
      'w4-venue-booking',
      'w6-save-the-date',
      'w9-full-dry-run',
      'd1-morning-vision-performance',
      'd3-midday-wrap-up',
      'w11-thank-you-recap',
      'w12-lessons-learned',
    ]);
  });
});

describe('tasksForEvent', () => {
  const eventTasks = (days: number, hasDay0: boolean) =>
    tasksForEvent(PLAYBOOK, { days, hasDay0 })
      .filter((t) => t.eventDay !== undefined)
      .map((t) => [t.key, t.eventDay]);

  it('keeps day 0 when the event has one', () => {
    const tasks = tasksForEvent(PLAYBOOK, { days: 3, hasDay0: true });
    expect(tasks).toHaveLength(PLAYBOOK.tasks.length);
    expect(tasks.map((t) => t.key)).toEqual(PLAYBOOK.tasks.map((t) => t.key));
    expect(eventTasks(3, true)).toEqual([
      ['d0-pre-event-activities', 0],
      ['d1-morning-vision-performance', 1],
      ['d1-afternoon-planning-awards', 1],
      ['d1-evening-team-dinner', 1],
      ['d2-morning-training', 2],
      ['d2-afternoon-enablement', 2],
      ['d2-evening-team-building', 2],
      ['d3-morning-team-planning', 3],
      ['d3-midday-wrap-up', 3],
    ]);
  });

  it('drops day 0 when the event has none', () => {
    const tasks = tasksForEvent(PLAYBOOK, { days: 3, hasDay0: false });
    expect(tasks).toHaveLength(PLAYBOOK.tasks.length - 1);
    expect(tasks.some((t) => t.key === 'd0-pre-event-activities')).toBe(false);
  });

  it('moves day-3 tasks to day 2 of a 2-day event, in order, without touching the template', () => {
    expect(eventTasks(2, false)).toEqual([
      ['d1-morning-vision-performance', 1],
      ['d1-afternoon-planning-awards', 1],
      ['d1-evening-team-dinner', 1],
      ['d2-morning-training', 2],
      ['d2-afternoon-enablement', 2],
      ['d2-evening-team-building', 2],
      ['d3-morning-team-planning', 2],
      ['d3-midday-wrap-up', 2],
    ]);
    expect(byKey('d3-midday-wrap-up').eventDay).toBe(3);
  });

  it('moves everything to day 1 of a 1-day event and leaves longer events alone', () => {
    expect(eventTasks(1, true).map(([, d]) => d)).toEqual([0, 1, 1, 1, 1, 1, 1, 1, 1]);
    expect(eventTasks(5, false).map(([, d]) => d)).toEqual([1, 1, 1, 2, 2, 2, 3, 3]);
  });
});
