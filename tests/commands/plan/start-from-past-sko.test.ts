import type { KnownBlock } from '@slack/types';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  actionItems,
  agendaSessions,
  budgetOverrides,
  communications,
  type EventRow,
  eventRoles,
  events,
  expenses,
  materials,
  outbox,
  people,
  rsvps,
  surveyInvitations,
  surveyResponses,
  surveys,
  tasks,
} from '../../../db/schema.js';
import { followAgenda } from '../../../src/services/agenda/ratings.js';
import { eventById } from '../../../src/services/plan/event-store.js';
import { SETUP_MODAL } from '../../../views/kit/ids.js';
import { renderPlainText } from '../../../views/kit/plain-text.js';
import { addPeople, setupValues, U } from '../../support/builders.js';
import { openSetupModal, submitNewSko, submitSetup } from '../../support/sko.js';
import { stateValue } from '../../support/slack-driver/state-values.js';
import { eventually, startTestApp, type TestApp } from '../../support/test-app.js';

/**
 * Last year's kickoff, FY26 (day 1 Tue 3 Feb 2026, three days in New York), ran and is archived.
 * A year later Dana starts FY27 from it: two days in Berlin from Tue 2 Feb 2027, half the budget,
 * Lars as content lead and every other role left for the copy to fill.
 */
const LARS = 'ULARS0001';
const FY26_CHANNEL = 'CFY26SKO1';
const FY27_CHANNEL = 'CFY27SKO1';

let t: TestApp;
let fy26: EventRow;
let fy26Before: Record<string, unknown[]>;

const eventNamed = (name: string) => t.db.select().from(events).where(eq(events.name, name)).get() as EventRow;
const personId = (slackUserId: string) => t.db.select().from(people).where(eq(people.slackUserId, slackUserId)).get()?.id as number;

/** Everything of one SKO the copy reads or must leave alone, row by row. */
function rowsOf(eventId: number) {
  const surveyIds = t.db.select({ id: surveys.id }).from(surveys).where(eq(surveys.eventId, eventId)).all();
  const ofSurveys = <T>(read: (id: number) => T[]) => surveyIds.flatMap((s) => read(s.id));
  return {
    sessions: t.db.select().from(agendaSessions).where(eq(agendaSessions.eventId, eventId)).orderBy(asc(agendaSessions.day)).all(),
    budget: t.db.select().from(budgetOverrides).where(eq(budgetOverrides.eventId, eventId)).all(),
    communications: t.db.select().from(communications).where(eq(communications.eventId, eventId)).orderBy(asc(communications.key)).all(),
    surveys: t.db.select().from(surveys).where(eq(surveys.eventId, eventId)).orderBy(asc(surveys.kind)).all(),
    roles: t.db.select().from(eventRoles).where(eq(eventRoles.eventId, eventId)).all(),
    rsvps: t.db.select().from(rsvps).where(eq(rsvps.eventId, eventId)).all(),
    expenses: t.db.select().from(expenses).where(eq(expenses.eventId, eventId)).all(),
    actionItems: t.db.select().from(actionItems).where(eq(actionItems.eventId, eventId)).all(),
    materials: t.db.select().from(materials).where(eq(materials.eventId, eventId)).all(),
    invitations: ofSurveys((id) => t.db.select().from(surveyInvitations).where(eq(surveyInvitations.surveyId, id)).all()),
    responses: ofSurveys((id) => t.db.select().from(surveyResponses).where(eq(surveyResponses.surveyId, id)).all()),
    outbox: t.db.select().from(outbox).where(eq(outbox.eventId, eventId)).all(),
    doneTasks: t.db
      .select()
      .from(tasks)
      .where(eq(tasks.eventId, eventId))
      .all()
      .filter((task) => task.status === 'done'),
  };
}

