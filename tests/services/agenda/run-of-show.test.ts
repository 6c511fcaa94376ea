import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { agendaSessions, sessionRuns } from '../../../db/schema.js';
import { agendaAdherence, markSession, shiftRestOfDay } from '../../../src/services/agenda/run-of-show.js';
import { addSession, type StoredSession } from '../../../src/services/agenda/sessions.js';
import type { EventRow } from '../../../src/services/plan/event-store.js';
import { saveSetup } from '../../../src/services/plan/setup.js';
import { setupInput, U } from '../../support/builders.js';
import { createTestDb, type TestDb } from '../../support/test-db.js';

/** Day 2 (Wed 3 Feb 2027, New York, UTC−5) of the FY27 SKO, ending late: what the run of show refuses, and early starts. */
describe('the run of show refuses what cannot be, and writes nothing then', () => {
  let testDb: TestDb;
  let event: EventRow;
  let sessions: StoredSession[];
  const at = (local: string) => new Date(`2027-02-03T${local}:00-05:00`);
  const times = () => testDb.db.select({ title: agendaSessions.title, start: agendaSessions.start, end: agendaSessions.end }).from(agendaSessions).all();

  beforeEach(() => {
    testDb = createTestDb();
    event = saveSetup(testDb.db, setupInput(), U.dana, new Date('2026-11-20T15:00:00Z'), null).event;
    sessions = [
      { start: '21:00', end: '22:00', title: 'Awards' },
      { start: '22:00', end: '22:30', title: 'Closing words' },
      { start: '23:00', end: '23:50', title: 'Night cap' },
    ].map((s) => {
      const added = addSession(testDb.db, event, { day: 2, ...s, kind: 'social', format: 'interactive' });
      if (!added.ok) throw new Error(JSON.stringify(added.errors));
      return added.session;
    });
  });

  afterEach(() => {
    testDb.close();
  });

  it('refuses Ended before Started, and a second Started', () => {
    const [awards] = sessions as [StoredSession];
    expect(() => markSession(testDb.db, event.id, awards.id, U.priya, 'ended', at('21:00'))).toThrow(
      '"Awards" has not been marked started yet: press Started first.',
    );
    expect(testDb.db.select().from(sessionRuns).all()).toEqual([]);
    markSession(testDb.db, event.id, awards.id, U.priya, 'started', at('21:01'));
    expect(() => markSession(testDb.db, event.id, awards.id, U.dana, 'started', at('21:05'))).toThrow('"Awards" was already marked started.');
    expect(testDb.db.select().from(sessionRuns).all()).toMatchObject([{ startedAt: '2027-02-04T02:01:00.000Z', startedBy: U.priya }]);
  });

  it('refuses a shift that would push a session past midnight, and moves nothing', () => {
    const [awards] = sessions as [StoredSession];
    markSession(testDb.db, event.id, awards.id, U.priya, 'started', at('21:20'));
    const before = times();
    expect(() => shiftRestOfDay(testDb.db, event.id, awards.id, U.priya)).toThrow(
      'Moving the rest of day 2 by 20 minutes would push "Night cap" past midnight. Nothing was moved.',
    );
    expect(times()).toEqual(before);
    expect(testDb.db.select().from(sessionRuns).all()).toMatchObject([{ sessionId: awards.id, shiftedRestBy: null }]);
  });

  it('counts a start more than 5 minutes early as off plan, and an early start as no lateness', () => {
    const [awards, closing] = sessions as [StoredSession, StoredSession];
    markSession(testDb.db, event.id, awards.id, U.priya, 'started', at('20:50'));
    markSession(testDb.db, event.id, closing.id, U.priya, 'started', at('22:04'));
    // Awards 10 min early (off plan, no lateness); Closing words 4 min late: 1 of 2, 4 min behind in all.
    expect(agendaAdherence(testDb.db, event)).toEqual({
      percent: 50,
      basis:
        '1 of 2 sessions started within 5 minutes of plan; starts ran 4 min behind plan in all (2 min on average); none more than 5 minutes late; 1 more than 5 minutes early.',
    });
  });
});
