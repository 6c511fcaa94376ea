import type { KnownBlock } from '@slack/types';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox } from '../../../db/schema.js';
import type { SurveyFacts, SurveyInviteNotice } from '../../../src/domain/comms/notices.js';
import { enqueueDms } from '../../../src/services/delivery/combine.js';
import { newestEvent } from '../../../src/services/plan/event-store.js';
import { renderPlainText } from '../../../views/kit/plain-text.js';
import { renderNotice } from '../../../views/notices.js';
import { U } from '../../support/builders.js';
import { startWithSko } from '../../support/sko.js';
import type { TestApp } from '../../support/test-app.js';

const names = { user: (id: string) => id, channel: () => 'sko' };
type Block = { type: string; text?: { text: string }; accessory?: { text: { text: string }; value?: string } };

/** Survey reminders due together (issue 14): one DM under one heading, each survey a line with its own Answer button. */
describe('survey reminders due together', () => {
  let t: TestApp;
  let blocks: Block[];
  let reminders: SurveyInviteNotice[];

  beforeAll(async () => {
    t = await startWithSko();
    const event = newestEvent(t.db);
    if (!event) throw new Error('no SKO');
    const surveys: SurveyFacts[] = [
      {
        id: 41,
        kind: 'post',
        title: 'Post-event feedback',
        anonymous: true,
        questions: 6,
        sessionRatings: 0,
        minutes: 4,
        closesAt: new Date('2027-02-16T22:00:00Z'),
      },
      {
        id: 42,
        kind: 'quiz',
        title: 'Certification quiz',
        anonymous: false,
        questions: 5,
        sessionRatings: 0,
        minutes: 5,
        closesAt: new Date('2027-02-19T22:00:00Z'),
      },
    ];
    reminders = surveys.map((survey) => ({
      type: 'survey-invite',
      to: { kind: 'person', person: { personId: 2, slackUserId: U.priya, name: 'Priya' }, mayReassign: false },
      label: `${survey.title} reminder`,
      event: { id: event.id, name: event.name, day1: '2027-02-02', lastDay: '2027-02-04', day0: null, location: null, timeZone: event.timeZone },
      body: 'Tell us how it went.',
      survey,
      reminder: 1,
    }));
    const at = new Date(t.clock.now().getTime() + 60_000);
    enqueueDms(
      t.db,
      reminders.map((notice, i) => ({
        key: `test-survey-reminder-${i}:${U.priya}`,
        kind: 'survey-reminder',
        label: notice.label,
        channel: U.priya,
        ...renderNotice(notice),
        eventId: event.id,
        staleAt: null,
        notBefore: at,
      })),
      t.clock.now(),
    );
    t.clock.set(new Date(at.getTime() + 60_000));
    await t.deps.outbox.drain();
    const sent = t.fake.messagesIn(U.priya).filter((m) => m.text?.includes('Reminder: '));
    if (sent.length !== 1) throw new Error(`expected one reminder DM, got ${sent.length}`);
    blocks = (sent[0]?.blocks ?? []) as Block[];
  });
  afterAll(async () => {
    await t.close();
  });

  it('arrives as one message with one heading and no dividers', () => {
    expect(blocks.filter((b) => b.type === 'header').map((b) => b.text?.text)).toEqual(['Waiting for your answers']);
    expect(blocks.filter((b) => b.type === 'divider')).toEqual([]);
  });

  it('gives each survey its own line and its own Answer button', () => {
    const lines = blocks.filter((b) => b.accessory?.text.text === 'Answer');
    expect(lines.map((b) => b.accessory?.value)).toEqual(['41', '42']);
    expect(lines[0]?.text?.text).toContain('*Post-event feedback* closes <!date^');
    const shown = renderPlainText(blocks as KnownBlock[], names);
    expect(shown).toContain('🔔 Certification quiz closes ');
    expect(shown.match(/\[ Answer \]/g)).toHaveLength(2);
  });

  it('keeps each reminder its own row, carried by the one message', () => {
    const rows = t.db.select().from(outbox).where(eq(outbox.channel, U.priya)).all();
    const parts = rows.filter((r) => r.key.startsWith('test-survey-reminder-'));
    const carrier = rows.find((r) => r.kind === 'combined' && r.status === 'sent');
    expect(parts.map((r) => r.status)).toEqual(['combined', 'combined']);
    expect(parts.every((r) => r.carriedBy === carrier?.id)).toBe(true);
  });
});