/** FY26 as it stood when it ended: what its people wrote and chose, and what happened there. */
function fillFy26(eventId: number): void {
  const session = { kind: 'strategy' as const, format: 'lecture' as const, takeaways: ['One story'], nextSteps: ['Tell it'], speakers: ['Dana Whitfield'] };
  t.db
    .insert(agendaSessions)
    .values([
      { eventId, day: 1, start: '09:00', end: '10:00', title: 'Kickoff keynote', ...session, rating: 4.6, ratingCount: 80 },
      { eventId, day: 2, start: '13:30', end: '15:00', title: 'Discovery role-play', ...session, format: 'role-play', speakers: ['Priya Nair', 'Marco Rossi'] },
      { eventId, day: 3, start: '18:00', end: '20:00', title: 'Awards dinner', ...session, kind: 'recognition' },
    ])
    .run();
  // Its post-event survey asked about its sessions, as the agenda modal would have made it.
  followAgenda(t.db, eventById(t.db, eventId) as EventRow, t.clock.now());
  t.db.insert(budgetOverrides).values({ eventId, category: 'venue', amountCents: 20_000_000 }).run();
  const edit = (key: string, fields: Partial<typeof communications.$inferInsert>) =>
    t.db
      .update(communications)
      .set(fields)
      .where(and(eq(communications.eventId, eventId), eq(communications.key, key)))
      .run();
  edit('save-the-date', { body: 'FY26: save the date!' });
  // Thank-you and recap moved from Mon 9 Feb 10:00 to Tue 10 Feb 11:15 in New York, and reworded; its highlights were FY26's own.
  edit('thank-you-recap', { body: 'Thank you for a great FY26 kickoff.', sendAt: '2026-02-10T16:15:00.000Z', details: { highlights: 'The awards dinner' } });
  // The post-event survey closed two days later than planned: Thu 19 Feb 17:00 in New York.
  edit('post-event-survey', { closesAt: '2026-02-19T22:00:00.000Z' });
  edit('q1-reinforcement', { cancelled: true });
  const pre = t.db.select().from(surveys).where(eq(surveys.kind, 'pre')).get();
  if (!pre) throw new Error('FY26 has no pre-event survey');
  t.db
    .update(surveys)
    .set({ definition: { ...pre.definition, intro: 'Two minutes, before FY26.', questions: pre.definition.questions.slice(0, 3) } })
    .where(eq(surveys.id, pre.id))
    .run();
  const rep = personId(U.rep);
  t.db.insert(rsvps).values({ eventId, personId: rep, answer: 'attending', answeredAt: '2025-12-08T15:00:00Z' }).run();
  t.db.insert(expenses).values({ eventId, category: 'venue', vendor: 'Hilton Chicago', amountCents: 15_000_000, date: '2025-12-01' }).run();
  t.db
    .insert(actionItems)
    .values({ eventId, title: 'Book FY27 venue early', ownerId: rep, creatorId: personId(U.dana), source: 'command' })
    .run();
  t.db.insert(materials).values({ eventId, session: 'Kickoff keynote', kind: 'slides', url: 'https://example.com/fy26.pdf' }).run();
  t.db.insert(surveyInvitations).values({ surveyId: pre.id, personId: rep, invitedAt: '2025-12-09T15:00:00Z', answered: true }).run();
  t.db
    .insert(surveyResponses)
    .values({ surveyId: pre.id, respondentKey: 'k1', groupLabel: 'East', answers: { q1: 4 } })
    .run();
  t.db.update(tasks).set({ status: 'done' }).where(eq(tasks.eventId, eventId)).run();
}

beforeAll(async () => {
  t = await startTestApp({ now: '2025-10-01T15:00:00Z' });
  addPeople(t.db, [{ slackUserId: U.rep, name: 'Rick' }]);
  const res = await submitSetup(
    t,
    setupValues({ name: stateValue.text('FY26 Sales Kickoff'), day1: stateValue.date('2026-02-03'), channelId: stateValue.channel(FY26_CHANNEL) }),
  );
  expect(res.text).toBe('');
  fy26 = eventNamed('FY26 Sales Kickoff');
  fillFy26(fy26.id);
  t.db.update(events).set({ archivedAt: '2026-04-27T00:00:00Z' }).where(eq(events.id, fy26.id)).run();
  // Its setup summary sent, as it was long before it ended.
  await eventually(() =>
    t.db
      .select()
      .from(outbox)
      .all()
      .every((o) => o.status === 'sent'),
  );
  fy26Before = rowsOf(fy26.id);
  t.clock.set('2026-11-20T15:00:00Z');
});
afterAll(async () => {
  await t.close();
});

/** FY27's form, with FY26 chosen to start from and only the content lead picked. */
const fy27Values = (overrides: Parameters<typeof setupValues>[0] = {}) =>
  setupValues({
    name: stateValue.text('FY27 Sales Kickoff'),
    day1: stateValue.date('2027-02-02'),
    days: stateValue.option('2'),
    timeZone: stateValue.option('Europe/Berlin'),
    budget: stateValue.text('$310,000'),
    channelId: stateValue.channel(FY27_CHANNEL),
    copyFrom: stateValue.option(String(fy26.id)),
    sko_lead: null,
    content_lead: stateValue.user(LARS),
    logistics_lead: null,
    communications_lead: null,
    technology_lead: null,
    salesLeaders: null,
    ...overrides,
  });

describe('starting a new SKO from a past one', () => {
  it('offers every SKO there is to start from, archived ones too, by name and year', async () => {
    // FY26 is archived, so an admin has one choice, a new SKO, and the form opens at once.
    const view = await openSetupModal(t, U.dana);
    expect(view.private_metadata).toBe('new');
    const block = (view.blocks as { block_id?: string; optional?: boolean; element?: { options?: { text: { text: string }; value: string }[] } }[]).find(
      (b) => b.block_id === SETUP_MODAL.blocks.copyFrom,
    );
    expect(block?.optional).toBe(true);
    expect(block?.element?.options?.map((o) => [o.text.text, o.value])).toEqual([['FY26 Sales Kickoff (2026)', String(fy26.id)]]);
  });

  it('leaves nothing behind when the form is refused: no SKO, no copy', async () => {
    // Lars, the content lead chosen, is new to the app: saving writes him first, and the refusal takes him back out.
    const tables = [events, people, agendaSessions, budgetOverrides, communications, surveys, eventRoles, tasks, outbox] as const;
    const counts = () => tables.map((table) => t.db.select().from(table).all().length);
    const before = counts();
    // FY26 running again for this test, so its channel is taken: the form is refused on that field.
    t.db.update(events).set({ archivedAt: null }).where(eq(events.id, fy26.id)).run();
    try {
      const res = await submitNewSko(t, fy27Values({ channelId: stateValue.channel(FY26_CHANNEL) }));
      expect(res.json).toEqual({
        response_action: 'errors',
        errors: { [SETUP_MODAL.blocks.channelId]: `<#${FY26_CHANNEL}> is the channel of FY26 Sales Kickoff. Pick a channel of this SKO's own.` },
      });
    } finally {
      t.db.update(events).set({ archivedAt: '2026-04-27T00:00:00Z' }).where(eq(events.id, fy26.id)).run();
    }
    expect(counts()).toEqual(before);
  });
});

describe('FY27 started from FY26', () => {
  let fy27: EventRow;
  beforeAll(async () => {
    const res = await submitSetup(t, fy27Values());
    expect(res.text).toBe('');
    fy27 = eventNamed('FY27 Sales Kickoff');
  });

  it('takes the agenda onto its own days: titles, times, order and speakers, without last year’s ratings or a day it does not have', () => {
    const copied = rowsOf(fy27.id).sessions.map(({ day, start, end, title, kind, format, speakers, takeaways, nextSteps, rating, ratingCount }) => ({
      day,
      start,
      end,
      title,
      kind,
      format,
      speakers,
      takeaways,
      nextSteps,
      rating,
      ratingCount,
    }));
    const common = { kind: 'strategy', takeaways: ['One story'], nextSteps: ['Tell it'], rating: null, ratingCount: 0 };
    expect(copied).toEqual([
      { day: 1, start: '09:00', end: '10:00', title: 'Kickoff keynote', format: 'lecture', speakers: ['Dana Whitfield'], ...common },
      { day: 2, start: '13:30', end: '15:00', title: 'Discovery role-play', format: 'role-play', speakers: ['Priya Nair', 'Marco Rossi'], ...common },
    ]);
  });

  it('keeps the budget split as shares of its own total', () => {
    expect(rowsOf(fy27.id).budget.map(({ category, amountCents }) => ({ category, amountCents }))).toEqual([{ category: 'venue', amountCents: 10_000_000 }]);
  });

  it('takes the texts written for FY26, their edited times moved to the same point of its own plan in Berlin, and nothing of their sends', () => {
    const byKey = new Map(rowsOf(fy27.id).communications.map((c) => [c.key, c]));
    expect(byKey.get('save-the-date')).toMatchObject({ body: 'FY26: save the date!', sendAt: null, closesAt: null, cancelled: false, details: null });
    // Tue 10 Feb 2026 11:15 in New York was a day after its default (Mon of week 11): so Tue 9 Feb 2027 11:15 in Berlin.
    expect(byKey.get('thank-you-recap')).toMatchObject({
      body: 'Thank you for a great FY26 kickoff.',
      sendAt: '2027-02-09T10:15:00.000Z',
      cancelled: false,
      details: null,
    });
    // Closing two days late, on Thu of week 12 at 17:00: Thu 18 Feb 2027, 17:00 in Berlin.
    expect(byKey.get('post-event-survey')).toMatchObject({ body: null, sendAt: null, closesAt: '2027-02-18T16:00:00.000Z' });
    expect(byKey.get('q1-reinforcement')).toMatchObject({ body: null, cancelled: false });
    const untouched = [...byKey.values()].filter((c) => !['save-the-date', 'thank-you-recap', 'post-event-survey'].includes(c.key));
    expect(untouched.length).toBeGreaterThan(0);
    for (const c of untouched) expect(c).toMatchObject({ body: null, sendAt: null, closesAt: null });
  });

  it('asks its surveys’ questions as FY26 last had them, about its own sessions', () => {
    const [fy26Post, fy27Post] = [fy26.id, fy27.id].map((id) => rowsOf(id).surveys.find((s) => s.kind === 'post')?.definition);
    const sessionQuestions = (survey: typeof fy26Post) =>
      survey?.questions.filter((q) => q.metric === 'session-rating').map((q) => [q.prompt, 'session' in q ? q.session?.id : undefined]);
    const others = (survey: typeof fy26Post) => survey?.questions.filter((q) => q.metric !== 'session-rating');
    expect(sessionQuestions(fy26Post)?.map(([prompt]) => prompt)).toEqual([
      'How would you rate “Kickoff keynote”?',
      'How would you rate “Discovery role-play”?',
      'How would you rate “Awards dinner”?',
    ]);
    // Answers rate this SKO's sessions, never last year's.
    const [keynote, rolePlay] = rowsOf(fy27.id).sessions;
    expect(sessionQuestions(fy27Post)).toEqual([
      ['How would you rate “Kickoff keynote”?', String(keynote?.id)],
      ['How would you rate “Discovery role-play”?', String(rolePlay?.id)],
    ]);
    expect(others(fy27Post)).toEqual(others(fy26Post));
    const pre = (id: number) => rowsOf(id).surveys.find((s) => s.kind === 'pre')?.definition;
    expect(pre(fy27.id)).toEqual(pre(fy26.id));
    expect(pre(fy27.id)?.intro).toBe('Two minutes, before FY26.');
  });

  it('keeps the role holders for the roles left empty, and the content lead chosen in the form', () => {
    const roles = rowsOf(fy27.id)
      .roles.map((r) => [r.role, r.personId])
      .sort();
    expect(roles).toEqual(
      [
        ['communications_lead', personId(U.aisha)],
        ['content_lead', personId(LARS)],
        ['logistics_lead', personId(U.marco)],
        ['sales_leader', personId(U.elena)],
        ['sko_lead', personId(U.dana)],
        ['technology_lead', personId(U.tom)],
      ].sort(),
    );
  });

  it('copies nothing else: no RSVPs, expenses, action items, materials, invitations, answers or tasks done, and FY26 is as it was', () => {
    const rows = rowsOf(fy27.id);
    expect({
      rsvps: rows.rsvps,
      expenses: rows.expenses,
      actionItems: rows.actionItems,
      materials: rows.materials,
      invitations: rows.invitations,
      responses: rows.responses,
      doneTasks: rows.doneTasks,
    }).toEqual({ rsvps: [], expenses: [], actionItems: [], materials: [], invitations: [], responses: [], doneTasks: [] });
    expect(rows.outbox.map((o) => o.kind)).toEqual(['setup-summary']);
    expect(rowsOf(fy26.id)).toEqual(fy26Before);
  });

  it('says in the channel what it started from and what came along', async () => {
    const [summary] = await eventually(() => t.fake.messagesIn(FY27_CHANNEL).length > 0 && t.fake.messagesIn(FY27_CHANNEL));
    const text = renderPlainText((summary?.blocks ?? []) as KnownBlock[], { user: (id) => id, channel: () => 'sko' });
    expect(text).toContain(
      "Started from FY26 Sales Kickoff: 2 agenda sessions (on this SKO's days), the budget split (1 category set by hand), 2 message texts written for it, 2 edited send or closing times (at the same point of this SKO's plan), the questions of 2 surveys and who held its roles (SKO lead, logistics lead, communications lead, technology lead, sales leader). No answers, RSVPs, expenses or action items came along. 1 session on days this SKO does not have stayed behind.",
    );
  });
});
